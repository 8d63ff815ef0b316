using KosodateShien.Domain.Certification;
using Marten;

namespace KosodateShien.Application.Certification;

/// <summary>Loads the municipality's certification rule versions (認定基準履歴).</summary>
public static class CertificationRuleSets
{
    public static async Task<IReadOnlyList<CertificationRuleSet>> AllAsync(this IQuerySession session, CancellationToken ct) =>
        await session.Query<CertificationRuleSet>().OrderBy(x => x.Version).ToListAsync(ct);

    public static async Task<CertificationRuleSet> InForceOnAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        CertificationRuleSet.InForceOn(await session.AllAsync(ct), date);

    /// <summary>Stores the default rule set as version 1 if the municipality has none yet.</summary>
    public static async Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<CertificationRuleSet>(CertificationRuleSet.Default.Id, ct) is not null) return;
        session.Insert(CertificationRuleSet.Default);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // Another node (or a concurrent start) stored it first: same content, nothing to do.
        }
    }
}
