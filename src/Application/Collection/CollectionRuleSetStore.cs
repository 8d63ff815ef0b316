using KosodateShien.Application.Rules;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>The municipality's collection rules (納付管理の基準), stored as immutable versioned documents.</summary>
public static class CollectionRuleSetStore
{
    public static Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct) => RuleSetStore.EnsureDefaultAsync(store, CollectionRuleSet.Default, ct);

    /// <summary>The version of the standard collection rules in force on a day.</summary>
    public static async Task<CollectionRuleSet> CollectionRulesInForceAsync(this IQuerySession session, DateOnly day, CancellationToken ct) =>
        RuleSetVersions.InForceOn(await session.Query<CollectionRuleSet>().Where(r => r.Name == CollectionRuleSet.Standard).ToListAsync(ct), day, "collection rule set");
}
