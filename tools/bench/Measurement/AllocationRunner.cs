using System.Diagnostics;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Measurement;

/// <summary>One engine run: wall and CPU time, bytes allocated during it, and the assignment hash.</summary>
public sealed record RunSample(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, string AssignmentHash);

public static class AllocationRunner
{
    /// <summary>Runs the engine <paramref name="runs"/> times on the same instance; keeps only the last result.</summary>
    public static (AllocationResult Last, IReadOnlyList<RunSample> Samples) Run(AllocationInstance instance, int runs, Func<AllocationInstance, AllocationResult> engine)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var samples = new List<RunSample>(runs);
        AllocationResult? last = null;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            last = null;
            // Start each run from a collected heap so that one run's garbage is not billed to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            last = engine(instance);
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            process.Refresh();
            samples.Add(new RunSample(clock.Elapsed, process.TotalProcessorTime - cpuBefore, allocated, AssignmentHash.Of(last.Assignments)));
        }
        return (last!, samples);
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
