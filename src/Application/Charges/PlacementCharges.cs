using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Charges;

/// <summary>利用者負担額 and 副食費 in force for a month, owed by the 支給認定保護者 (the certification's applicant).</summary>
public static class PlacementCharges
{
    public static async Task<IReadOnlyList<PayerCharge>> ForMonthAsync(IQuerySession session, DateOnly month, Guid? householdId, CancellationToken ct)
    {
        var end = JapaneseDates.EndOfMonth(month);
        var query = session.Query<Placement>().Where(p => p.StartsOn <= end);
        if (householdId is { } household) query = query.Where(p => p.HouseholdId == household);
        var placements = (await query.ToListAsync(ct)).Where(p => p.FeeFor(month) is not null).ToList();
        DateOnly Day(Placement p) => p.StartsOn > month ? p.StartsOn : month;
        var applicants = (await session.LoadManyAsync<CertificationState>(ct, placements.Select(p => p.CertificationOn(Day(p))).Distinct()))
            .ToDictionary(c => c.Id, c => c.ApplicantId);
        var charges = new List<PayerCharge>();
        foreach (var placement in placements)
        {
            var fee = placement.FeeFor(month)!;
            var payer = applicants.GetValueOrDefault(placement.CertificationOn(Day(placement)));
            if (payer == Guid.Empty) continue;
            charges.Add(new PayerCharge(payer, placement.HouseholdId, ChargeSubject.UserFee, new ChargeLine(placement.ChildId, placement.Id, placement.ContractNumber, fee.Fee)));
            charges.Add(new PayerCharge(payer, placement.HouseholdId, ChargeSubject.SideDishFee, new ChargeLine(placement.ChildId, placement.Id, placement.ContractNumber, fee.SideDishFee)));
        }
        return charges;
    }
}
