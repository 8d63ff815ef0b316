using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Measurement;

/// <summary>Sibling groups by result: every child at one facility, every child seated but apart, some seated, none.</summary>
public sealed record SiblingOutcomes(int Groups, int Together, int Split, int PartlyPlaced, int Unplaced)
{
    /// <summary>A transfer group that keeps its held seats counts as seated there.</summary>
    public static SiblingOutcomes Of(AllocationInstance instance, IReadOnlyDictionary<string, string?> assignments)
    {
        int groups = 0, together = 0, split = 0, partly = 0, unplaced = 0;
        foreach (var household in instance.Households.Where(h => h.Children.Count > 1))
        {
            groups++;
            var seats = household.Children.Select(c => assignments.GetValueOrDefault(c.Id) ?? c.HeldSeat).ToList();
            var seated = seats.Count(s => s is not null);
            if (seated == 0) unplaced++;
            else if (seated < seats.Count) partly++;
            else if (seats.Distinct().Count() == 1) together++;
            else split++;
        }
        return new SiblingOutcomes(groups, together, split, partly, unplaced);
    }
}
