using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Allocation.Scoring;

/// <summary>One band of the 基準指数 table: from this many hours a month, these points.</summary>
public sealed record HoursBand(int FromMonthlyHours, decimal Points);

/// <summary>
/// 基準指数 for one 保育必要性の事由: fixed points, or points by monthly hours (the highest band reached).
/// </summary>
public sealed record BaseIndexRule(CareNeedReason Reason, decimal? FixedPoints, IReadOnlyList<HoursBand> ByHours);

/// <summary>When a 調整指数 item applies by itself, from registry facts, rather than being declared on the application.</summary>
public enum AdjustmentSource
{
    /// <summary>Declared by staff on the application (申込書の記載・添付書類).</summary>
    Declared,
    /// <summary>生活保護 in force on the first day of the round's month.</summary>
    PublicAssistance,
    /// <summary>ひとり親 in force on the first day of the round's month.</summary>
    SingleParent,
}

/// <summary>調整指数 item: code, label and points (+ or −).</summary>
public sealed record AdjustmentItem(string Code, string Label, decimal Points, AdjustmentSource Source = AdjustmentSource.Declared);

/// <summary>同一指数の優先順位: the steps that order households with the same 指数, before the lottery.</summary>
public enum TieBreakStep
{
    /// <summary>ひとり親世帯を優先</summary>
    SingleParent,
    /// <summary>生活保護世帯を優先</summary>
    PublicAssistance,
    /// <summary>多子世帯 (子の数が多い世帯) を優先</summary>
    MoreChildren,
    /// <summary>きょうだいが在園している世帯を優先</summary>
    SiblingEnrolled,
    /// <summary>世帯の所得割額が低い世帯を優先</summary>
    LowerIncomeLevy,
    /// <summary>待機月数が長い世帯を優先</summary>
    LongerWaiting,
}

/// <summary>How a sibling group's 指数 is formed from its members' (the engine ranks households).</summary>
public enum SiblingScorePolicy { Average, Minimum, Maximum }

/// <summary>
/// 入所選考基準: 基準指数 tables, 調整指数 items, the tie-break order and sibling rules, effective-dated and
/// versioned (入所選考基準履歴番号). Each score event records the version it used.
/// </summary>
/// <param name="MissingGuardianPoints">基準指数 counted for a guardian who is absent (ひとり親等)</param>
/// <param name="MaxSiblingOptions">how many joint choices a sibling form expands to, at most</param>
public sealed record SelectionCriteria(
    string Id,
    int Version,
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<BaseIndexRule> BaseIndex,
    decimal MissingGuardianPoints,
    IReadOnlyList<AdjustmentItem> Adjustments,
    IReadOnlyList<TieBreakStep> TieBreakOrder,
    SiblingScorePolicy SiblingScore,
    int MaxSiblingOptions,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : IVersionedRuleSet
{
    public static string DocumentId(int version) => $"selection-criteria/{version}";

    public static SelectionCriteria InForceOn(IEnumerable<SelectionCriteria> versions, DateOnly date) =>
        RuleSetVersions.InForceOn(versions, date, "入所選考基準");

    private static readonly HoursBand[] WorkHours =
    [
        new(160, 20), new(120, 16), new(80, 15), new(72, 12), new(48, 9),
    ];

    /// <summary>
    /// The shipped default, modelled on the 23区 template in REFERENCE.md §3 (third-party summary: 月160h以上 20,
    /// 120–160h 16, 80–120h 15, 48–72h 9; 出産 14; 入院 20) with 新宿区-style adjustments (ひとり親, 生活保護,
    /// きょうだい在園 +2, 育休復帰 +2, 認可外預け +2, 保育士 +1, 祖父母同居で保育可 −2). Replace it per municipality.
    /// </summary>
    public static SelectionCriteria Default { get; } = new(
        DocumentId(1), 1, new DateOnly(2015, 4, 1),
        "既定の入所選考基準 (23区モデル)",
        BaseIndex:
        [
            new(CareNeedReason.Employment, null, WorkHours),
            new(CareNeedReason.Pregnancy, 14, []),
            new(CareNeedReason.Illness, 20, []),
            new(CareNeedReason.Care, null, WorkHours),
            new(CareNeedReason.Disaster, 20, []),
            new(CareNeedReason.JobSeeking, 8, []),
            new(CareNeedReason.Study, null, WorkHours),
            new(CareNeedReason.Abuse, 20, []),
            new(CareNeedReason.ParentalLeave, 14, []),
            new(CareNeedReason.Other, 8, []),
        ],
        MissingGuardianPoints: 20,
        Adjustments:
        [
            new("singleParent", "ひとり親世帯", 2, AdjustmentSource.SingleParent),
            new("publicAssistance", "生活保護世帯", 3, AdjustmentSource.PublicAssistance),
            new("siblingEnrolled", "きょうだいが在園", 2),
            new("parentalLeaveReturn", "育児休業からの復帰", 2),
            new("unlicensedCare", "認可外保育施設等に預けている", 2),
            new("nurseryTeacher", "保護者が保育士として勤務", 1),
            new("grandparentCare", "65歳未満の祖父母が同居し保育可能", -2),
        ],
        TieBreakOrder:
        [
            TieBreakStep.SingleParent, TieBreakStep.PublicAssistance, TieBreakStep.MoreChildren,
            TieBreakStep.SiblingEnrolled, TieBreakStep.LowerIncomeLevy, TieBreakStep.LongerWaiting,
        ],
        SiblingScore: SiblingScorePolicy.Average,
        MaxSiblingOptions: 25);
}
