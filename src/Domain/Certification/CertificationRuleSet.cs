namespace KosodateShien.Domain.Certification;

/// <summary>How a 事由 decides the 保育必要量.</summary>
public enum CareLevelRule
{
    /// <summary>By monthly hours against the lower limit and the 標準時間 threshold.</summary>
    ByHours,
    /// <summary>Always 保育標準時間.</summary>
    AlwaysStandard,
    /// <summary>Always 保育短時間.</summary>
    AlwaysShort,
}

/// <summary>A 事由 and the rule that sets its 保育必要量.</summary>
public sealed record ReasonRule(CareNeedReason Reason, CareLevelRule Rule);

/// <summary>
/// 認定基準: the municipality's certification rules, effective-dated and versioned.
/// A new version never changes decisions already made: each decision records the version it used.
/// </summary>
/// <param name="Id">document id, <c>certification-rules/{Version}</c></param>
/// <param name="EffectiveFrom">適用開始日: applies to certifications starting on or after this date</param>
/// <param name="MinimumMonthlyHours">就労等の下限時間 (府令1条の5: the municipality sets 48–64 h)</param>
/// <param name="StandardCareMonthlyHours">保育標準時間 threshold: at or above it → 標準時間</param>
/// <param name="JobSeekingValidityDays">求職活動の認定期間 (府令8条: 90日)</param>
/// <param name="JobSeekingEndsAtMonthEnd">whether the 求職活動 period runs to the end of the month its last day falls in</param>
/// <param name="DecisionDeadlineDays">認定の処理期間 (法20条6項: 30日)</param>
/// <param name="NearDeadlineDays">the work queue flags applications with this many days or fewer left</param>
/// <param name="PublishedBy">who published this version (null for the shipped default)</param>
public sealed record CertificationRuleSet(
    string Id,
    int Version,
    DateOnly EffectiveFrom,
    string Description,
    int MinimumMonthlyHours,
    int StandardCareMonthlyHours,
    int JobSeekingValidityDays,
    bool JobSeekingEndsAtMonthEnd,
    int DecisionDeadlineDays,
    int NearDeadlineDays,
    IReadOnlyList<ReasonRule> Reasons,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : Common.IVersionedRuleSet
{
    public static string DocumentId(int version) => $"certification-rules/{version}";

    public CareLevelRule RuleFor(CareNeedReason reason) =>
        Reasons.FirstOrDefault(r => r.Reason == reason)?.Rule ?? CareLevelRule.ByHours;

    /// <summary>
    /// The default set: a 64-hour lower limit and 120 hours for 標準時間 (REFERENCE.md §2: 上田市 64h,
    /// 越前/松江 split at 120h), 求職活動 90日, 30-day decisions, and per-事由 levels after 三島市.
    /// </summary>
    public static CertificationRuleSet Default { get; } = new(
        DocumentId(1), 1, new DateOnly(2015, 4, 1),
        "既定の認定基準 (下限64時間, 標準時間120時間以上, 求職活動90日)",
        MinimumMonthlyHours: 64,
        StandardCareMonthlyHours: 120,
        JobSeekingValidityDays: 90,
        JobSeekingEndsAtMonthEnd: false,
        DecisionDeadlineDays: 30,
        NearDeadlineDays: 7,
        Reasons:
        [
            new(CareNeedReason.Employment, CareLevelRule.ByHours),
            new(CareNeedReason.Pregnancy, CareLevelRule.AlwaysStandard),
            new(CareNeedReason.Illness, CareLevelRule.AlwaysStandard),
            new(CareNeedReason.Care, CareLevelRule.ByHours),
            new(CareNeedReason.Disaster, CareLevelRule.AlwaysStandard),
            new(CareNeedReason.JobSeeking, CareLevelRule.AlwaysStandard),
            new(CareNeedReason.Study, CareLevelRule.ByHours),
            new(CareNeedReason.Abuse, CareLevelRule.AlwaysStandard),
            new(CareNeedReason.ParentalLeave, CareLevelRule.AlwaysShort),
            new(CareNeedReason.Other, CareLevelRule.ByHours),
        ]);

    /// <summary>The version in force on a date: the latest whose 適用開始日 is on or before it.</summary>
    public static CertificationRuleSet InForceOn(IEnumerable<CertificationRuleSet> versions, DateOnly date) =>
        Common.RuleSetVersions.InForceOn(versions, date, "certification rule set");
}
