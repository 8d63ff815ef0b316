namespace KosodateShien.Bench.Tests;

/// <summary>Structural checks over every household of tier S; each collects the offending households and expects none.</summary>
public class ValidityTests
{
    private static IReadOnlyList<HouseholdApplication> Households => TierS.Instance.Households;

    [Fact]
    public void Every_option_names_exactly_the_households_children_and_known_facilities()
    {
        var facilities = TierS.Instance.Facilities.Select(f => f.Id).ToHashSet();

        var offending = Households.Where(household =>
        {
            var childIds = household.Children.Select(c => c.Id).ToList();
            return household.Options.Count is < 1 or > 10
                || household.Options.Any(o => !o.Keys.SequenceEqual(childIds) || o.Values.Any(f => f is not null && !facilities.Contains(f)) || o.Values.All(f => f is null))
                || household.Options.Select(Describe).Distinct().Count() != household.Options.Count;
        });

        offending.Select(h => h.Id).ShouldBeEmpty();
    }

    [Fact]
    public void Transfer_applicants_hold_a_seat_they_do_not_list_again_within_capacity()
    {
        var transfers = Households.Where(h => h.Children.Any(c => c.HeldSeat is not null)).ToList();

        transfers.ShouldNotBeEmpty();
        transfers.Where(household =>
        {
            var held = household.Children[0].HeldSeat;
            return household.Children.Any(c => c.HeldSeat != held) // a sibling transfer group moves together
                || household.Options.Count is < 1 or >= TransferChoices.HighestHeldRank
                || household.Options.Any(o => o.Values.Any(f => f is null || f == held));
        }).Select(h => h.Id).ShouldBeEmpty();

        var capacity = TierS.Instance.Facilities.ToDictionary(f => f.Id, f => f.Capacity);
        transfers.SelectMany(h => h.Children)
            .GroupBy(c => (Facility: c.HeldSeat!, c.AgeClass))
            .Where(seat => seat.Count() > capacity[seat.Key.Facility][seat.Key.AgeClass])
            .Select(seat => seat.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Sibling_options_put_same_facility_tuples_first_and_partial_placements_last()
    {
        var offending = Households.Where(h => h.Children.Count > 1).Where(household =>
        {
            var kinds = household.Options.Select(o => (Partial: o.Values.Contains(null), Same: o.Values.Where(f => f != null).Distinct().Count() == 1)).ToList();
            var full = kinds.TakeWhile(k => !k.Partial).ToList();
            return kinds.Skip(full.Count).Any(k => !k.Partial) || full.SkipWhile(k => k.Same).Any(k => k.Same);
        });

        offending.Select(h => h.Id).ShouldBeEmpty();
    }

    [Fact]
    public void Siblings_who_are_not_twins_are_in_different_classes()
    {
        Households.Where(h => h.Children.Count == 3 && h.Children.Select(c => c.AgeClass).Distinct().Count() != 3)
            .Select(h => h.Id).ShouldBeEmpty();
        var twins = Households.Count(h => h.Children.Count == 2 && h.Children[0].AgeClass == h.Children[1].AgeClass);
        twins.ShouldBeLessThan(10, "twins are 2% of two-child groups (about 3 in tier S)");
    }

    private static string Describe(IReadOnlyDictionary<string, string?> option) => string.Join(",", option.Values.Select(f => f ?? "-"));
}
