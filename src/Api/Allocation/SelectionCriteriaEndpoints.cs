using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Rules;
using KosodateShien.Domain.Allocation.Scoring;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Allocation;

/// <summary>A new 入所選考基準 version: 基準指数 tables, 調整指数 items, 同一指数の優先順位, sibling rules.</summary>
/// <param name="EffectiveFrom">適用開始日 (rounds for months from this date use it)</param>
/// <param name="MissingGuardianPoints">基準指数 for an absent guardian (ひとり親等)</param>
/// <param name="TieBreakOrder">同一指数の優先順位, before the per-household lottery</param>
public sealed record PublishSelectionCriteriaRequest(
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<BaseIndexRule> BaseIndex,
    decimal MissingGuardianPoints,
    IReadOnlyList<AdjustmentItem> Adjustments,
    IReadOnlyList<TieBreakStep> TieBreakOrder,
    SiblingScorePolicy SiblingScore,
    int MaxSiblingOptions) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("description", Description, 200);
        var missing = Enum.GetValues<CareNeedReason>().Where(r => BaseIndex.All(b => b.Reason != r)).ToList();
        if (missing.Count > 0) errors.Add("baseIndex", $"must give a rule for every 事由; missing: {string.Join(", ", missing)}.");
        for (var i = 0; i < BaseIndex.Count; i++)
            if (BaseIndex[i].FixedPoints is null == (BaseIndex[i].ByHours.Count == 0))
                errors.Add($"baseIndex[{i}]", "gives either fixedPoints or byHours bands, not both or neither.");
        if (Adjustments.Select(a => a.Code).Distinct().Count() != Adjustments.Count) errors.Add("adjustments", "codes must be unique.");
        for (var i = 0; i < Adjustments.Count; i++)
        {
            errors.Required($"adjustments[{i}].code", Adjustments[i].Code, 50);
            errors.Required($"adjustments[{i}].label", Adjustments[i].Label, 100);
        }
        if (TieBreakOrder.Distinct().Count() != TieBreakOrder.Count) errors.Add("tieBreakOrder", "must not repeat a step.");
        errors.Range("maxSiblingOptions", MaxSiblingOptions, 1, 100);
    }
}

/// <summary>The published version (入所選考基準履歴番号) and its 適用開始日.</summary>
public sealed record SelectionCriteriaPublished(string Id, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/allocation/criteria");

public static class SelectionCriteriaEndpoints
{
    /// <summary>All versions of the 入所選考基準, oldest first.</summary>
    [Tags("Rules 基準")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/allocation/criteria", OperationId = "ListSelectionCriteria")]
    public static Task<IReadOnlyList<SelectionCriteria>> List(IQuerySession session, CancellationToken ct) => session.AllVersionsAsync<SelectionCriteria>(ct);

    /// <summary>Publish a new 入所選考基準 version; rounds for months on or after its 適用開始日 score with it.</summary>
    [Tags("Rules 基準")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/allocation/criteria", OperationId = "PublishSelectionCriteria")]
    public static async Task<SelectionCriteriaPublished> Publish(PublishSelectionCriteriaRequest request, IDocumentSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var version = RuleSetVersions.NextVersion(await session.AllVersionsAsync<SelectionCriteria>(ct), request.EffectiveFrom);
        var criteria = new SelectionCriteria(SelectionCriteria.DocumentId(version), version, request.EffectiveFrom, request.Description.Trim(), request.BaseIndex,
            request.MissingGuardianPoints, request.Adjustments, request.TieBreakOrder, request.SiblingScore, request.MaxSiblingOptions, user.Identity?.Name, clock.GetUtcNow());
        session.Insert(criteria);
        return new SelectionCriteriaPublished(criteria.Id, version, criteria.EffectiveFrom);
    }
}
