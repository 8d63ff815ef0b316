using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Application.Allocation.Exact;

/// <summary>Solver settings for <see cref="CpSatAllocator"/>.</summary>
/// <param name="Workers">CP-SAT <c>num_workers</c>. With more than one worker the portfolio races, so when several allocations
/// are optimal the one returned can differ between runs (the optimum value, the status and stability do not).</param>
/// <param name="RandomSeed">CP-SAT <c>random_seed</c>, fixed so that runs are as repeatable as the worker count allows</param>
/// <param name="OnSolved">receives what each solve did (model size, statuses, objectives, times); for benchmarks and logs</param>
/// <param name="ExtraParameters">more CP-SAT parameters in text format, appended (e.g. "log_search_progress:true")</param>
public sealed record CpSatOptions(int Workers = 2, int RandomSeed = 20_240_401, Action<ExactRunReport>? OnSolved = null, string? ExtraParameters = null);

/// <summary>One CP-SAT solve inside an exact run.</summary>
/// <param name="Name">"stable" (max placements, 0 blocking coalitions), "min-blocking" (Σβ), "max-placements" (Σβ fixed)</param>
public sealed record ExactStage(string Name, string Status, double Objective, double Bound, TimeSpan Wall);

/// <summary>What an exact run did: the final status, the size of the first model, and each solve.</summary>
public sealed record ExactRunReport(string Status, int Variables, int Constraints, TimeSpan ModelBuild, IReadOnlyList<ExactStage> Stages);

/// <summary>
/// 利用調整 exact mode (ALLOCATION.md §3.3 step 3, §5.2): CP-SAT finds the allocation that places the most children subject to
/// zero blocking coalitions, warm-started from the heuristic's allocation.
/// <list type="bullet">
/// <item>Stable model solved: status <c>OPTIMAL</c> (proved maximum) or <c>FEASIBLE</c> (time limit; best found).</item>
/// <item>Stable model <c>INFEASIBLE</c> (no stable allocation exists, <see cref="ExactSolution.ProvedNoStableAllocation"/>):
/// Sun et al.'s lexicographic variant, fewest blocking coalitions first, then most placements with that number fixed. Status
/// <c>INFEASIBLE→MIN-BLOCKING:OPTIMAL</c> when both solves are proved, else <c>INFEASIBLE→MIN-BLOCKING:{first}/{second}</c>.</item>
/// <item>No solution within the time limit: the warm start comes back unchanged, status <c>UNKNOWN→HEURISTIC</c>
/// (or <c>…→NO-CHANGE</c>, holders staying and nobody else placed, when no usable warm start was given).</item>
/// </list>
/// The time limit covers all solves of one call. Thread-safe: each call builds its own model and solver.
/// </summary>
public sealed class CpSatAllocator(CpSatOptions? options = null) : IExactAllocator
{
    public const string Optimal = "OPTIMAL", Feasible = "FEASIBLE", Infeasible = "INFEASIBLE", Unknown = "UNKNOWN";
    public const string MinBlocking = "INFEASIBLE→MIN-BLOCKING";
    public const string HeuristicFallback = "→HEURISTIC", NoChangeFallback = "→NO-CHANGE";

    readonly CpSatOptions options = options ?? new CpSatOptions();

    public ExactSolution Solve(AllocationInstance instance, IReadOnlyList<int> warmStart, TimeSpan timeLimit)
    {
        var clock = Stopwatch.StartNew();
        var compiled = InstanceCompiler.Compile(instance);
        var start = OptionVector.TryFromInstanceOrder(compiled, warmStart);
        var stages = new List<ExactStage>();

        var stable = ExactModel.Build(compiled, relaxed: false);
        var modelBuild = clock.Elapsed;
        stable.Model.Maximize(stable.Placements);
        if (start is not null) stable.Hint(start);
        var (status, assignment) = Run(stable, "stable", Remaining(timeLimit, clock), stages);

        ExactSolution solution;
        if (assignment is not null)
            solution = new ExactSolution(OptionVector.ToInstanceOrder(compiled, assignment), status, false);
        else if (status == Infeasible)
            solution = SolveMinBlocking(compiled, start, timeLimit, clock, stages);
        else
            solution = Fallback(compiled, start, status, proved: false);

        options.OnSolved?.Invoke(new ExactRunReport(solution.Status, stable.VariableCount, stable.ConstraintCount, modelBuild, stages));
        return solution;
    }

    /// <summary>No stable allocation: fewest blocking coalitions, then most placements among allocations with that many.</summary>
    ExactSolution SolveMinBlocking(CompiledInstance compiled, int[]? start, TimeSpan timeLimit, Stopwatch clock, List<ExactStage> stages)
    {
        var relaxed = ExactModel.Build(compiled, relaxed: true);
        relaxed.Model.Minimize(relaxed.Blocking!);
        relaxed.Hint(start ?? OptionVector.NobodyMoves(compiled));
        // The first solve may use two thirds of what is left; whatever it leaves goes to the second.
        var (first, fewest) = Run(relaxed, "min-blocking", Remaining(timeLimit, clock) * 2 / 3, stages);
        if (fewest is null) return Fallback(compiled, start, $"{MinBlocking}:{first}", proved: true);

        relaxed.Model.Add(relaxed.Blocking! <= (long)Math.Round(stages[^1].Objective));
        relaxed.Model.Model.Objective = null; // replaced, not added to, by Maximize below
        relaxed.Model.Maximize(relaxed.Placements);
        relaxed.Hint(fewest);
        var (second, most) = Run(relaxed, "max-placements", Remaining(timeLimit, clock), stages);
        var status = first == Optimal && second == Optimal ? $"{MinBlocking}:{Optimal}" : $"{MinBlocking}:{first}/{second}";
        return new ExactSolution(OptionVector.ToInstanceOrder(compiled, most ?? fewest), status, true);
    }

    static ExactSolution Fallback(CompiledInstance compiled, int[]? start, string status, bool proved) =>
        start is not null
            ? new ExactSolution(OptionVector.ToInstanceOrder(compiled, start), status + HeuristicFallback, proved)
            : new ExactSolution(OptionVector.ToInstanceOrder(compiled, OptionVector.NobodyMoves(compiled)), status + NoChangeFallback, proved);

    /// <summary>One solve: its status name, and the assignment when it found one.</summary>
    (string Status, int[]? Assignment) Run(ExactModel model, string stage, TimeSpan limit, List<ExactStage> stages)
    {
        var seconds = Math.Max(limit.TotalSeconds, 0.01);
        using var solver = new CpSolver();
        solver.StringParameters = string.Create(CultureInfo.InvariantCulture,
            $"max_time_in_seconds:{seconds:0.###}, num_workers:{Math.Max(1, options.Workers)}, random_seed:{options.RandomSeed}")
            + (string.IsNullOrWhiteSpace(options.ExtraParameters) ? "" : ", " + options.ExtraParameters);
        var started = Stopwatch.GetTimestamp();
        var status = solver.Solve(model.Model);
        var wall = Stopwatch.GetElapsedTime(started);

        if (status == CpSolverStatus.ModelInvalid)
            throw new InvalidOperationException($"The CP-SAT model is invalid: {model.Model.Validate()}");
        var name = status switch
        {
            CpSolverStatus.Optimal => Optimal,
            CpSolverStatus.Feasible => Feasible,
            CpSolverStatus.Infeasible => Infeasible,
            _ => Unknown,
        };
        var found = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        stages.Add(new ExactStage(stage, name, found ? solver.ObjectiveValue : double.NaN, found ? solver.BestObjectiveBound : double.NaN, wall));
        return (name, found ? model.Read(solver) : null);
    }

    static TimeSpan Remaining(TimeSpan limit, Stopwatch clock) => limit - clock.Elapsed;
}
