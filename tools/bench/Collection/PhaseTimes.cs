using System.Diagnostics;
using KosodateShien.Application.Collection;
using KosodateShien.Bench.Fees;

namespace KosodateShien.Bench.Collection;

/// <summary>What one phase cost: wall time, the bench process's CPU and the PostgreSQL backends' CPU (when they can be seen).</summary>
public sealed record PhaseCost(string Name, TimeSpan Wall, TimeSpan Client, TimeSpan? Database)
{
    public static PhaseCost operator +(PhaseCost a, PhaseCost b) =>
        new(a.Name, a.Wall + b.Wall, a.Client + b.Client, a.Database is { } x && b.Database is { } y ? x + y : null);

    public override string ToString() =>
        $"{StoredFeeBench.Seconds(Wall)}   cpu client {StoredFeeBench.Seconds(Client).Trim()}" + (Database is { } db ? $", PostgreSQL {StoredFeeBench.Seconds(db).Trim()}" : "");
}

/// <summary>
/// Listens to the collection's phase spans (<see cref="CollectionTracing"/>) and to the bench's own, and adds up what each
/// cost, in the order they first ran, for the breakdown the report prints. CPU is what makes phases comparable on a
/// shared machine, where wall time depends on whoever else is running.
/// </summary>
public sealed class PhaseTimes : IDisposable
{
    private readonly ActivityListener listener;
    private readonly string connectionString;
    private readonly List<PhaseCost> phases = [];
    private readonly Lock sync = new();

    public PhaseTimes(string connectionString)
    {
        this.connectionString = connectionString;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CollectionTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty(nameof(PhaseTimes), Start()),
            ActivityStopped = activity => Stop(activity.DisplayName, (Mark)activity.GetCustomProperty(nameof(PhaseTimes))!),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Times a phase the bench runs itself (saving the session, reading the file back).</summary>
    public async Task<T> Time<T>(string name, Func<Task<T>> phase)
    {
        var mark = Start();
        try
        {
            return await phase();
        }
        finally
        {
            Stop(name, mark);
        }
    }

    public async Task Time(string name, Func<Task> phase) => await Time(name, async () => { await phase(); return 0; });

    /// <summary>The phases whose name starts with <paramref name="prefix"/>, each once with its total, and forgets them.</summary>
    public IReadOnlyList<PhaseCost> Take(string prefix)
    {
        lock (sync)
        {
            var taken = phases.Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).GroupBy(p => p.Name)
                .Select(g => g.Aggregate((a, b) => a + b) with { Name = g.Key[prefix.Length..] }).ToList();
            phases.RemoveAll(p => p.Name.StartsWith(prefix, StringComparison.Ordinal));
            return taken;
        }
    }

    private sealed record Mark(Stopwatch Clock, TimeSpan Client, TimeSpan? Database);

    private Mark Start() => new(Stopwatch.StartNew(), Cpu(), StoredFeeBench.DatabaseCpu.Sample(connectionString));

    private void Stop(string name, Mark mark)
    {
        var wall = mark.Clock.Elapsed;
        var database = StoredFeeBench.DatabaseCpu.Sample(connectionString);
        var cost = new PhaseCost(name, wall, Cpu() - mark.Client, database is { } after && mark.Database is { } before ? after - before : null);
        lock (sync) phases.Add(cost);
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public void Dispose() => listener.Dispose();
}
