using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.FacilityPayments;
using KosodateShien.Projections.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.FacilityPayments;

/// <summary>
/// The children of a facility's month as the claim prices them, from the placements (契約) that cover any day of it: 認定区分
/// and 保育必要量 as of the 1st (or the placement's first day), the 生年月日 (for the クラス年齢), the 利用者負担額 in force for the
/// month, and the entry and last day within the month. A placement's <c>EndsOn</c> is already its last day enrolled.
/// </summary>
public static class ClaimRoster
{
    /// <summary>The placements covering any day of the month (of one facility, or of all when <paramref name="facilityId"/> is null).</summary>
    public static async Task<IReadOnlyList<Placement>> PlacementsAsync(IQuerySession session, Guid? facilityId, DateOnly month, CancellationToken ct)
    {
        var end = JapaneseDates.EndOfMonth(month);
        var query = session.Query<Placement>().Where(p => p.StartsOn <= end && (p.EndsOn == null || p.EndsOn >= month));
        if (facilityId is { } id) query = query.Where(p => p.FacilityId == id);
        return await query.ToListAsync(ct);
    }

    /// <summary>What the placements' children need besides the placements: the certifications in force and the 生年月日.</summary>
    public static async Task<(IReadOnlyDictionary<Guid, CertificationState> Certifications, IReadOnlyDictionary<Guid, DateOnly> Births)> FactsAsync(IQuerySession session,
        IReadOnlyList<Placement> placements, DateOnly month, CancellationToken ct)
    {
        var certifications = (await session.LoadManyAsync<CertificationState>(ct, placements.Select(p => p.CertificationOn(Counted(p, month))).Distinct()))
            .ToDictionary(c => c.Id);
        return (certifications, await session.BirthDatesAsync(placements.Select(p => p.ChildId), ct));
    }

    public static async Task<IReadOnlyList<ClaimChild>> ChildrenAsync(IQuerySession session, Guid facilityId, DateOnly month, string payer, CancellationToken ct)
    {
        var placements = await PlacementsAsync(session, facilityId, month, ct);
        var (certifications, births) = await FactsAsync(session, placements, month, ct);
        return ChildrenOf(placements, certifications, births, month, payer);
    }

    public static IReadOnlyList<ClaimChild> ChildrenOf(IEnumerable<Placement> placements, IReadOnlyDictionary<Guid, CertificationState> certifications,
        IReadOnlyDictionary<Guid, DateOnly> births, DateOnly month, string payer)
    {
        var end = JapaneseDates.EndOfMonth(month);
        var children = new List<ClaimChild>();
        foreach (var placement in placements.OrderBy(p => p.ContractNumber, StringComparer.Ordinal))
        {
            var counted = Counted(placement, month);
            var period = certifications.TryGetValue(placement.CertificationOn(counted), out var c) ? c.PeriodOn(counted) ?? c.PeriodInMonth(month) : null;
            if (period is null || !births.TryGetValue(placement.ChildId, out var birth)) continue;
            var fee = placement.FeeFor(month);
            // 副食費徴収免除: a 2号 child whose month's determination charges no 副食費 (3号 have it inside the 保育料).
            var exempt = period.Category == CertificationCategory.Category2 && fee is { SideDishFee: 0 };
            children.Add(new ClaimChild(placement.ContractNumber, birth, period.Category, period.CareLevel ?? CareLevel.Standard, fee?.Fee ?? 0,
                placement.StartsOn > month ? placement.StartsOn : null, placement.EndsOn < end ? placement.EndsOn : null, exempt, payer));
        }
        return children;
    }

    // A month is counted on the certification in force on its first day (or on the placement's first day).
    private static DateOnly Counted(Placement p, DateOnly month) => p.StartsOn > month ? p.StartsOn : month;
}
