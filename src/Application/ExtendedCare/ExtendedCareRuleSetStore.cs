using KosodateShien.Application.Rules;
using KosodateShien.Domain.ExtendedCare;
using Marten;

namespace KosodateShien.Application.ExtendedCare;

/// <summary>The municipality's 延長保育料の基準, stored as immutable versioned documents.</summary>
public static class ExtendedCareRuleSetStore
{
    public static Task<IReadOnlyList<ExtendedCareRuleSet>> ExtendedCareRuleVersionsAsync(this IQuerySession session, CancellationToken ct) =>
        session.AllVersionsAsync<ExtendedCareRuleSet>(ct);

    /// <summary>The version in force on a date (a month's fee uses the one in force on its first day).</summary>
    public static async Task<ExtendedCareRuleSet> ExtendedCareRulesInForceAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        ExtendedCareRuleSet.InForceOn(await session.ExtendedCareRuleVersionsAsync(ct), date);

    public static Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct) => RuleSetStore.EnsureDefaultAsync(store, ExtendedCareRuleSets.Default, ct);
}
