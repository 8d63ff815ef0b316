using KosodateShien.Application.Rules;
using KosodateShien.Domain.FacilityPayments;
using Marten;

namespace KosodateShien.Application.FacilityPayments;

/// <summary>The municipality's 給付費の支払基準, stored as immutable versioned documents.</summary>
public static class FacilityPaymentRuleSetStore
{
    public static Task<IReadOnlyList<FacilityPaymentRuleSet>> FacilityPaymentRuleVersionsAsync(this IQuerySession session, CancellationToken ct) =>
        session.AllVersionsAsync<FacilityPaymentRuleSet>(ct);

    /// <summary>The version in force on a date (a month is paid under the one in force on its first day).</summary>
    public static async Task<FacilityPaymentRuleSet> FacilityPaymentRulesInForceAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        FacilityPaymentRuleSet.InForceOn(await session.FacilityPaymentRuleVersionsAsync(ct), date);

    public static Task<IReadOnlyList<PublicPriceTable>> PublicPriceTableVersionsAsync(this IQuerySession session, CancellationToken ct) =>
        session.AllVersionsAsync<PublicPriceTable>(ct);

    /// <summary>The 単価表 in force on a date (a month is priced with the one in force on its first day).</summary>
    public static async Task<PublicPriceTable> PublicPriceTableInForceAsync(this IQuerySession session, DateOnly date, CancellationToken ct) =>
        PublicPriceTable.InForceOn(await session.PublicPriceTableVersionsAsync(ct), date);

    public static Task EnsureDefaultAsync(IDocumentStore store, CancellationToken ct) => RuleSetStore.EnsureDefaultAsync(store, FacilityPaymentRuleSets.Default, ct);
}
