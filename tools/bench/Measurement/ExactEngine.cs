using KosodateShien.Application.Allocation.Exact;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Measurement;

/// <summary>The engine in exact mode with the CP-SAT allocator; keeps the last solve's report (model size, each solve) for the output.</summary>
/// <param name="timeLimit">the exact solver's time limit (the engine's default, 300 s, when null)</param>
public sealed class ExactEngine(TimeSpan? timeLimit = null)
{
    private ExactRunReport? lastReport;
    private readonly AllocationSettings settings = new(AllocationMode.Exact, ExactTimeLimit: timeLimit);

    public ExactRunReport? LastReport => lastReport;

    public AllocationResult Run(AllocationInstance instance)
    {
        var allocator = new CpSatAllocator(new CpSatOptions(OnSolved: report => lastReport = report));
        return AllocationEngine.Run(instance, settings, allocator);
    }
}

/// <summary>An exact run next to the heuristic on the same instance: the CP-SAT report, and what the heuristic alone gave.</summary>
public sealed record ExactComparison(ExactRunReport? Report, int HeuristicPlaced, bool HeuristicStable, int HeuristicBlockingCoalitions);
