namespace KosodateShien.Domain.Fees;

/// <summary>The household as the fee rules see it for one month: tax year, levy, 国階層 and flags.</summary>
internal sealed class HouseholdFacts
{
    public required int TaxFiscalYear { get; init; }
    /// <summary>世帯の所得割額; null when the year has no tax record.</summary>
    public required long? IncomeLevy { get; init; }
    public required bool NonTaxable { get; init; }
    public required bool PublicAssistance { get; init; }
    public required bool SingleParentOrDisabled { get; init; }
    public required int NationalTier { get; init; }

    public static HouseholdFacts For(DateOnly month, FeeHousehold household)
    {
        var year = FeeEngine.TaxFiscalYearFor(month);
        HouseholdTaxYear? tax = null;
        foreach (var t in household.TaxYears)
            if (t.FiscalYear == year) { tax = t; break; }
        var nonTaxable = tax?.NonTaxable ?? false;
        long? levy = tax is null ? null : nonTaxable ? 0 : tax.IncomeLevy;
        return new HouseholdFacts
        {
            TaxFiscalYear = year,
            IncomeLevy = levy,
            NonTaxable = nonTaxable,
            PublicAssistance = household.PublicAssistance,
            SingleParentOrDisabled = household.SingleParent || household.DisabledAtHome,
            NationalTier = household.PublicAssistance ? 1 : nonTaxable ? 2 : levy is not { } l ? 8 : 3 + CountBelowOrEqual(l),
        };
    }

    /// <summary>Whether the household is under a 所得割 line (生活保護 and 非課税 always are; unknown income never is).</summary>
    public bool Below(long levyBelow) => PublicAssistance || NonTaxable || IncomeLevy is { } levy && levy < levyBelow;

    public FeeTier? TierFor(IReadOnlyList<FeeTier> tiers)
    {
        FeeTier? top = null;
        foreach (var tier in tiers)
        {
            switch (tier.Condition)
            {
                case TierCondition.PublicAssistance when PublicAssistance:
                    return tier;
                case TierCondition.NonTaxable when NonTaxable && !PublicAssistance:
                    return tier;
                case TierCondition.IncomeLevy when !PublicAssistance && !NonTaxable:
                    if (IncomeLevy is { } levy && levy >= tier.LevyFrom && (tier.LevyBelow is null || levy < tier.LevyBelow)) return tier;
                    if (tier.LevyBelow is null) top = tier;
                    break;
            }
        }
        return IncomeLevy is null && !PublicAssistance && !NonTaxable ? top : null;
    }

    public FeeTier? NonTaxableTier(IReadOnlyList<FeeTier> tiers)
    {
        foreach (var tier in tiers)
            if (tier.Condition == TierCondition.NonTaxable) return tier;
        return null;
    }

    public FeeBasis Basis(FeeRuleSet rules, DateOnly month, string category, SiblingOrder siblings, int? enrolledDays, int daysInMonth, FeeSteps steps) =>
        new(rules.Name, rules.Version, TaxFiscalYear, IncomeLevy, NonTaxable, PublicAssistance, SingleParentOrDisabled, month, category,
            siblings.Ids, enrolledDays, daysInMonth, steps);

    private static int CountBelowOrEqual(long levy)
    {
        var n = 0;
        foreach (var bound in FeeRuleSets.NationalTierBounds)
            if (levy >= bound) n++;
        return n;
    }
}
