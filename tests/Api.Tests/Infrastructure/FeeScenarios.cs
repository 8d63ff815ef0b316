using Alba;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A child placed at a facility from April 2027, with the household's tax on record.</summary>
public sealed record PlacedChild(CertifiedFamily Family, Guid FacilityId, Guid PlacementId);

/// <summary>"Given" state for 契約 and 利用者負担額, built through the API (waiting for the fee messages each step cascades).</summary>
public static class FeeScenarios
{
    /// <summary>Both guardians' 所得割 for a 年度; with a <paramref name="correctionReason"/>, a 税更正 of the mother's record only.</summary>
    public static async Task TaxRecorded(this IAlbaHost host, ApiClient api, Family family, int fiscalYear, long mother, long father,
        string? correctionReason = null, int? version = null)
    {
        foreach (var (person, levy) in new[] { (family.MotherId, mother), (family.FatherId!.Value, father) })
        {
            if (correctionReason is not null && person == family.FatherId) continue;
            await host.PostTax(api, family, person, fiscalYear, levy, correctionReason, version);
        }
    }

    /// <summary>税更正 of the mother's 所得割 for a 年度 (her record at version 1), with every message it cascades.</summary>
    public static Task<ITrackedSession> TaxCorrected(this IAlbaHost host, ApiClient api, Family family, int fiscalYear, long mother, string reason) =>
        host.PostTax(api, family, family.MotherId, fiscalYear, mother, reason, version: 1);

    private static Task<ITrackedSession> PostTax(this IAlbaHost host, ApiClient api, Family family, Guid person, int fiscalYear, long levy, string? correctionReason,
        int? version) =>
        host.ExecuteAndWaitAsync(async () => await api.Post($"/api/households/{family.HouseholdId}/tax-records", new
        {
            personId = person, fiscalYear, incomeLevy = levy, perCapitaLevy = 5000, nonTaxable = false, filingType = "salaryReport",
            assessedOn = new DateOnly(fiscalYear, 6, 1), correctionReason, version,
        }, correctionReason is null ? 201 : 200));

    /// <summary>
    /// A child born on <paramref name="birth"/>, both parents working 160h, 年度2026 所得割 95,000 (国第4階層), placed at a new
    /// facility from 1 April 2027 as a direct contract.
    /// </summary>
    public static async Task<PlacedChild> PlacedInApril(this IAlbaHost host, ApiClient api, DateOnly birth)
    {
        var facility = await api.RegisteredFacility();
        var family = await api.CertifiedFamily(birth);
        await host.TaxRecorded(api, family.Family, 2026, 50_000, 45_000);
        Guid placement = default;
        await host.ExecuteAndWaitAsync(async () => placement = (await api.PostJson("/api/placements",
            new { childId = family.Family.ChildId, facilityId = facility, certificationId = family.CertificationId, startsOn = AllocationScenarios.April2027 }, 201))
            .GetProperty("id").GetGuid());
        return new PlacedChild(family, facility, placement);
    }

    public static async Task MonthlyRun(this IAlbaHost host, ApiClient api, DateOnly month) =>
        await host.ExecuteAndWaitAsync(async () => await api.PostJson("/api/fees/monthly-runs", new { month }, 200, ApiClient.Finance));
}
