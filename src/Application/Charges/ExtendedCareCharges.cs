using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Charges;

/// <summary>延長保育料 in force for a month, owed by the same payer as the placement it extends.</summary>
public static class ExtendedCareCharges
{
    public static async Task<IReadOnlyList<PayerCharge>> ForMonthAsync(IQuerySession session, DateOnly month, Guid? householdId, CancellationToken ct)
    {
        var fiscalYear = JapaneseDates.FiscalYearOf(month);
        var query = session.Query<ExtendedCareContract>().Where(c => c.FiscalYear == fiscalYear);
        if (householdId is { } household) query = query.Where(c => c.HouseholdId == household);
        var contracts = (await query.ToListAsync(ct)).Where(c => c.FeeFor(month) is not null).ToList();
        if (contracts.Count == 0) return [];
        var placements = (await session.LoadManyAsync<Placement>(ct, contracts.Select(c => c.PlacementId).Distinct())).ToDictionary(p => p.Id);
        DateOnly Day(Placement p) => p.StartsOn > month ? p.StartsOn : month;
        var applicants = (await session.LoadManyAsync<CertificationState>(ct, placements.Values.Select(p => p.CertificationOn(Day(p))).Distinct()))
            .ToDictionary(c => c.Id, c => c.ApplicantId);
        var charges = new List<PayerCharge>();
        foreach (var contract in contracts)
        {
            if (!placements.TryGetValue(contract.PlacementId, out var placement)) continue;
            if (!applicants.TryGetValue(placement.CertificationOn(Day(placement)), out var payer)) continue;
            charges.Add(new PayerCharge(payer, contract.HouseholdId, ChargeSubject.ExtendedCareFee,
                new ChargeLine(contract.ChildId, contract.Id, contract.ApplicationNumber, contract.FeeFor(month)!.Fee)));
        }
        return charges;
    }
}
