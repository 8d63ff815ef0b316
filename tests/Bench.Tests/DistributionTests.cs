namespace KosodateShien.Bench.Tests;

/// <summary>Tier S (1,500 households) against the §4.2 defaults, with tolerances of about three standard errors.</summary>
public class DistributionTests
{
    private static readonly double[] AgeShares = [0.25, 0.40, 0.15, 0.10, 0.05, 0.05];
    private static readonly double[] ClassSeatFactors = [1.0, 0.75, 1.0, 1.2, 1.3, 1.3];

    private static IEnumerable<HouseholdApplication> Singles => TierS.Instance.Households.Where(h => h.Children.Count == 1);

    [Fact]
    public void Age_classes_follow_the_default_shares()
    {
        var children = TierS.Children.ToList();
        for (var g = 0; g < 6; g++)
        {
            var share = (double)children.Count(c => c.AgeClass == g) / children.Count;
            share.ShouldBeInRange(AgeShares[g] - 0.04, AgeShares[g] + 0.04, $"class {g}");
        }
    }

    [Fact]
    public void About_12_percent_of_households_are_sibling_groups_mostly_of_two()
    {
        var groups = TierS.Instance.Households.Where(h => h.Children.Count > 1).ToList();

        ((double)groups.Count / TierS.Instance.Households.Count).ShouldBeInRange(0.095, 0.145);
        ((double)groups.Count(h => h.Children.Count == 2) / groups.Count).ShouldBeInRange(0.70, 0.90);
        groups.ShouldAllBe(h => h.Children.Count <= 3);
    }

    [Fact]
    public void About_8_percent_of_single_children_apply_for_a_transfer()
    {
        var singles = Singles.ToList();

        ((double)singles.Count(h => h.Children[0].HeldSeat is not null) / singles.Count).ShouldBeInRange(0.06, 0.10);
    }

    [Fact]
    public void New_applicants_list_about_five_facilities_and_about_5_percent_list_one()
    {
        var lengths = Singles.Where(h => h.Children[0].HeldSeat is null).Select(h => h.Options.Count).ToList();

        lengths.Average().ShouldBeInRange(4.7, 5.3);
        ((double)lengths.Count(n => n == 1) / lengths.Count).ShouldBeInRange(0.03, 0.07);
        lengths.Max().ShouldBe(10);
    }

    [Fact]
    public void Seats_per_class_are_the_seat_ratio_times_the_class_factor_times_demand()
    {
        var instance = TierS.Instance;
        for (var g = 0; g < 6; g++)
        {
            var demand = TierS.Children.Count(c => c.AgeClass == g);
            var seats = instance.Facilities.Sum(f => f.Capacity[g]);
            ((double)seats / demand).ShouldBeInRange(0.8 * ClassSeatFactors[g] - 0.01, 0.8 * ClassSeatFactors[g] + 0.01, $"class {g}");
        }
        instance.Facilities.SelectMany(f => f.Capacity).ShouldContain(0);
    }

    [Fact]
    public void Tie_break_keys_are_single_parent_flag_then_income_tax_and_the_lottery_is_a_permutation()
    {
        var households = TierS.Instance.Households;

        households.ShouldAllBe(h => h.TieBreak.Count == 2 && (h.TieBreak[0] == 0 || h.TieBreak[0] == 1) && h.TieBreak[1] > 0 && h.TieBreak[1] % 100 == 0);
        ((double)households.Count(h => h.TieBreak[0] == 0) / households.Count).ShouldBeInRange(0.03, 0.07);
        households.Select(h => h.Lottery).Order().ShouldBe(Enumerable.Range(1, households.Count).Select(i => (long)i));
    }

    [Fact]
    public void Scores_are_two_parents_plus_adjustments_and_about_half_the_households_are_dual_full_time()
    {
        var households = TierS.Instance.Households;

        households.ShouldAllBe(h => h.Score >= 24 && h.Score <= 44);
        ((double)households.Count(h => h.Score >= 40) / households.Count).ShouldBeInRange(0.45, 0.62);
    }
}
