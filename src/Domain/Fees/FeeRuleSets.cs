using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.Fees;

/// <summary>The rule sets shipped with the system; municipalities publish their own versions beside them.</summary>
public static class FeeRuleSets
{
    public const string National = "national";
    public const string KashibaSample = "kashiba-sample";

    private static readonly string[] Waivers = ["disaster", "unemployment", "incomeDrop", "closure", "selfRestraint"];

    // 国階層 thresholds on 所得割額 (REFERENCE.md §4.2; "未満" upper bounds).
    /// <summary>The 国階層 所得割 lines: 第4階層 from 48,600, 第5 from 97,000, … 第8 from 397,000 (第3 below the first).</summary>
    internal static readonly long[] NationalTierBounds = [48_600, 97_000, 169_000, 301_000, 397_000];

    private static FeeTier NationalTier(int tier, params TierFee[] fees) => tier switch
    {
        1 => new FeeTier("1", "第1階層 (生活保護)", 1, TierCondition.PublicAssistance, 0, null, fees),
        2 => new FeeTier("2", "第2階層 (市町村民税非課税)", 2, TierCondition.NonTaxable, 0, null, fees),
        _ => new FeeTier($"{tier}", $"第{tier}階層", tier, TierCondition.IncomeLevy, tier == 3 ? 0 : NationalTierBounds[tier - 4], tier == 8 ? null : NationalTierBounds[tier - 3], fees),
    };

    private static TierFee[] Infant(long standard, long @short) =>
        [new(CertificationCategory.Category3, CareLevel.Standard, standard), new(CertificationCategory.Category3, CareLevel.Short, @short)];

    private static TierFee[] Preschool(long standard, long @short) =>
        [new(CertificationCategory.Category2, CareLevel.Standard, standard), new(CertificationCategory.Category2, CareLevel.Short, @short)];

    private static readonly SiblingRule NationalSiblings = new(57_700, 77_101, 3, new Ratio(1, 2), new Ratio(0, 1), 1);
    private static readonly SideDishRule NationalSideDish = new(4_500, 57_700, 77_101, 77_101, 3);

    /// <summary>
    /// 3号 national ceilings (令4条; REFERENCE.md §4.2 — 短時間 figures flagged there as to verify): 第3 19,500/19,300,
    /// 第4 30,000/29,600, 第5 44,500/43,900, 第6 61,000/60,100, 第7 80,000/78,800, 第8 104,000/102,400.
    /// </summary>
    private static TierFee[] InfantCeiling(int tier) => tier switch
    {
        3 => Infant(19_500, 19_300),
        4 => Infant(30_000, 29_600),
        5 => Infant(44_500, 43_900),
        6 => Infant(61_000, 60_100),
        7 => Infant(80_000, 78_800),
        8 => Infant(104_000, 102_400),
        _ => Infant(0, 0),
    };

    /// <summary>national v1 (平成27年4月〜令和元年9月): 2号 paid by tier and 非課税 3号 paid 9,000; kept for 過年度更正 and reports.</summary>
    public static FeeRuleSet NationalBeforeFreeEducation { get; } = new(
        FeeRuleSet.DocumentId(National, 1), National, 1, new DateOnly(2015, 4, 1),
        "国基準 (平成27年度〜 無償化前)",
        Tiers:
        [
            NationalTier(1, [.. Infant(0, 0), .. Preschool(0, 0)]),
            NationalTier(2, [.. Infant(9_000, 9_000), .. Preschool(6_000, 6_000)]),
            NationalTier(3, [.. InfantCeiling(3), .. Preschool(16_500, 16_300)]),
            NationalTier(4, [.. InfantCeiling(4), .. Preschool(27_000, 26_600)]),
            NationalTier(5, [.. InfantCeiling(5), .. Preschool(41_500, 40_900)]),
            NationalTier(6, [.. InfantCeiling(6), .. Preschool(58_000, 57_100)]),
            NationalTier(7, [.. InfantCeiling(7), .. Preschool(77_000, 75_800)]),
            NationalTier(8, [.. InfantCeiling(8), .. Preschool(101_000, 99_400)]),
        ],
        EducationTiers:
        [
            new("1", "第1階層 (生活保護)", 1, TierCondition.PublicAssistance, 0, null, [new(CertificationCategory.Category1, null, 0)]),
            new("2", "第2階層 (非課税)", 2, TierCondition.NonTaxable, 0, null, [new(CertificationCategory.Category1, null, 9_100)]),
            new("3", "第3階層 (所得割 77,100以下)", 3, TierCondition.IncomeLevy, 0, 77_101, [new(CertificationCategory.Category1, null, 16_100)]),
            new("4", "第4階層 (211,200以下)", 4, TierCondition.IncomeLevy, 77_101, 211_201, [new(CertificationCategory.Category1, null, 20_500)]),
            new("5", "第5階層 (211,201以上)", 5, TierCondition.IncomeLevy, 211_201, null, [new(CertificationCategory.Category1, null, 25_700)]),
        ],
        NationalSiblings, new SingleParentRule(77_101), NationalSideDish with { MonthlyAmount = 0 }, new ProrationRule(10), Waivers,
        SpecificThreeYearOldPaysInfantFee: false);

    /// <summary>
    /// national v2 (令和元年10月〜, 幼児教育・保育の無償化): 1号 and 2号 pay nothing (副食費 4,500 instead, with its exemptions),
    /// 非課税 3号 nothing, 特定満三歳 2号 children the 3号 fee; 日割 by calendar days rounded down to 10 yen. The default rule set.
    /// </summary>
    public static FeeRuleSet NationalFreeEducation { get; } = NationalBeforeFreeEducation with
    {
        Id = FeeRuleSet.DocumentId(National, 2),
        Version = 2,
        EffectiveFrom = new DateOnly(2019, 10, 1),
        Description = "国基準 (令和元年10月〜 幼児教育・保育の無償化)",
        Tiers = [.. Enumerable.Range(1, 8).Select(t => NationalTier(t, InfantCeiling(t)))],
        EducationTiers = [],
        SideDish = NationalSideDish,
        SpecificThreeYearOldPaysInfantFee = true,
    };

    /// <summary>
    /// A municipal sample modelled on 香芝市's 3号 table (REFERENCE.md §4.3): 11 tiers below the national ceilings, 第2子以降 0,
    /// ひとり親・在宅障害 0 under 77,101. Municipalities publish their own table in this shape.
    /// </summary>
    public static FeeRuleSet KashibaSampleSet { get; } = NationalFreeEducation with
    {
        Id = FeeRuleSet.DocumentId(KashibaSample, 1),
        Name = KashibaSample,
        Version = 1,
        Description = "区市町村階層の例 (香芝市の3号保育料表をモデル)",
        Tiers =
        [
            new("1", "第1階層 (生活保護)", 1, TierCondition.PublicAssistance, 0, null, Infant(0, 0)),
            new("2", "第2階層 (非課税)", 2, TierCondition.NonTaxable, 0, null, Infant(0, 0)),
            new("3", "第3階層 (所得割 48,600未満)", 3, TierCondition.IncomeLevy, 0, 48_600, Infant(15_000, 14_700)),
            new("4A", "第4階層 (48,600以上 77,101未満)", 4, TierCondition.IncomeLevy, 48_600, 77_101, Infant(23_000, 22_600)),
            new("4B", "第4階層 (77,101以上 97,000未満)", 4, TierCondition.IncomeLevy, 77_101, 97_000, Infant(23_000, 22_600)),
            new("5", "第5階層 (97,000以上 120,000未満)", 5, TierCondition.IncomeLevy, 97_000, 120_000, Infant(30_000, 29_400)),
            new("6", "第6階層 (120,000以上 169,000未満)", 5, TierCondition.IncomeLevy, 120_000, 169_000, Infant(36_000, 35_300)),
            new("7", "第7階層 (169,000以上 190,000未満)", 6, TierCondition.IncomeLevy, 169_000, 190_000, Infant(44_000, 43_200)),
            new("8", "第8階層 (190,000以上 301,000未満)", 6, TierCondition.IncomeLevy, 190_000, 301_000, Infant(50_000, 49_100)),
            new("9", "第9階層 (301,000以上 320,000未満)", 7, TierCondition.IncomeLevy, 301_000, 320_000, Infant(55_000, 54_000)),
            new("10", "第10階層 (320,000以上 397,000未満)", 7, TierCondition.IncomeLevy, 320_000, 397_000, Infant(63_000, 61_900)),
            new("11", "第11階層 (397,000以上)", 8, TierCondition.IncomeLevy, 397_000, null, Infant(65_000, 63_800)),
        ],
        Siblings = NationalSiblings with { SecondChildPays = new Ratio(0, 1) },
    };

    public static IReadOnlyList<FeeRuleSet> Shipped { get; } = [NationalBeforeFreeEducation, NationalFreeEducation, KashibaSampleSet];
}
