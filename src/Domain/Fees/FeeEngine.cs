using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Fees;

/// <summary>
/// 利用者負担額 for a household's children in one month (REFERENCE.md §1, §4): the tax year by month (April–August the
/// previous 年度), 国階層 and the rule set's tier, 子の順位 by the 多子軽減 counting rules, then 多子・ひとり親・減免,
/// 日割, and 副食費 or its exemption. Tiers, certification and siblings are read on the month's first day (各月初日).
/// Pure and allocation-light: it runs for every child every month and in the counter-side quote.
/// </summary>
public static class FeeEngine
{
    public static IReadOnlyList<ChildFee> Quote(FeeRuleSet rules, DateOnly month, FeeHousehold household, IReadOnlyList<FeeChild> children)
    {
        if (month.Day != 1) throw new DomainRuleException("fee.month", "Fees are for a month: give its first day (YYYY-MM-01).", "month");
        var facts = HouseholdFacts.For(month, household);
        var care = SiblingOrder.Counted(rules, month, facts, children, education: false);
        var education = SiblingOrder.Counted(rules, month, facts, children, education: true);

        var result = new ChildFee[children.Count];
        for (var i = 0; i < children.Count; i++)
            result[i] = ChildQuote(rules, month, facts, children[i], children[i].Category == CertificationCategory.Category1 ? education : care);
        return result;
    }

    /// <summary>The 年度 whose tax decides a month's fee: April–August the previous one, September–March the current one.</summary>
    public static int TaxFiscalYearFor(DateOnly month) => month.Month is >= 4 and <= 8 ? JapaneseDates.FiscalYearOf(month) - 1 : JapaneseDates.FiscalYearOf(month);

    private static ChildFee ChildQuote(FeeRuleSet rules, DateOnly month, HouseholdFacts facts, FeeChild child, SiblingOrder siblings)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var enrolledDays = EnrolledDays(child, month, daysInMonth);
        var steps = new FeeSteps(rules, facts);
        var charged = child.Category is not null && enrolledDays > 0 && child.Enrollment is Enrollment.Nursery or Enrollment.Kindergarten;
        var ordinal = siblings.OrdinalOf(child, charged);

        if (!charged || child.Category is not { } category)
        {
            steps.NotCharged();
            return new ChildFee(child.Id, facts.NationalTier, facts.TierFor(rules.Tiers)?.Code ?? "-", ordinal, 0, 0, 0, 0, 0, 0, 0, false,
                facts.Basis(rules, month, "-", siblings, null, daysInMonth, steps));
        }

        var specificThree = category == CertificationCategory.Category2 && rules.SpecificThreeYearOldPaysInfantFee
            && JapaneseDates.ClassAge(child.BirthDate, JapaneseDates.FiscalYearOf(month)) < 3;
        var table = specificThree ? CertificationCategory.Category3 : category;
        var tiers = category == CertificationCategory.Category1 ? rules.EducationTiers : rules.Tiers;
        var tier = facts.TierFor(tiers);
        var baseFee = Amount(tier, table, child.CareLevel);
        steps.Base(tier, table, specificThree, baseFee);

        var fee = baseFee;
        var afterSiblings = SiblingShare(rules.Siblings, fee, ordinal);
        var siblingReduction = fee - afterSiblings;
        if (siblingReduction > 0) steps.Sibling(ordinal!.Value, siblingReduction);
        fee = afterSiblings;

        long singleParentReduction = 0;
        if (facts.SingleParentOrDisabled && facts.Below(rules.SingleParent.LevyBelow))
        {
            var cap = ordinal is null or 1 ? Amount(facts.NonTaxableTier(tiers), table, child.CareLevel) : 0;
            if (fee > cap)
            {
                singleParentReduction = fee - cap;
                steps.SingleParent(singleParentReduction);
                fee = cap;
            }
        }

        long waiverReduction = 0;
        foreach (var waiver in child.Waivers ?? [])
        {
            var waived = waiver.Denominator <= 0 ? 0 : fee * waiver.Numerator / waiver.Denominator;
            waiverReduction += waived;
            fee -= waived;
            steps.Waiver(waiver, waived);
        }

        var monthly = fee;
        var partial = enrolledDays < daysInMonth;
        var due = partial ? Prorate(monthly, enrolledDays, daysInMonth, rules.Proration.RoundDownTo) : monthly;
        if (partial) steps.Prorated(enrolledDays, daysInMonth, due);

        var (sideDish, exempt) = SideDish(rules.SideDish, facts, table, ordinal);
        if (sideDish > 0 && partial) sideDish = Prorate(sideDish, enrolledDays, daysInMonth, rules.Proration.RoundDownTo);
        steps.SideDish(sideDish, exempt);

        return new ChildFee(child.Id, facts.NationalTier, tier?.Code ?? "-", ordinal, baseFee, siblingReduction, singleParentReduction, waiverReduction,
            monthly, due, sideDish, exempt, facts.Basis(rules, month, specificThree ? "3 (特定満3歳)" : Label(category), siblings, partial ? enrolledDays : null, daysInMonth, steps));
    }

    private static long Amount(FeeTier? tier, CertificationCategory category, CareLevel? level)
    {
        if (tier is null) return 0;
        foreach (var fee in tier.Fees)
            if (fee.Category == category && (fee.CareLevel is null || fee.CareLevel == level)) return fee.Amount;
        return 0;
    }

    private static long SiblingShare(SiblingRule rule, long fee, int? ordinal)
    {
        if (ordinal is not (>= 2 and var n) || fee == 0) return fee;
        var pays = (n == 2 ? rule.SecondChildPays : rule.ThirdChildPays).Of(fee);
        return rule.RoundDownTo > 1 ? pays / rule.RoundDownTo * rule.RoundDownTo : pays;
    }

    /// <summary>
    /// 副食費 for 2号 (not 特定満3歳: their fee includes food) and 1号: exempt under the 年収360万円 lines, for 生活保護/非課税,
    /// and from the 第3子 (counted as for 多子).
    /// </summary>
    private static (long Amount, bool Exempt) SideDish(SideDishRule rule, HouseholdFacts facts, CertificationCategory table, int? ordinal)
    {
        if (rule.MonthlyAmount == 0 || table == CertificationCategory.Category3) return (0, false);
        var exempt = facts.PublicAssistance || facts.NonTaxable
            || table == CertificationCategory.Category1 && facts.Below(rule.ExemptLevyBelowEducation)
            || table == CertificationCategory.Category2 && facts.SingleParentOrDisabled && facts.Below(rule.ExemptLevyBelowSingleParent)
            || table == CertificationCategory.Category2 && !facts.SingleParentOrDisabled && facts.Below(rule.ExemptLevyBelowTwoParent)
            || ordinal >= rule.ExemptFromOrdinal;
        return exempt ? (0, true) : (rule.MonthlyAmount, false);
    }

    private static int EnrolledDays(FeeChild child, DateOnly month, int daysInMonth)
    {
        var last = JapaneseDates.EndOfMonth(month);
        var from = child.EnrolledFrom is { } f && f > month ? f : month;
        var until = child.EnrolledUntil is { } u && u < last ? u : last;
        return until < from ? 0 : until.DayNumber - from.DayNumber + 1;
    }

    /// <summary>日割: fee × days ÷ days in the month, rounded down to the unit.</summary>
    private static long Prorate(long fee, int days, int daysInMonth, int roundDownTo) =>
        fee * days / daysInMonth / Math.Max(1, roundDownTo) * Math.Max(1, roundDownTo);

    private static string Label(CertificationCategory category) => category switch
    {
        CertificationCategory.Category1 => "1",
        CertificationCategory.Category2 => "2",
        _ => "3",
    };
}
