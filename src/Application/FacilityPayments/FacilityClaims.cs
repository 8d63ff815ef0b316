using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;

namespace KosodateShien.Application.FacilityPayments;

/// <summary>What computing a facility's month did.</summary>
/// <param name="Changed">false when the new computation equals the latest revision (nothing was recorded)</param>
public sealed record ClaimComputation(Guid ClaimId, Guid FacilityId, DateOnly Month, int Revision, long Amount, bool Changed);

/// <summary>What the month's run did: claims computed (a new revision), unchanged, their total, and each facility skipped with why.</summary>
public sealed record ClaimsRun(DateOnly Month, int Computed, int Unchanged, long Total, IReadOnlyList<string> Skipped);

/// <summary>
/// 給付費請求の算定 of a facility's month from what is stored: the facility's 施設類型, 地域区分, 利用定員 and 確認 (事業者管理),
/// its 加算認定 of the 年度, the 単価表 and 支払基準 in force on the 1st, and the children of its placements.
/// </summary>
public static class FacilityClaims
{
    /// <summary>One facility, in the caller's session.</summary>
    public static async Task<ClaimComputation> ComputeAsync(IDocumentSession session, Facility facility, DateOnly month, ClaimStage stage, string reason,
        string preparedBy, DateOnly today, CancellationToken ct)
    {
        var rules = await session.FacilityPaymentRulesInForceAsync(month, ct);
        var table = await session.PublicPriceTableInForceAsync(month, ct);
        var year = await session.LoadAsync<AddonCertification>(AddonCertification.StreamId(facility.Id, JapaneseDates.FiscalYearOf(month)), ct);
        var children = await ClaimRoster.ChildrenAsync(session, facility.Id, month, rules.MunicipalityCode, ct);
        var (pricing, amount) = Price(facility, month, stage, rules, table, year, children);

        var stream = await session.Events.FetchForWriting<FacilityClaim>(FacilityClaim.StreamId(facility.Id, month, rules.MunicipalityCode), ct);
        var computed = FacilityClaim.Compute(stream.Aggregate, facility.Id, month, rules.MunicipalityCode, stage, pricing, amount, today, reason, preparedBy);
        if (computed is null) return new ClaimComputation(stream.Id, facility.Id, month, stream.Aggregate!.Revision, amount.Amount, false);
        stream.AppendOne(computed);
        return new ClaimComputation(stream.Id, facility.Id, month, computed.Revision, amount.Amount, true);
    }

    /// <summary>
    /// The month for every open facility that is paid (私立 and 給付費 facilities), read in a few set queries and written
    /// <paramref name="facilitiesPerTransaction"/> claims to a transaction, each at the claim version it read (a claim changed
    /// meanwhile fails its transaction: 409). A facility missing what its claim needs is skipped with the reason.
    /// </summary>
    public static async Task<ClaimsRun> RunMonthAsync(IDocumentStore store, DateOnly month, ClaimStage stage, string reason, string preparedBy, DateOnly today,
        CancellationToken ct, int facilitiesPerTransaction = 200)
    {
        var computed = new List<(FacilityClaim? Before, FacilityClaimComputed Event)>();
        int unchanged = 0;
        long total = 0;
        var skipped = new List<string>();
        await using (var query = store.QuerySession())
        {
            var rules = await query.FacilityPaymentRulesInForceAsync(month, ct);
            var table = await query.PublicPriceTableInForceAsync(month, ct);
            var facilities = (await query.Query<Facility>().ToListAsync(ct)).Where(f => f.IsOpenFor(month)).OrderBy(f => f.FacilityNumber, StringComparer.Ordinal).ToList();
            var fiscalYear = JapaneseDates.FiscalYearOf(month);
            var years = (await query.Query<AddonCertification>().Where(y => y.FiscalYear == fiscalYear).ToListAsync(ct)).ToDictionary(y => y.FacilityId);
            var placements = await ClaimRoster.PlacementsAsync(query, null, month, ct);
            var (certifications, births) = await ClaimRoster.FactsAsync(query, placements, month, ct);
            var byFacility = placements.ToLookup(p => p.FacilityId);
            var claims = (await query.Query<FacilityClaim>().Where(c => c.Month == month).ToListAsync(ct)).ToDictionary(c => c.Id);

            foreach (var facility in facilities)
            {
                if (facility.CategoryOn(month)?.Payment() is null) { skipped.Add($"{facility.FacilityNumber}: 公立 or no 施設類型"); continue; }
                try
                {
                    var children = ClaimRoster.ChildrenOf(byFacility[facility.Id], certifications, births, month, rules.MunicipalityCode);
                    var (pricing, amount) = Price(facility, month, stage, rules, table, years.GetValueOrDefault(facility.Id), children);
                    var before = claims.GetValueOrDefault(FacilityClaim.StreamId(facility.Id, month, rules.MunicipalityCode));
                    total += amount.Amount;
                    if (FacilityClaim.Compute(before, facility.Id, month, rules.MunicipalityCode, stage, pricing, amount, today, reason, preparedBy) is { } e)
                        computed.Add((before, e));
                    else unchanged++;
                }
                catch (DomainRuleException e)
                {
                    skipped.Add($"{facility.FacilityNumber}: {e.Message}");
                }
            }
        }
        foreach (var chunk in computed.Chunk(facilitiesPerTransaction))
        {
            await using var session = store.LightweightSession();
            foreach (var (before, e) in chunk)
                if (before is null) session.Events.StartStream<FacilityClaim>(e.ClaimId, e);
                else session.Events.Append(e.ClaimId, before.Version + 1, e);
            await session.SaveChangesAsync(ct);
        }
        return new ClaimsRun(month, computed.Count, unchanged, total, skipped);
    }

    /// <summary>The facility's pricing for the month and the month computed with it; what is missing is refused, naming it.</summary>
    private static (ClaimPricing, FacilityMonthAmount) Price(Facility facility, DateOnly month, ClaimStage stage, FacilityPaymentRuleSet rules, PublicPriceTable table,
        AddonCertification? year, IReadOnlyList<ClaimChild> children)
    {
        var category = facility.CategoryOn(month)
            ?? throw new DomainRuleException("claim.no-category", $"Facility {facility.FacilityNumber} has no 施設類型 on {month:yyyy-MM-dd}.", "facility");
        var payment = category.Payment()
            ?? throw new DomainRuleException("claim.public-facility", $"Facility {facility.FacilityNumber} is a 公立保育所: the ward pays no 給付費 to itself.", "facility");
        var region = facility.RegionCategoryFor(month)
            ?? throw new DomainRuleException("claim.no-region", $"Facility {facility.FacilityNumber} has no 地域区分 for 年度 {JapaneseDates.FiscalYearOf(month)}.", "facility");
        var capacity = facility.UsageCapacityOn(month)
            ?? throw new DomainRuleException("claim.no-capacity", $"Facility {facility.FacilityNumber} has no 利用定員 by 認定区分 on {month:yyyy-MM-dd}.", "facility");
        if (!facility.IsConfirmedOn(month))
            throw new DomainRuleException("claim.not-confirmed", $"Facility {facility.FacilityNumber} is not 確認 (法31条/43条) on {month:yyyy-MM-dd}.", "facility");
        var rates = year?.RatesIn(month)
            ?? throw new DomainRuleException("claim.no-treatment-rates", $"Facility {facility.FacilityNumber} has no 処遇改善等加算 加算率 certified for {month:yyyy-MM}.",
                "facility");
        var items = year!.ItemsIn(month);
        var input = table.InputFor(month, payment, new TreatmentRates(rates.A, rates.B), category, region, capacity.Certification2And3, capacity.Certification1, items,
            children, rates.PersonsA, rates.PersonsB);
        var amount = stage == ClaimStage.Provisional ? PublicPriceEngine.Provisional(input, rules) : PublicPriceEngine.Compute(input, rules);
        return (new ClaimPricing(category, region, capacity.Certification2And3, capacity.Certification1, input.Rates, rates.Provisional, items, table.Version, rules.Version,
            year.Version), amount);
    }
}
