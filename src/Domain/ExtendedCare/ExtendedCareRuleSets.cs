using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.ExtendedCare;

/// <summary>The extended-care fee rules shipped with the system; a municipality publishes its own versions after it.</summary>
public static class ExtendedCareRuleSets
{
    private static readonly (string Code, string Name, int From, int To)[] Tiers =
    [
        ("A", "第1階層 (生活保護)", 1, 1),
        ("B", "第2階層 (市町村民税非課税)", 2, 2),
        ("C", "第3階層", 3, 3),
        ("D", "第4・第5階層", 4, 5),
        ("E", "第6〜第8階層", 6, 8),
    ];

    /// <summary>
    /// Version 1 (適用開始日 2024-04-01). <b>The amounts are a sample</b>: 新宿区's own 延長保育料 (「延長保育のご案内」) is not in the
    /// corpus (REFERENCE.md §11, §16). The 3〜5歳児クラス monthly column follows the tiered example in REFERENCE.md §11
    /// (住田町: 第1 0, 第2 500, 第3 1,000, 第4–5 1,500) with 第6–8 set one step higher at 2,000; the 1・2歳児クラス column is 500 yen
    /// above it. 日額 is a tenth of the 月額 and the monthly cap (延長保育料上限) equals the 月額, so 日額利用 never costs more than
    /// 月額利用 (新宿区 offers 月額利用 to children using extended care on 10 or more days a month). From 1歳児クラス (新宿区:
    /// 1歳児クラス以上); 生活保護 and 市町村民税非課税 pay nothing (新宿区); 第2子 pays half and 第3子以降 nothing, as in the national
    /// 多子軽減 (REFERENCE.md §4.4, sample for 延長保育); 10円未満切捨て (REFERENCE.md §1).
    /// <code>
    /// 所得階層            1・2歳児クラス 月額/日額/上限   3〜5歳児クラス 月額/日額/上限
    /// A 第1 (生活保護)         0 /   0 /     0               0 /   0 /     0
    /// B 第2 (非課税)       1,000 / 100 / 1,000             500 /  50 /   500
    /// C 第3                1,500 / 150 / 1,500           1,000 / 100 / 1,000
    /// D 第4・第5           2,000 / 200 / 2,000           1,500 / 150 / 1,500
    /// E 第6〜第8           2,500 / 250 / 2,500           2,000 / 200 / 2,000
    /// </code>
    /// </summary>
    public static ExtendedCareRuleSet Default { get; } = new(
        ExtendedCareRuleSet.DocumentId(1), 1, new DateOnly(2024, 4, 1),
        "延長保育料の基準 (サンプル額: 所得階層 × 年齢, 生活保護・非課税は無料, 多子軽減, 日額は月額上限まで, 10円未満切捨て)",
        TierBands: [.. Tiers.Select(t => new ExtendedCareTierBand(t.Code, t.Name, t.From, t.To))],
        AgeBands:
        [
            new("infant", "1・2歳児クラス", 1, 2),
            new("preschool", "3〜5歳児クラス", 3, 5),
        ],
        Prices:
        [
            Price("A", "infant", 0), Price("A", "preschool", 0),
            Price("B", "infant", 1_000), Price("B", "preschool", 500),
            Price("C", "infant", 1_500), Price("C", "preschool", 1_000),
            Price("D", "infant", 2_000), Price("D", "preschool", 1_500),
            Price("E", "infant", 2_500), Price("E", "preschool", 2_000),
        ],
        Siblings: new ExtendedCareSiblingRule(new Ratio(1, 2), new Ratio(0, 1)),
        Exemptions: new ExtendedCareExemptions(PublicAssistance: true, NonTaxable: true),
        RoundDownTo: 10);

    /// <summary>月額, 日額 = 月額 ÷ 10, 上限 = 月額.</summary>
    private static ExtendedCarePrice Price(string tier, string age, long monthly) => new(tier, age, monthly, monthly / 10, monthly);
}
