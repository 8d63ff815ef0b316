using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>A published fee rule set must give every household exactly one tier.</summary>
public class FeeRuleSetCheckTests
{
    [Fact]
    public void the_shipped_sets_are_usable()
    {
        foreach (var rules in FeeRuleSets.Shipped) FeeRuleSetChecks.Problems(rules).ShouldBeEmpty(rules.Id);
    }

    [Fact]
    public void a_gap_between_income_ranges_is_named()
    {
        var rules = FeeRuleSets.NationalFreeEducation;
        var levyTiers = rules.Tiers.Where(t => t.Condition == TierCondition.IncomeLevy).OrderBy(t => t.LevyFrom).ToList();
        var gapped = rules with { Tiers = [.. rules.Tiers.Select(t => t == levyTiers[1] ? t with { LevyFrom = t.LevyFrom + 1 } : t)] };

        FeeRuleSetChecks.Problems(gapped).ShouldContain(p => p.Field == "tiers" && p.Message.Contains(levyTiers[1].Code));
    }

    [Fact]
    public void a_closed_last_range_a_missing_non_taxable_tier_and_bad_ratios_are_each_named()
    {
        var rules = FeeRuleSets.NationalFreeEducation;
        var top = rules.Tiers.Where(t => t.Condition == TierCondition.IncomeLevy).MaxBy(t => t.LevyFrom)!;
        var broken = rules with
        {
            Tiers = [.. rules.Tiers.Where(t => t.Condition != TierCondition.NonTaxable).Select(t => t == top ? t with { LevyBelow = 9_999_999 } : t)],
            Siblings = rules.Siblings with { SecondChildPays = new Ratio(3, 2) },
            Proration = new ProrationRule(0),
        };

        var fields = FeeRuleSetChecks.Problems(broken).Select(p => p.Field).ToList();
        fields.ShouldContain("tiers");
        fields.ShouldContain("siblings.secondChildPays");
        fields.ShouldContain("proration.roundDownTo");
        FeeRuleSetChecks.Problems(broken).Count(p => p.Field == "tiers").ShouldBe(2);
    }
}
