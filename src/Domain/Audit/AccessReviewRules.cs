using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Audit;

/// <summary>
/// アクセス記録の分析基準: what the periodic review of the access log flags, set by the municipality and versioned by
/// 適用開始日. Every finding records the version it was found under.
/// </summary>
/// <param name="Id">document id: <c>standard-v{version}</c></param>
/// <param name="MaxSubjectsPerHour">more distinct people or households than this read by one user within a clock hour is flagged</param>
/// <param name="OfficeOpens">業務時間 start (JST), weekdays</param>
/// <param name="OfficeCloses">業務時間 end (JST), weekdays; reads outside, or on Saturdays and Sundays, are flagged</param>
/// <param name="MaxRefusalsPerHour">more refused reads (401/403) than this by one user within a clock hour is flagged</param>
/// <param name="MaxReadsWithoutOpenCasePerHour">more reads than this by one user within a clock hour of people and households with no open case
/// for the user's role is flagged (a version stored before this rule existed reads as the shipped 10)</param>
public sealed record AccessReviewRules(string Id, int Version, DateOnly EffectiveFrom, int MaxSubjectsPerHour, TimeOnly OfficeOpens, TimeOnly OfficeCloses,
    int MaxRefusalsPerHour, int MaxReadsWithoutOpenCasePerHour = 10) : IVersionedRuleSet
{
    public static AccessReviewRules Default { get; } = new("standard-v1", 1, new DateOnly(2015, 4, 1), 50, new TimeOnly(8, 0), new TimeOnly(20, 0), 5);
}
