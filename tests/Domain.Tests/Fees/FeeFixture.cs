using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>
/// Households, children and dates for the fee tests (REFERENCE.md §4, §15). The default month is 2027-06 (年度2027, so the
/// tax used is 年度2026's); birth dates are named after the child's クラス年齢 / school grade in 年度2027.
/// </summary>
internal static class FeeFixture
{
    public static readonly FeeRuleSet National = FeeRuleSets.NationalFreeEducation;
    public static readonly FeeRuleSet NationalV1 = FeeRuleSets.NationalBeforeFreeEducation;
    public static readonly FeeRuleSet Kashiba = FeeRuleSets.KashibaSampleSet;

    /// <summary>The national set with 伊賀市's rounding of the 多子 half (100円未満切捨て, REFERENCE.md §4.4).</summary>
    public static readonly FeeRuleSet IgaRounding = FeeRuleSets.NationalFreeEducation with
    {
        Siblings = FeeRuleSets.NationalFreeEducation.Siblings with { RoundDownTo = 100 },
    };

    public static readonly DateOnly June2027 = new(2027, 6, 1);

    // Ages in 年度2027 (クラス年齢 = age on 2027-04-01) and on 2027-06-01.
    public static readonly DateOnly Age0 = new(2026, 11, 10);
    public static readonly DateOnly Age1 = new(2026, 3, 15);
    public static readonly DateOnly Age2 = new(2025, 1, 20);
    public static readonly DateOnly Class3 = new(2023, 8, 1);
    public static readonly DateOnly Class4 = new(2022, 9, 1);
    public static readonly DateOnly Class5 = new(2022, 1, 10);
    public static readonly DateOnly Grade1 = new(2020, 6, 1);
    public static readonly DateOnly Grade2 = new(2020, 1, 10);
    public static readonly DateOnly Grade3 = new(2018, 6, 1);
    public static readonly DateOnly Grade4 = new(2017, 6, 1);

    /// <summary>A two-parent household with the same 所得割 on record for every 年度 2014–2033.</summary>
    public static FeeHousehold Household(long levy, bool singleParent = false, bool disabledAtHome = false) =>
        new(false, singleParent, disabledAtHome, EveryYear(levy, false));

    public static FeeHousehold SingleParent(long levy) => Household(levy, singleParent: true);

    public static FeeHousehold NonTaxable() => new(false, false, false, EveryYear(0, true));

    public static FeeHousehold PublicAssistance(long levy = 0) => new(true, false, false, EveryYear(levy, levy == 0));

    public static FeeHousehold WithTaxYears(params HouseholdTaxYear[] years) => new(false, false, false, years);

    public static IReadOnlyList<HouseholdTaxYear> EveryYear(long levy, bool nonTaxable) =>
        [.. Enumerable.Range(2014, 20).Select(y => new HouseholdTaxYear(y, levy, nonTaxable))];

    /// <summary>3号, in a 保育所.</summary>
    public static FeeChild Infant(string id, DateOnly birth, CareLevel level = CareLevel.Standard) =>
        new(id, birth, CertificationCategory.Category3, level, Enrollment.Nursery);

    /// <summary>2号, in a 保育所.</summary>
    public static FeeChild Preschooler(string id, DateOnly birth, CareLevel level = CareLevel.Standard) =>
        new(id, birth, CertificationCategory.Category2, level, Enrollment.Nursery);

    /// <summary>1号, in a 幼稚園.</summary>
    public static FeeChild Kindergartner(string id, DateOnly birth) =>
        new(id, birth, CertificationCategory.Category1, null, Enrollment.Kindergarten);

    public static FeeChild Pupil(string id, DateOnly birth) => new(id, birth, null, null, Enrollment.School);

    public static FeeChild AtHome(string id, DateOnly birth) => new(id, birth, null, null, Enrollment.None);

    public static IReadOnlyList<ChildFee> Quote(FeeRuleSet rules, DateOnly month, FeeHousehold household, params FeeChild[] children)
    {
        var fees = FeeEngine.Quote(rules, month, household, children);
        fees.Select(f => f.ChildId).ShouldBe(children.Select(c => c.Id), "one ChildFee per child, in input order");
        return fees;
    }

    public static IReadOnlyList<ChildFee> Quote(DateOnly month, FeeHousehold household, params FeeChild[] children) =>
        Quote(National, month, household, children);

    public static IReadOnlyList<ChildFee> Quote(FeeHousehold household, params FeeChild[] children) =>
        Quote(National, June2027, household, children);

    public static ChildFee QuoteOne(FeeRuleSet rules, DateOnly month, FeeHousehold household, FeeChild child) =>
        Quote(rules, month, household, child).Single();

    public static ChildFee QuoteOne(FeeHousehold household, FeeChild child) => QuoteOne(National, June2027, household, child);

    public static ChildFee For(this IReadOnlyList<ChildFee> fees, string id) => fees.Single(f => f.ChildId == id);

    /// <summary>The reductions account for the difference between the base fee and the monthly fee.</summary>
    public static void ShouldAddUp(this ChildFee fee) =>
        (fee.BaseFee - fee.SiblingReduction - fee.SingleParentReduction - fee.WaiverReduction)
            .ShouldBe(fee.MonthlyFee, $"{fee.ChildId}: BaseFee − reductions = MonthlyFee");
}
