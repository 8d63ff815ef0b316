using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Fees;

/// <summary>How a tier is decided.</summary>
public enum TierCondition
{
    /// <summary>生活保護世帯 (単給含む)</summary>
    PublicAssistance,
    /// <summary>市町村民税非課税世帯</summary>
    NonTaxable,
    /// <summary>世帯の所得割額 in [LevyFrom, LevyBelow)</summary>
    IncomeLevy,
}

/// <summary>A monthly amount of a tier for one 支給認定区分 and 保育必要量 (null = any).</summary>
public sealed record TierFee(CertificationCategory Category, CareLevel? CareLevel, long Amount);

/// <summary>
/// 区市町村階層 (or 国階層 in the national table): 名称, 判定条件 (生活保護 / 非課税 / 所得割額 range), the 国階層 it maps to,
/// and 階層別保育料 per 認定区分 × 保育必要量. A category with no amount in the tier pays nothing (e.g. 3–5歳 since 無償化).
/// </summary>
/// <param name="LevyBelow">upper bound, exclusive ("未満"); null = no upper bound</param>
public sealed record FeeTier(string Code, string Name, int NationalTier, TierCondition Condition, long LevyFrom, long? LevyBelow, IReadOnlyList<TierFee> Fees);

/// <summary>A share as 分子/分母 (e.g. 第2子 1/2).</summary>
public sealed record Ratio(int Numerator, int Denominator)
{
    public long Of(long amount) => amount * Numerator / Denominator;
}

/// <summary>
/// 多子軽減: who counts as a sibling, and what the 2nd and 3rd-or-later child pay. National rule: for 2号/3号 count children
/// before 小学校就学 who use a facility, for 1号 children up to 小学校3年生; under the 年収360万円 line (所得割 below the
/// given levels) every child counts whatever its age.
/// </summary>
/// <param name="SecondChildPays">the share of the fee a 第2子 pays (national 1/2)</param>
/// <param name="ThirdChildPays">the share a 第3子以降 pays (national 0)</param>
/// <param name="RoundDownTo">rounding of the reduced amount (1 = none; 伊賀市 100)</param>
public sealed record SiblingRule(
    long NoAgeLimitLevyBelowForCare,
    long NoAgeLimitLevyBelowForEducation,
    int EducationCountsUpToGrade,
    Ratio SecondChildPays,
    Ratio ThirdChildPays,
    int RoundDownTo);

/// <summary>ひとり親世帯等・在宅障害児(者)世帯 under the given 所得割: the 1st child pays the 非課税 tier's amount, later children nothing.</summary>
public sealed record SingleParentRule(long LevyBelow);

/// <summary>
/// 副食費 for 2号 (and 1号) children: monthly amount and exemptions — under the 年収360万円 line (two-parent 2号 / ひとり親等
/// 2号 / 1号 levels) and 第3子以降 counted as for 多子 (1号 up to 小3, 2号 就学前).
/// </summary>
public sealed record SideDishRule(long MonthlyAmount, long ExemptLevyBelowTwoParent, long ExemptLevyBelowSingleParent, long ExemptLevyBelowEducation, int ExemptFromOrdinal);

/// <summary>日割: fee × enrolled calendar days ÷ days in the month, rounded down to a unit.</summary>
public sealed record ProrationRule(int RoundDownTo);

/// <summary>
/// 利用者負担額の基準: a municipality's fee rules for a period, versioned (by 年度 and 適用開始日) and named (e.g. "national").
/// Each fee event records the name and version it used.
/// </summary>
/// <param name="Name">the rule-set family, e.g. "national" or "kashiba-sample"</param>
/// <param name="Tiers">階層 for 2号/3号 (保育認定)</param>
/// <param name="EducationTiers">階層 for 1号 (they differ: 77,100 / 211,200)</param>
/// <param name="SpecificThreeYearOldPaysInfantFee">特定満三歳以上保育認定子ども: a 2号 child before the April after 満3歳 pays the 3号 fee</param>
public sealed record FeeRuleSet(
    string Id,
    string Name,
    int Version,
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<FeeTier> Tiers,
    IReadOnlyList<FeeTier> EducationTiers,
    SiblingRule Siblings,
    SingleParentRule SingleParent,
    SideDishRule SideDish,
    ProrationRule Proration,
    IReadOnlyList<string> WaiverKinds,
    bool SpecificThreeYearOldPaysInfantFee,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : IVersionedRuleSet
{
    public static string DocumentId(string name, int version) => $"fee-rules/{name}/{version}";

    public static FeeRuleSet InForceOn(IEnumerable<FeeRuleSet> versions, string name, DateOnly date) =>
        RuleSetVersions.InForceOn(versions.Where(v => v.Name == name), date, $"fee rule set '{name}'");
}
