using KosodateShien.Application.Allocation.Exact;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Application.Tests.Allocation;

/// <summary>
/// Exact mode against the brute-force oracle (ALLOCATION.md §5.1 assertions 2–4), always through
/// <see cref="AllocationEngine.Run"/> so that the engine's independent checker judges the CP-SAT answer.
/// </summary>
public sealed class CpSatAllocatorTests
{
    static readonly CpSatAllocator Allocator = new();
    static readonly AllocationSettings Exact = new(AllocationMode.Exact, ExactTimeLimit: TimeSpan.FromSeconds(20));

    static int Placed(AllocationResult result) => result.Outcomes.Count(o => o.Kind == OutcomeKind.Placed);

    [Theory]
    [InlineData(TinyProfile.Mixed)]
    [InlineData(TinyProfile.HeldSeatStress)]
    public void Exact_mode_matches_brute_force_on_hundreds_of_tiny_instances(TinyProfile profile)
    {
        const int instances = 300;
        var failures = new List<string>();
        int stable = 0, unstable = 0, siblings = 0, holders = 0;
        for (var seed = 1; seed <= instances; seed++)
        {
            var instance = TinyInstances.Generate(seed, profile);
            siblings += instance.Households.Count(h => h.Children.Count > 1);
            holders += instance.Households.Count(h => h.Children.Any(c => c.HeldSeat is not null));
            var oracle = BruteForceAllocator.Solve(instance);
            var result = AllocationEngine.Run(instance, Exact, Allocator);
            var status = result.Diagnostics.ExactStatus;

            // Assertion 4: hard constraints always hold.
            if (result.Check.IrViolations != 0 || result.Check.CapacityViolations != 0)
                failures.Add($"seed {seed}: IR {result.Check.IrViolations}, capacity {result.Check.CapacityViolations}");
            if (oracle.AnyStable)
            {
                stable++;
                // Assertion 2: stable, and as many children placed as the best stable assignment.
                if (!result.Stable || Placed(result) != oracle.MaxPlacedAmongStable || status != CpSatAllocator.Optimal)
                    failures.Add($"seed {seed}: stable {result.Stable}, placed {Placed(result)} vs oracle {oracle.MaxPlacedAmongStable}, status {status}");
            }
            else
            {
                unstable++;
                // Assertion 3: no stable assignment (proved), and the fewest blocking coalitions possible.
                if (result.Check.BlockingCoalitions != oracle.MinBlockingCoalitions || status != $"{CpSatAllocator.MinBlocking}:{CpSatAllocator.Optimal}")
                    failures.Add($"seed {seed}: blocking {result.Check.BlockingCoalitions} vs oracle minimum {oracle.MinBlockingCoalitions}, status {status}");
            }
        }

        failures.ShouldBeEmpty();
        // Both branches and the sibling / held-seat rules must be exercised, or the comparison proves little.
        stable.ShouldBeGreaterThan(instances / 2);
        unstable.ShouldBeGreaterThan(profile == TinyProfile.HeldSeatStress ? 8 : 0);
        siblings.ShouldBeGreaterThan(instances);
        holders.ShouldBeGreaterThan(instances / 2);
    }

    [Fact]
    public void Without_a_stable_allocation_the_solution_says_so_even_without_a_warm_start()
    {
        var instance = Enumerable.Range(1, 100).Select(seed => TinyInstances.Generate(seed, TinyProfile.HeldSeatStress)).First(i => !BruteForceAllocator.Solve(i).AnyStable);

        var solution = Allocator.Solve(instance, [], TimeSpan.FromSeconds(20));

        solution.ProvedNoStableAllocation.ShouldBeTrue();
        solution.Status.ShouldBe("INFEASIBLE→MIN-BLOCKING:OPTIMAL");
        solution.OptionByHousehold.Count.ShouldBe(instance.Households.Count);
    }

    [Fact]
    public void Exact_and_heuristic_place_the_same_children_on_singles_only_instances()
    {
        // Singles with a strict master list have exactly one stable allocation: DA finds it, and so must CP-SAT.
        var instances = Enumerable.Range(1, 60).Select(seed => TinyInstances.Generate(seed, TinyProfile.SinglesOnly))
            .Concat(Enumerable.Range(1, 5).Select(seed => TinyInstances.Generate(1_000 + seed, TinyProfile.SinglesOnly, households: 60, facilities: 6)));
        foreach (var instance in instances)
        {
            var heuristic = AllocationEngine.Run(instance);
            var exact = AllocationEngine.Run(instance, Exact, Allocator);

            exact.Assignments.ShouldBe(heuristic.Assignments);
            exact.Stable.ShouldBeTrue();
            exact.Diagnostics.ExactStatus.ShouldBe(CpSatAllocator.Optimal);
        }
    }

    [Fact]
    public void A_warm_start_that_does_not_fit_the_instance_is_ignored()
    {
        var instance = TinyInstances.Generate(7);

        var solution = Allocator.Solve(instance, [0], TimeSpan.FromSeconds(20));

        solution.OptionByHousehold.Count.ShouldBe(instance.Households.Count);
        solution.Status.ShouldBeOneOf(CpSatAllocator.Optimal, $"{CpSatAllocator.MinBlocking}:{CpSatAllocator.Optimal}");
    }

    [Fact]
    public void The_report_names_each_solve_and_the_model_size()
    {
        ExactRunReport? report = null;
        var allocator = new CpSatAllocator(new CpSatOptions(OnSolved: r => report = r));

        var result = AllocationEngine.Run(TinyInstances.Generate(3), Exact, allocator);

        report.ShouldNotBeNull();
        report.Status.ShouldBe(result.Diagnostics.ExactStatus);
        report.Variables.ShouldBeGreaterThan(0);
        report.Stages[0].Name.ShouldBe("stable");
    }
}
