using KosodateShien.Application.Rules;
using KosodateShien.Domain.Allocation.Scoring;
using Marten;

namespace KosodateShien.Application.Allocation;

/// <summary>Loads the municipality's 入所選考基準 versions (入所選考基準履歴番号).</summary>
public static class SelectionCriteriaSets
{
    public static async Task<SelectionCriteria> CriteriaInForceOnAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        SelectionCriteria.InForceOn(await session.AllVersionsAsync<SelectionCriteria>(ct), date);

    public static Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct) =>
        RuleSetStore.EnsureDefaultAsync(store, SelectionCriteria.Default, ct);
}
