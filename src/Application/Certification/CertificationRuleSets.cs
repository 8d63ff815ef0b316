using KosodateShien.Application.Rules;
using KosodateShien.Domain.Certification;
using Marten;

namespace KosodateShien.Application.Certification;

/// <summary>Loads the municipality's certification rule versions (認定基準履歴).</summary>
public static class CertificationRuleSets
{
    public static Task<IReadOnlyList<CertificationRuleSet>> AllAsync(this IQuerySession session, CancellationToken ct) =>
        session.AllVersionsAsync<CertificationRuleSet>(ct);

    public static async Task<CertificationRuleSet> InForceOnAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        CertificationRuleSet.InForceOn(await session.AllAsync(ct), date);

    public static Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct) =>
        RuleSetStore.EnsureDefaultAsync(store, CertificationRuleSet.Default, ct);
}
