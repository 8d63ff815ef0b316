using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>
/// The priority order written again for the tests, straight from ALLOCATION.md §3.1: a holder first at its own
/// seat, then tier, 指数 (higher first), tie-break keys (missing = long.MaxValue), lottery, household id, child order.
/// </summary>
public static class TestKeys
{
    public sealed record Applicant(HouseholdApplication Household, ApplicantChild Child, int ChildIndex);

    public static IReadOnlyList<Applicant> Applicants(AllocationInstance instance) =>
        [.. instance.Households.SelectMany(h => h.Children.Select((c, i) => new Applicant(h, c, i)))];

    /// <summary>Negative when <paramref name="a"/> comes before <paramref name="b"/> at <paramref name="facility"/>.</summary>
    public static int Compare(Applicant a, Applicant b, string facility)
    {
        var heldA = a.Child.HeldSeat == facility;
        var heldB = b.Child.HeldSeat == facility;
        if (heldA != heldB) return heldA ? -1 : 1;
        return CompareIgnoringSeats(a, b);
    }

    public static int CompareIgnoringSeats(Applicant a, Applicant b)
    {
        if (a.Household.Tier != b.Household.Tier) return a.Household.Tier.CompareTo(b.Household.Tier);
        if (a.Household.Score != b.Household.Score) return b.Household.Score.CompareTo(a.Household.Score);
        for (var i = 0; i < Math.Max(a.Household.TieBreak.Count, b.Household.TieBreak.Count); i++)
        {
            var x = i < a.Household.TieBreak.Count ? a.Household.TieBreak[i] : long.MaxValue;
            var y = i < b.Household.TieBreak.Count ? b.Household.TieBreak[i] : long.MaxValue;
            if (x != y) return x.CompareTo(y);
        }
        if (a.Household.Lottery != b.Household.Lottery) return a.Household.Lottery.CompareTo(b.Household.Lottery);
        var byId = string.CompareOrdinal(a.Household.Id, b.Household.Id);
        return byId != 0 ? byId : a.ChildIndex.CompareTo(b.ChildIndex);
    }
}
