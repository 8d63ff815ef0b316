using System.Diagnostics;
using KosodateShien.Application.Collection;

namespace KosodateShien.Bench.Collection;

/// <summary>
/// Listens to the collection's phase spans (<see cref="CollectionTracing"/>) and to the bench's own, and adds up the wall
/// time of each, in the order they first ran, for the breakdown the report prints.
/// </summary>
public sealed class PhaseTimes : IDisposable
{
    private readonly ActivityListener listener;
    private readonly List<(string Name, TimeSpan Time)> phases = [];
    private readonly Lock sync = new();

    public PhaseTimes()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CollectionTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => Add(activity.DisplayName, activity.Duration),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Times a phase the bench runs itself (saving the session, reading the file back).</summary>
    public async Task<T> Time<T>(string name, Func<Task<T>> phase)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await phase();
        }
        finally
        {
            Add(name, clock.Elapsed);
        }
    }

    public async Task Time(string name, Func<Task> phase) => await Time(name, async () => { await phase(); return 0; });

    /// <summary>The phases whose name starts with <paramref name="prefix"/>, each once with its total, and forgets them.</summary>
    public IReadOnlyList<(string Name, TimeSpan Time)> Take(string prefix)
    {
        lock (sync)
        {
            var taken = phases.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).GroupBy(p => p.Name)
                .Select(g => (g.Key[prefix.Length..], TimeSpan.FromTicks(g.Sum(p => p.Time.Ticks)))).ToList();
            phases.RemoveAll(p => p.Name.StartsWith(prefix, StringComparison.Ordinal));
            return taken;
        }
    }

    private void Add(string name, TimeSpan time)
    {
        lock (sync) phases.Add((name, time));
    }

    public void Dispose() => listener.Dispose();
}
