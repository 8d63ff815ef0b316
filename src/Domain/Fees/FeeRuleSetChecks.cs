namespace KosodateShien.Domain.Fees;

/// <summary>What makes a fee rule set usable: tiers that cover every household exactly once, sane amounts and ratios.</summary>
public static class FeeRuleSetChecks
{
    /// <summary>Every problem as (field, message); empty when the set is usable.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(FeeRuleSet rules)
    {
        var problems = new List<(string, string)>();
        if (rules.Tiers.Count == 0) problems.Add(("tiers", "must list at least one tier."));
        else CheckTiers("tiers", rules.Tiers, problems);
        // No 1号 tiers is allowed: since 無償化 (2019-10) 1号 children pay nothing.
        if (rules.EducationTiers.Count > 0) CheckTiers("educationTiers", rules.EducationTiers, problems);
        CheckRatio("siblings.secondChildPays", rules.Siblings.SecondChildPays, problems);
        CheckRatio("siblings.thirdChildPays", rules.Siblings.ThirdChildPays, problems);
        if (rules.Siblings.RoundDownTo < 1) problems.Add(("siblings.roundDownTo", "must be 1 (no rounding) or more."));
        if (rules.Siblings.EducationCountsUpToGrade is < 0 or > 6) problems.Add(("siblings.educationCountsUpToGrade", "must be a 小学校 grade from 0 to 6."));
        if (rules.Proration.RoundDownTo < 1) problems.Add(("proration.roundDownTo", "must be 1 (no rounding) or more."));
        if (rules.SideDish.MonthlyAmount < 0) problems.Add(("sideDish.monthlyAmount", "must not be negative."));
        if (rules.SideDish.ExemptFromOrdinal < 1) problems.Add(("sideDish.exemptFromOrdinal", "is a 子の順位 from 1."));
        if (rules.WaiverKinds.Any(string.IsNullOrWhiteSpace)) problems.Add(("waiverKinds", "must not contain blank kinds."));
        return problems;
    }

    private static void CheckTiers(string field, IReadOnlyList<FeeTier> tiers, List<(string, string)> problems)
    {
        if (tiers.Select(t => t.Code).Distinct().Count() != tiers.Count) problems.Add((field, "tier codes must be unique."));
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (string.IsNullOrWhiteSpace(tier.Code) || string.IsNullOrWhiteSpace(tier.Name)) problems.Add(($"{field}[{i}]", "needs a code and a 階層名称."));
            if (tier.NationalTier is < 1 or > 8) problems.Add(($"{field}[{i}].nationalTier", "is a 国階層 from 1 to 8."));
            if (tier.Fees.Any(f => f.Amount < 0)) problems.Add(($"{field}[{i}].fees", "amounts must not be negative."));
            if (tier.Condition == TierCondition.IncomeLevy && (tier.LevyFrom < 0 || tier.LevyBelow is { } below && below <= tier.LevyFrom))
                problems.Add(($"{field}[{i}]", "an 所得割 range needs 0 ≤ levyFrom < levyBelow."));
        }
        foreach (var condition in new[] { TierCondition.PublicAssistance, TierCondition.NonTaxable })
            if (tiers.Count(t => t.Condition == condition) != 1) problems.Add((field, $"needs exactly one {condition} tier."));

        // The 所得割 ranges must cover 0 to no limit without gaps or overlaps, so every taxed household has exactly one tier.
        var ranges = tiers.Where(t => t.Condition == TierCondition.IncomeLevy).OrderBy(t => t.LevyFrom).ToList();
        var next = 0L;
        foreach (var range in ranges)
        {
            if (range.LevyFrom != next)
            {
                problems.Add((field, $"所得割 ranges must be contiguous from 0: expected one from {next:N0}, found {range.Code} from {range.LevyFrom:N0}."));
                return;
            }
            if (range.LevyBelow is not { } below)
            {
                if (range != ranges[^1]) problems.Add((field, $"only the last 所得割 range may be open-ended ({range.Code} is not last)."));
                return;
            }
            next = below;
        }
        problems.Add((field, "the last 所得割 range must be open-ended (levyBelow null)."));
    }

    private static void CheckRatio(string field, Ratio ratio, List<(string, string)> problems)
    {
        if (ratio.Denominator <= 0 || ratio.Numerator < 0 || ratio.Numerator > ratio.Denominator)
            problems.Add((field, "must be a share from 0/n to n/n."));
    }
}
