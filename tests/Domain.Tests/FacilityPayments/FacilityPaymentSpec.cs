using KosodateShien.Domain.Certification;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>
/// The tables and rosters of BENEFITS.md §7. T-HO and T-SA are ILLUSTRATIVE (the real 20/100 保育所 and 小規模A 単価 were not
/// found); Table R1 is a third party's 幼稚園 1号 row. They are test data here, never shipped as the national table.
/// </summary>
public abstract class FacilityPaymentSpec
{
    protected static readonly FacilityPaymentRuleSet Rules = FacilityPaymentRuleSets.Default;
    protected static readonly TreatmentRates Rates = new(12, 7);
    protected static readonly DateOnly June2026 = new(2026, 6, 1);

    /// <summary>クラス年齢 in 年度 2026 (age on 2026-03-31) → a birth date.</summary>
    protected static DateOnly BornForClassAge(int classAge) => new(2025 - classAge, 6, 1);

    /// <summary>T-HO: 保育所 20/100, 利用定員 81–90 (ILLUSTRATIVE).</summary>
    protected static readonly IReadOnlyList<UnitPrice> NurseryTable =
    [
        new(AgeBand.Infant, CareLevel.Standard, 200_000, 2_000, 2.0m),
        new(AgeBand.Infant, CareLevel.Short, 194_000, 1_940, 2.0m),
        new(AgeBand.Age1To2, CareLevel.Standard, 130_000, 1_300, 2.0m),
        new(AgeBand.Age1To2, CareLevel.Short, 124_000, 1_240, 2.0m),
        new(AgeBand.Age3, CareLevel.Standard, 62_000, 620, 2.1m),
        new(AgeBand.Age3, CareLevel.Short, 56_000, 560, 2.1m),
        new(AgeBand.Age4Plus, CareLevel.Standard, 52_000, 520, 2.0m),
        new(AgeBand.Age4Plus, CareLevel.Short, 46_000, 460, 2.0m),
    ];

    /// <summary>T-SA: 小規模保育事業A型 20/100, 定員13–19 (ILLUSTRATIVE).</summary>
    protected static readonly IReadOnlyList<UnitPrice> SmallScaleTable =
    [
        new(AgeBand.Infant, CareLevel.Standard, 260_000, 2_600, 2.0m),
        new(AgeBand.Age1To2, CareLevel.Standard, 170_000, 1_700, 2.0m),
        new(AgeBand.Infant, CareLevel.Short, 252_000, 2_520, 2.0m),
        new(AgeBand.Age1To2, CareLevel.Short, 162_000, 1_620, 2.0m),
    ];

    protected static readonly AddonPrice AgeThreeStaffing = new("3歳児配置改善加算", AddonKind.PerChild, [AgeBand.Age3], 8_000, 80, 2.0m);
    protected static readonly AddonPrice HeadNurse = new("主任保育士専任加算", AddonKind.PerFacility, Base: 150_000, TreatmentUnit: 1_500, C: 7.5m);

    private static int _serial;

    protected static ClaimChild Child(int classAge, CareLevel level = CareLevel.Standard, long fee = 0, DateOnly? from = null, DateOnly? to = null,
        CertificationCategory? category = null, string? payer = null, bool mealFeeExempt = false) =>
        new($"c{Interlocked.Increment(ref _serial)}", BornForClassAge(classAge), category ?? (classAge >= 3 ? CertificationCategory.Category2 : CertificationCategory.Category3),
            level, fee, from, to, mealFeeExempt, payer);

    protected static IEnumerable<ClaimChild> Children(int count, int classAge, CareLevel level = CareLevel.Standard, string? payer = null) =>
        Enumerable.Range(0, count).Select(_ => Child(classAge, level, payer: payer));

    /// <summary>E1's roster on 6/1: 乳児 標準 3, 1・2歳 標準 10, 1・2歳 短時間 2, 3歳 標準 15, 4歳以上 標準 30.</summary>
    protected static List<ClaimChild> E1Roster(string? payer = null) =>
    [
        .. Children(3, 0, payer: payer), .. Children(10, 1, payer: payer), .. Children(2, 2, CareLevel.Short, payer), .. Children(15, 3, payer: payer),
        .. Children(30, 4, payer: payer),
    ];

    protected static FacilityMonthInput Month(DateOnly month, IReadOnlyList<ClaimChild> children, IReadOnlyList<UnitPrice>? table = null,
        PaymentKind payment = PaymentKind.Commission, IReadOnlyList<AddonPrice>? addons = null, TreatmentRates? rates = null,
        IReadOnlyList<ReductionRate>? reductions = null) =>
        new(month, payment, rates ?? Rates, table ?? NurseryTable, addons ?? [], reductions ?? [], children);
}
