namespace KosodateShien.Bench.Faults;

/// <summary>What the client saw of one fault, from its requests: answers while it lasted, and the first 2xx after it.</summary>
/// <param name="Answers">requests answered while it lasted (neither 2xx nor after the fault ended), by status or failure</param>
/// <param name="LongestWait">the longest any such request waited for its answer, counted from the fault at the earliest</param>
/// <param name="Recovery">from <see cref="FaultWindow.Back"/> to the first 2xx after it; null when none came</param>
/// <param name="FailuresAfter">requests sent once the service could serve again (<see cref="FaultWindow.Ready"/>) that still failed (a connection
/// broken by the crash used again, say), by outcome; not those the next fault cut</param>
public sealed record OutageTimes(IReadOnlyDictionary<string, int> Answers, TimeSpan LongestWait, TimeSpan? Recovery, IReadOnlyDictionary<string, int> FailuresAfter)
{
    /// <param name="until">when the next fault struck (requests after it belong to that one)</param>
    public static OutageTimes Of(FaultWindow window, IEnumerable<Attempt> attempts, long until = long.MaxValue)
    {
        var list = attempts.ToList();
        var during = list.Where(a => a.Ended > window.Injected && a.Started < window.Back && !IsSuccess(a)).ToList();
        var longest = during.Count == 0 ? 0 : during.Max(a => FaultWindow.Seconds(Math.Max(a.Started, window.Injected), a.Ended));
        var firstSuccess = list.Where(a => IsSuccess(a) && a.Ended >= window.Back).Select(a => (long?)a.Ended).Min();
        // A request still running when the next fault struck is that fault's, whatever it got.
        var after = list.Where(a => a.Started >= window.Ready && a.Ended < until && a.Outcome[0] is not ('2' or '4')).ToList();
        return new OutageTimes(
            Count(during),
            TimeSpan.FromSeconds(longest),
            firstSuccess is { } ended ? TimeSpan.FromSeconds(FaultWindow.Seconds(window.Back, ended)) : null,
            Count(after));
    }

    public string Describe() => Describe(Answers, "no request answered meanwhile");

    public string DescribeAfter() => Describe(FailuresAfter, "none");

    private static Dictionary<string, int> Count(IEnumerable<Attempt> attempts) => attempts.GroupBy(a => a.Outcome).ToDictionary(g => g.Key, g => g.Count());

    private static string Describe(IReadOnlyDictionary<string, int> counts, string none) => counts.Count == 0 ? none :
        string.Join(", ", counts.OrderByDescending(a => a.Value).Select(a => $"{a.Key}×{a.Value}"));

    private static bool IsSuccess(Attempt attempt) => attempt.Outcome.Length == 3 && attempt.Outcome[0] == '2';
}
