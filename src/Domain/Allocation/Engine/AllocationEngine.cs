using System.Diagnostics;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// 利用調整: allocates one round's seats (ALLOCATION.md §3). Validates and indexes the instance, runs PO-DA and the
/// blocking-coalition repair (or hands the heuristic's result to the exact solver as a warm start), then checks
/// the final allocation independently and explains it.
/// </summary>
public static class AllocationEngine
{
    public const string AlgorithmVersion = "po-da-repair/2";

    /// <summary>The exact solver's time limit when the settings give none (ALLOCATION.md §3.3).</summary>
    public static readonly TimeSpan DefaultExactTimeLimit = TimeSpan.FromSeconds(300);

    /// <exception cref="Common.DomainRuleException">the instance is malformed; <c>Field</c> names the culprit</exception>
    /// <exception cref="InvalidOperationException">exact mode without an <see cref="IExactAllocator"/>, or its answer does not fit the instance</exception>
    public static AllocationResult Run(AllocationInstance instance, AllocationSettings? settings = null, IExactAllocator? exact = null)
    {
        settings ??= new AllocationSettings();
        if (settings.Mode == AllocationMode.Exact && exact is null)
            throw new InvalidOperationException("Exact mode needs an IExactAllocator (the CP-SAT model lives outside the domain).");

        var phases = new Dictionary<string, TimeSpan>();
        var clock = Stopwatch.StartNew();
        var compiled = InstanceCompiler.Compile(instance);
        Lap(phases, "keys", clock);

        var heuristic = new PriorityOrderedDeferredAcceptance(compiled);
        heuristic.RunDeferredAcceptance();
        Lap(phases, "da", clock);
        var repair = heuristic.Repair(RepairBudget(compiled, settings));
        var assignment = heuristic.Assignment;
        Lap(phases, "repair", clock);

        string? exactStatus = null;
        if (settings.Mode == AllocationMode.Exact)
        {
            var solution = exact!.Solve(instance, OptionVector.ToInstanceOrder(compiled, assignment), settings.ExactTimeLimit ?? DefaultExactTimeLimit);
            assignment = OptionVector.FromInstanceOrder(compiled, solution.OptionByHousehold);
            exactStatus = solution.Status;
            Lap(phases, "exact", clock);
        }

        var check = AllocationChecker.Check(compiled, assignment);
        Lap(phases, "check", clock);

        var outcomes = ChildOutcomes.Build(compiled, assignment, check.Occupancy);
        var assignments = ChildOutcomes.Assignments(compiled, check.Occupancy);
        var explanations = new ExplanationBuilder(compiled, assignment, check).Build();
        var cutoffs = CutoffTable.Build(compiled, assignment, check.Occupancy);
        var chains = SeatChains.Build(compiled, check.Occupancy);
        Lap(phases, "explain", clock);

        var diagnostics = new AllocationDiagnostics(AlgorithmVersion, settings.Mode, repair.Steps, repair.Cycled, exactStatus, phases, chains);
        return new AllocationResult(assignments, outcomes, explanations, cutoffs, check.Report, check.Report.BlockingCoalitions == 0, diagnostics);
    }

    /// <summary>RepairBudgetPerSiblingHousehold × the number of households applying for two or more children.</summary>
    static long RepairBudget(CompiledInstance instance, AllocationSettings settings)
    {
        var siblingHouseholds = 0;
        for (var h = 0; h < instance.HouseholdCount; h++)
            if (instance.MemberCount(h) > 1) siblingHouseholds++;
        return (long)Math.Max(0, settings.RepairBudgetPerSiblingHousehold) * siblingHouseholds;
    }

    static void Lap(Dictionary<string, TimeSpan> phases, string phase, Stopwatch clock)
    {
        phases[phase] = clock.Elapsed;
        clock.Restart();
    }
}
