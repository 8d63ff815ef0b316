using KosodateShien.Application.Rules;
using KosodateShien.Domain.Fees;
using Marten;

namespace KosodateShien.Application.Fees;

/// <summary>The municipality's fee rule sets (利用者負担額の基準), stored as immutable versioned documents.</summary>
public static class FeeRuleSetStore
{
    /// <summary>The version of the named rule set in force on a month's first day; a rule error naming <c>ruleSet</c> when unknown.</summary>
    public static async Task<FeeRuleSet> FeeRulesInForceAsync(this IQuerySession session, string name, DateOnly month, CancellationToken ct)
    {
        var versions = await session.Query<FeeRuleSet>().Where(r => r.Name == name).ToListAsync(ct);
        if (versions.Count == 0)
            throw new Domain.Common.DomainRuleException("fee.unknown-rule-set", $"There is no fee rule set named '{name}'.", "ruleSet");
        return FeeRuleSet.InForceOn(versions, name, month);
    }

    public static async Task EnsureShippedAsync(IDocumentStore store, CancellationToken ct)
    {
        foreach (var rules in FeeRuleSets.Shipped) await RuleSetStore.EnsureDefaultAsync(store, rules, ct);
    }
}
