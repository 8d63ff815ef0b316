using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>ALLOCATION.md §5.3 properties over seeded T0 instances.</summary>
public class AllocationPropertyTests
{
    [Fact]
    public void with_singles_the_order_of_households_in_the_input_does_not_matter()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.SinglesAndTransfers);
            var shuffled = Shuffled(instance, seed);
            ShouldBeSameResult(AllocationEngine.Run(shuffled), AllocationEngine.Run(instance), $"seed {seed}");
        }
    }

    [Fact]
    public void with_siblings_the_order_of_households_in_the_input_does_not_matter_either()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            ShouldBeSameResult(AllocationEngine.Run(Shuffled(instance, seed)), AllocationEngine.Run(instance), $"seed {seed}");
        }
    }

    [Fact]
    public void a_child_holding_a_seat_ends_at_that_seat_or_at_a_facility_its_household_preferred()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            var result = AllocationEngine.Run(instance);
            foreach (var household in instance.Households)
                foreach (var child in household.Children.Where(c => c.HeldSeat is not null))
                {
                    var wished = household.Options.Select(o => o.GetValueOrDefault(child.Id) ?? child.HeldSeat).Append(child.HeldSeat);
                    wished.ShouldContain(result.Assignments[child.Id], $"seed {seed}");
                }
            result.Check.IrViolations.ShouldBe(0);
        }
    }

    [Fact]
    public void with_singles_adding_a_seat_never_reduces_the_number_of_children_placed()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var instance = TinyInstances.Generate(seed, seed % 2 == 0 ? TinyShape.SinglesOnly : TinyShape.SinglesAndTransfers);
            var placed = Placed(AllocationEngine.Run(instance));
            for (var f = 0; f < instance.Facilities.Count; f++)
                for (var ageClass = 0; ageClass < 2; ageClass++)
                    Placed(AllocationEngine.Run(WithOneMoreSeat(instance, f, ageClass))).ShouldBeGreaterThanOrEqualTo(placed, $"seed {seed}, facility {f}, class {ageClass}");
        }
    }

    [Fact]
    public void the_same_input_gives_the_same_result()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            var first = AllocationEngine.Run(instance);
            var second = AllocationEngine.Run(instance);
            ShouldBeSameResult(second, first, $"seed {seed}");
            second.Outcomes.ShouldBe(first.Outcomes);
            second.Explanations.ShouldBe(first.Explanations);
            second.Diagnostics.RepairSteps.ShouldBe(first.Diagnostics.RepairSteps);
        }
    }

    static void ShouldBeSameResult(AllocationResult actual, AllocationResult expected, string because)
    {
        ResultAssertions.ShouldBeSameAssignments(actual.Assignments, expected.Assignments, because);
        actual.Outcomes.OrderBy(o => o.ChildId, StringComparer.Ordinal).ShouldBe(expected.Outcomes.OrderBy(o => o.ChildId, StringComparer.Ordinal), because);
        actual.Explanations.OrderBy(e => (e.ChildId, e.OptionRank)).ShouldBe(expected.Explanations.OrderBy(e => (e.ChildId, e.OptionRank)), because);
        actual.Cutoffs.ShouldBe(expected.Cutoffs, because);
        actual.Check.Coalitions.OrderBy(c => c.HouseholdId, StringComparer.Ordinal).ShouldBe(expected.Check.Coalitions.OrderBy(c => c.HouseholdId, StringComparer.Ordinal), because);
        (actual.Check with { Coalitions = [] }).ShouldBe(expected.Check with { Coalitions = [] }, because);
        actual.Diagnostics.SeatChains.ShouldBe(expected.Diagnostics.SeatChains, because);
        actual.Diagnostics.RepairCycled.ShouldBe(expected.Diagnostics.RepairCycled, because);
    }

    static AllocationInstance Shuffled(AllocationInstance instance, int seed)
    {
        var households = instance.Households.ToArray();
        new Random(seed + 1).Shuffle(households);
        return instance with { Households = households };
    }

    static AllocationInstance WithOneMoreSeat(AllocationInstance instance, int facility, int ageClass)
    {
        var facilities = instance.Facilities.ToArray();
        var capacity = facilities[facility].Capacity.ToArray();
        capacity[ageClass]++;
        facilities[facility] = facilities[facility] with { Capacity = capacity };
        return instance with { Facilities = facilities };
    }

    static int Placed(AllocationResult result) => result.Outcomes.Count(o => o.Kind == OutcomeKind.Placed);
}
