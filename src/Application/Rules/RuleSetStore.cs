using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Rules;

/// <summary>Loads and seeds versioned rule sets stored as immutable documents.</summary>
public static class RuleSetStore
{
    public static async Task<IReadOnlyList<T>> AllVersionsAsync<T>(this IQuerySession session, CancellationToken ct) where T : IVersionedRuleSet =>
        await session.Query<T>().OrderBy(x => x.Version).ToListAsync(ct);

    /// <summary>Stores the shipped default as version 1 if the municipality has none yet.</summary>
    public static async Task EnsureDefaultAsync<T>(IDocumentStore store, T defaults, CancellationToken ct) where T : notnull, IVersionedRuleSet
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<T>(defaults.Id, ct) is not null) return;
        session.Insert(defaults);
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
