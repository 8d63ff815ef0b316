using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Rules;

/// <summary>A new version of the 認定基準. Versions are never edited: publish a new one with a later 適用開始日.</summary>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="MinimumMonthlyHours">就労等の下限時間 (48–64)</param>
/// <param name="StandardCareMonthlyHours">保育標準時間となる月の時間</param>
/// <param name="JobSeekingValidityDays">求職活動の認定日数</param>
/// <param name="DecisionDeadlineDays">認定の処理期間 (日)</param>
public sealed record PublishCertificationRulesRequest(
    DateOnly EffectiveFrom,
    string Description,
    int MinimumMonthlyHours,
    int StandardCareMonthlyHours,
    int JobSeekingValidityDays,
    bool JobSeekingEndsAtMonthEnd,
    int DecisionDeadlineDays,
    int NearDeadlineDays,
    IReadOnlyList<ReasonRule> Reasons) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("description", Description, 200);
        errors.Range("minimumMonthlyHours", MinimumMonthlyHours, 1, 300);
        errors.Range("standardCareMonthlyHours", StandardCareMonthlyHours, MinimumMonthlyHours, 300);
        errors.Range("jobSeekingValidityDays", JobSeekingValidityDays, 1, 366);
        errors.Range("decisionDeadlineDays", DecisionDeadlineDays, 1, 90);
        errors.Range("nearDeadlineDays", NearDeadlineDays, 0, DecisionDeadlineDays);
        var missing = Enum.GetValues<CareNeedReason>().Where(r => Reasons.All(x => x.Reason != r)).ToList();
        if (missing.Count > 0) errors.Add("reasons", $"must give a rule for every 事由; missing: {string.Join(", ", missing)}.");
        if (Reasons.GroupBy(r => r.Reason).Any(g => g.Count() > 1)) errors.Add("reasons", "must give each 事由 once.");
    }
}

/// <summary>The published version (認定基準履歴番号) and its 適用開始日.</summary>
public sealed record RuleSetPublished(string Id, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/rule-sets/certification");

public static class CertificationRuleEndpoints
{
    /// <summary>All versions of the 認定基準, oldest first.</summary>
    [Tags("Rules 基準")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/rule-sets/certification", OperationId = "ListCertificationRuleSets")]
    public static Task<IReadOnlyList<CertificationRuleSet>> List(IQuerySession session, CancellationToken ct) => session.AllAsync(ct);

    /// <summary>Publish a new 認定基準 version; decisions for periods starting on or after its 適用開始日 use it.</summary>
    [Tags("Rules 基準")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/rule-sets/certification", OperationId = "PublishCertificationRuleSet")]
    public static async Task<RuleSetPublished> Publish(PublishCertificationRulesRequest request, IDocumentSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var version = RuleSetVersions.NextVersion(await session.AllAsync(ct), request.EffectiveFrom);
        var rules = new CertificationRuleSet(CertificationRuleSet.DocumentId(version), version, request.EffectiveFrom, request.Description.Trim(),
            request.MinimumMonthlyHours, request.StandardCareMonthlyHours, request.JobSeekingValidityDays, request.JobSeekingEndsAtMonthEnd,
            request.DecisionDeadlineDays, request.NearDeadlineDays, request.Reasons, user.Identity?.Name, clock.GetUtcNow());
        // Insert, not store: an existing id (a concurrent publish of the same version) fails instead of overwriting.
        session.Insert(rules);
        return new RuleSetPublished(rules.Id, rules.Version, rules.EffectiveFrom);
    }
}
