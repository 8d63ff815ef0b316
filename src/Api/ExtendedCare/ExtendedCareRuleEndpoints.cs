using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>
/// A new version of the 延長保育料の基準. Versions are never edited: publish a new one with a later 適用開始日.
/// </summary>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="TierBands">延長保育料算定区分 (所得階層): bands of 国階層 covering 1–8 once each</param>
/// <param name="AgeBands">延長保育料算定区分 (年齢): bands of クラス年齢 (ages in no band cannot use extended care)</param>
/// <param name="Prices">延長保育料単価 (月額, 日額, 延長保育料上限) per 所得階層 × 年齢 band</param>
/// <param name="Siblings">多子: the share a 第2子 and a 第3子以降 pay</param>
/// <param name="Exemptions">延長保育料減免: 生活保護 / 市町村民税非課税 pay nothing</param>
/// <param name="RoundDownTo">端数処理: round down to this many yen (10 = 10円未満切捨て)</param>
public sealed record PublishExtendedCareRulesRequest(
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<ExtendedCareTierBand> TierBands,
    IReadOnlyList<ExtendedCareAgeBand> AgeBands,
    IReadOnlyList<ExtendedCarePrice> Prices,
    ExtendedCareSiblingRule Siblings,
    ExtendedCareExemptions Exemptions,
    int RoundDownTo) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("description", Description, 200);
        foreach (var (field, message) in Draft(0, null, null).Problems()) errors.Add(field, message);
    }

    public ExtendedCareRuleSet Draft(int version, string? publishedBy, DateTimeOffset? publishedAt) =>
        new(ExtendedCareRuleSet.DocumentId(version), version, EffectiveFrom, Description.Trim(), TierBands, AgeBands, Prices, Siblings, Exemptions, RoundDownTo,
            publishedBy, publishedAt);
}

/// <summary>The published version (延長保育料基準 履歴番号) and its 適用開始日.</summary>
public sealed record ExtendedCareRulesPublished(string Id, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/extended-care/rule-sets");

public static class ExtendedCareRuleEndpoints
{
    /// <summary>All versions of the 延長保育料の基準, oldest first.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/extended-care/rule-sets", OperationId = "ListExtendedCareRuleSets")]
    public static Task<IReadOnlyList<ExtendedCareRuleSet>> List(IQuerySession session, CancellationToken ct) => session.ExtendedCareRuleVersionsAsync(ct);

    /// <summary>Publish a new version of the 延長保育料の基準; months from its 適用開始日 are charged with it.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/extended-care/rule-sets", OperationId = "PublishExtendedCareRuleSet")]
    public static async Task<ExtendedCareRulesPublished> Publish(PublishExtendedCareRulesRequest request, IDocumentSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var rules = request.Draft(RuleSetVersions.NextVersion(await session.ExtendedCareRuleVersionsAsync(ct), request.EffectiveFrom), user.Identity?.Name, clock.GetUtcNow());
        // Insert, not store: an existing id (a concurrent publish of the same version) fails instead of overwriting.
        session.Insert(rules);
        return new ExtendedCareRulesPublished(rules.Id, rules.Version, rules.EffectiveFrom);
    }
}
