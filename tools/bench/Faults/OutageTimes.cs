namespace KosodateShien.Bench.Faults;

/// <summary>What the client saw of one fault, from its requests: answers while it lasted, and the first 2xx after it.</summary>
/// <param name="Answers">requests answered while it lasted (neither 2xx nor after the fault ended), by status or failure</param>
/// <param name="LongestWait">the longest any such request waited for its answer, counted from the fault at the earliest</param>
/// <param name="Recovery">from <see cref="FaultWindow.Back"/> to the first 2xx after it; null when none came</param>
public sealed record OutageTimes(IReadOnlyDictionary<string, int> Answers, TimeSpan LongestWait, TimeSpan? Recovery)
{
    public static OutageTimes Of(FaultWindow window, IEnumerable<Attempt> attempts)
    {
        var list = attempts.ToList();
        var during = list.Where(a => a.Ended > window.Injected && a.Started < window.Back && !IsSuccess(a)).ToList();
        var longest = during.Count == 0 ? 0 : during.Max(a => FaultWindow.Seconds(Math.Max(a.Started, window.Injected), a.Ended));
        var firstSuccess = list.Where(a => IsSuccess(a) && a.Ended >= window.Back).Select(a => (long?)a.Ended).Min();
        return new OutageTimes(
            during.GroupBy(a => a.Outcome).ToDictionary(g => g.Key, g => g.Count()),
            TimeSpan.FromSeconds(longest),
            firstSuccess is { } ended ? TimeSpan.FromSeconds(FaultWindow.Seconds(window.Back, ended)) : null);
    }

    public string Describe() => Answers.Count == 0 ? "no request answered meanwhile" :
        string.Join(", ", Answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key}×{a.Value}"));

    private static bool IsSuccess(Attempt attempt) => attempt.Outcome.Length == 3 && attempt.Outcome[0] == '2';
}
