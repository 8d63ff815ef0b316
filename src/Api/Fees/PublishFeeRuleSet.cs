using System.Security.Claims;
using System.Text.RegularExpressions;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Fees;

/// <summary>
/// A new version of a municipality's 利用者負担額の基準 (or the first of a new named set): 区市町村階層 with 判定条件 and
/// 階層別保育料, 多子軽減, ひとり親 rule, 副食費, 日割 rounding and 減免 kinds, in force from 適用開始日.
/// </summary>
/// <param name="Name">the rule-set family (lower-case letters, digits and '-'), e.g. "setagaya"</param>
/// <param name="EffectiveFrom">適用開始日 (months from this date are decided with it; normally 1 April or 1 September)</param>
/// <param name="Tiers">階層 for 2号/3号 (保育認定)</param>
/// <param name="EducationTiers">階層 for 1号 (empty: 1号 pays nothing, as since 無償化)</param>
public sealed partial record PublishFeeRuleSetRequest(
    string Name,
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<FeeTier> Tiers,
    IReadOnlyList<FeeTier> EducationTiers,
    SiblingRule Siblings,
    SingleParentRule SingleParent,
    SideDishRule SideDish,
    ProrationRule Proration,
    IReadOnlyList<string> WaiverKinds,
    bool SpecificThreeYearOldPaysInfantFee) : IValidatedRequest
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    public void Validate(FieldErrors errors)
    {
        if (string.IsNullOrEmpty(Name) || !NamePattern().IsMatch(Name))
            errors.Add("name", "must be 1–40 lower-case letters, digits or '-', starting with a letter or digit.");
        errors.Required("description", Description, 200);
        if (Tiers is null || EducationTiers is null || Siblings is null || SingleParent is null || SideDish is null || Proration is null || WaiverKinds is null)
        {
            errors.Add("body", "tiers, educationTiers, siblings, singleParent, sideDish, proration and waiverKinds are all required.");
            return;
        }
        foreach (var (field, message) in FeeRuleSetChecks.Problems(ToRuleSet(0, null, default)))
            errors.Add(field, message);
    }

    public FeeRuleSet ToRuleSet(int version, string? publishedBy, DateTimeOffset publishedAt) =>
        new(FeeRuleSet.DocumentId(Name, version), Name, version, EffectiveFrom, Description?.Trim() ?? "", Tiers, EducationTiers, Siblings, SingleParent, SideDish,
            Proration, WaiverKinds, SpecificThreeYearOldPaysInfantFee, publishedBy, publishedAt);
}

/// <summary>The published version and its 適用開始日.</summary>
public sealed record FeeRuleSetPublished(string Id, string Name, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/fees/rule-sets");

public static class PublishFeeRuleSetEndpoint
{
    /// <summary>
    /// Publish a fee rule set version. Versions are never edited: a correction is a new version from a later 適用開始日.
    /// Placements use the set named in configuration (<c>Fees:RuleSet</c>); quotes can name any set.
    /// </summary>
    [Tags("Rules 基準")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/fees/rule-sets", OperationId = "PublishFeeRuleSet")]
    public static async Task<FeeRuleSetPublished> Publish(PublishFeeRuleSetRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        var version = RuleSetVersions.NextVersion(await session.Query<FeeRuleSet>().Where(r => r.Name == request.Name).ToListAsync(ct), request.EffectiveFrom);
        var rules = request.ToRuleSet(version, user.Identity?.Name, clock.GetUtcNow());
        session.Insert(rules);
        return new FeeRuleSetPublished(rules.Id, rules.Name, rules.Version, rules.EffectiveFrom);
    }
}
