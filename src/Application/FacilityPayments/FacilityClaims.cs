using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;

namespace KosodateShien.Application.FacilityPayments;

/// <summary>What computing a facility's month did.</summary>
/// <param name="Changed">false when the new computation equals the latest revision (nothing was recorded)</param>
public sealed record ClaimComputation(Guid ClaimId, Guid FacilityId, DateOnly Month, int Revision, long Amount, bool Changed);

/// <summary>
/// 給付費請求の算定 of one facility's month, from what is stored: the facility's 施設類型, 地域区分, 利用定員 and 確認 (事業者管理),
/// its 加算認定 of the 年度, the 単価表 and 支払基準 in force on the 1st, and the children of its placements.
/// </summary>
public static class FacilityClaims
{
    public static async Task<ClaimComputation> ComputeAsync(IDocumentSession session, Facility facility, DateOnly month, ClaimStage stage, string reason,
        string preparedBy, DateOnly today, CancellationToken ct)
    {
        var rules = await session.FacilityPaymentRulesInForceAsync(month, ct);
        var table = await session.PublicPriceTableInForceAsync(month, ct);
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
        var year = await session.LoadAsync<AddonCertification>(AddonCertification.StreamId(facility.Id, JapaneseDates.FiscalYearOf(month)), ct);
        var rates = year?.RatesIn(month)
            ?? throw new DomainRuleException("claim.no-treatment-rates", $"Facility {facility.FacilityNumber} has no 処遇改善等加算 加算率 certified for {month:yyyy-MM}.",
                "facility");
        var items = year!.ItemsIn(month);

        var children = await ClaimRoster.ChildrenAsync(session, facility.Id, month, rules.MunicipalityCode, ct);
        var input = table.InputFor(month, payment, new TreatmentRates(rates.A, rates.B), category, region, capacity.Certification2And3,
            capacity.Certification1, items, children);
        var amount = stage == ClaimStage.Provisional ? PublicPriceEngine.Provisional(input, rules) : PublicPriceEngine.Compute(input, rules);
        var pricing = new ClaimPricing(category, region, capacity.Certification2And3, capacity.Certification1, input.Rates, rates.Provisional, items,
            table.Version, rules.Version, year.Version);

        var id = FacilityClaim.StreamId(facility.Id, month, rules.MunicipalityCode);
        var stream = await session.Events.FetchForWriting<FacilityClaim>(id, ct);
        var computed = FacilityClaim.Compute(stream.Aggregate, facility.Id, month, rules.MunicipalityCode, stage, pricing, amount, today, reason, preparedBy);
        if (computed is null) return new ClaimComputation(id, facility.Id, month, stream.Aggregate!.Revision, amount.Amount, false);
        stream.AppendOne(computed);
        return new ClaimComputation(id, facility.Id, month, computed.Revision, amount.Amount, true);
    }
}
