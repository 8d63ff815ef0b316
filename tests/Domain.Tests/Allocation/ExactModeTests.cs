using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Domain.Tests.Allocation.Applications;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>Exact mode hands the heuristic's result to an <see cref="IExactAllocator"/>; the checker judges whatever comes back.</summary>
public class ExactModeTests
{
    static readonly AllocationSettings Exact = new(AllocationMode.Exact);

    sealed class FixedAnswer(Func<AllocationInstance, IReadOnlyList<int>, IReadOnlyList<int>> answer, string status = "OPTIMAL") : IExactAllocator
    {
        public IReadOnlyList<int>? WarmStart { get; private set; }
        public TimeSpan TimeLimit { get; private set; }

        public ExactSolution Solve(AllocationInstance instance, IReadOnlyList<int> warmStart, TimeSpan timeLimit)
        {
            WarmStart = warmStart;
            TimeLimit = timeLimit;
            return new ExactSolution(answer(instance, warmStart), status, ProvedNoStableAllocation: false);
        }
    }

    /// <summary>Brute force standing in for CP-SAT: the stable assignment that places the most children.</summary>
    sealed class BruteForceExact : IExactAllocator
    {
        public ExactSolution Solve(AllocationInstance instance, IReadOnlyList<int> warmStart, TimeSpan timeLimit)
        {
            var oracle = BruteForceAllocator.Solve(instance);
            if (!oracle.AnyStable) return new ExactSolution(warmStart, "INFEASIBLE", ProvedNoStableAllocation: true);
            var best = oracle.StableAssignments!.MaxBy(v => Placed(instance, v))!;
            return new ExactSolution(best, "OPTIMAL", ProvedNoStableAllocation: false);
        }

        static int Placed(AllocationInstance instance, IReadOnlyList<int> vector) =>
            ResultAssertions.AssignmentsOf(instance, vector).Count(a => a.Value is not null &&
                instance.Households.SelectMany(h => h.Children).Single(c => c.Id == a.Key).HeldSeat != a.Value);
    }

    static readonly AllocationInstance TwoForOneSeat = Instance(
        [Facility("A", 1, 1)],
        Single("h1", 40, "c1", 1, ["A"]),
        Single("h2", 38, "c2", 1, ["A"]));

    [Fact]
    public void exact_mode_without_a_solver_is_refused() =>
        Should.Throw<InvalidOperationException>(() => AllocationEngine.Run(TwoForOneSeat, Exact));

    [Fact]
    public void the_solver_gets_the_heuristic_result_as_warm_start_in_instance_order()
    {
        var solver = new FixedAnswer((_, warm) => warm);
        var result = AllocationEngine.Run(TwoForOneSeat, Exact with { ExactTimeLimit = TimeSpan.FromSeconds(5) }, solver);

        solver.WarmStart.ShouldBe([0, -1]);
        solver.TimeLimit.ShouldBe(TimeSpan.FromSeconds(5));
        result.Diagnostics.ExactStatus.ShouldBe("OPTIMAL");
        result.Diagnostics.Mode.ShouldBe(AllocationMode.Exact);
        result.Diagnostics.PhaseTimes.Keys.ShouldBe(["keys", "da", "repair", "exact", "check", "explain"], ignoreOrder: true);
        result.Assignments["c1"].ShouldBe("A");
    }

    [Fact]
    public void the_checker_reports_what_a_wrong_answer_breaks()
    {
        var nobody = AllocationEngine.Run(TwoForOneSeat, Exact, new FixedAnswer((_, _) => [-1, -1]));
        nobody.Stable.ShouldBeFalse();
        nobody.Check.BlockingCoalitions.ShouldBe(2);
        nobody.Check.Coalitions.ShouldBe([new BlockingCoalition("h1", 1, false), new BlockingCoalition("h2", 1, false)]);
        nobody.Check.WastedSeats.ShouldBe(1);
        nobody.Explanations.Select(e => e.Code).ShouldAllBe(code => code == ExplanationCode.StaffReview);

        var both = AllocationEngine.Run(TwoForOneSeat, Exact, new FixedAnswer((_, _) => [0, 0]));
        both.Check.CapacityViolations.ShouldBe(1);

        var wrongWinner = AllocationEngine.Run(TwoForOneSeat, Exact, new FixedAnswer((_, _) => [-1, 0]));
        wrongWinner.Check.JustifiedEnvy.ShouldBe(1);
        wrongWinner.Check.BlockingCoalitions.ShouldBe(1);
    }

    [Fact]
    public void a_transfer_left_without_a_seat_is_an_ir_violation()
    {
        var instance = Instance([Facility("A", 1, 1), Facility("B", 1, 1)], Single("t", 30, "T", 1, ["B"], held: "A"));
        var result = AllocationEngine.Run(instance, Exact, new FixedAnswer((_, _) => [-1]));
        result.Check.IrViolations.ShouldBe(1);
        result.Outcomes.ShouldHaveSingleItem().Kind.ShouldBe(OutcomeKind.Unplaced);
    }

    [Fact]
    public void an_answer_that_does_not_fit_the_instance_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => AllocationEngine.Run(TwoForOneSeat, Exact, new FixedAnswer((_, _) => [0])));
        Should.Throw<InvalidOperationException>(() => AllocationEngine.Run(TwoForOneSeat, Exact, new FixedAnswer((_, _) => [0, 1])));
    }

    [Fact]
    public void with_an_exact_stand_in_the_result_is_stable_with_the_most_placements_whenever_one_exists()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            var oracle = BruteForceAllocator.Solve(instance);
            var result = AllocationEngine.Run(instance, Exact, new BruteForceExact());
            ResultAssertions.ShouldBeConsistent(instance, result);
            if (!oracle.AnyStable) continue;
            result.Stable.ShouldBeTrue($"seed {seed}");
            result.Outcomes.Count(o => o.Kind == OutcomeKind.Placed).ShouldBe(oracle.MaxPlacedAmongStable!.Value, $"seed {seed}");
        }
    }
}
