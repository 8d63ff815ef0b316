using KosodateShien.Domain.Common;
using KosodateShien.Domain.ExtendedCare;
using Marten;

namespace KosodateShien.Projections.ExtendedCare;

/// <summary>One line of a month's 延長保育料 list: a contract's fee in force for the month and its usage on record.</summary>
/// <param name="ApplicationNumber">延長保育申込受付番号</param>
/// <param name="FacilityId">延長保育利用施設</param>
/// <param name="FeeSystem">延長保育料金体系</param>
/// <param name="Fee">延長保育料</param>
/// <param name="DaysUsed">利用日数 on record (null when none)</param>
public sealed record ExtendedCareFeeLine(Guid ContractId, string ApplicationNumber, Guid ChildId, Guid FacilityId, ExtendedCareFeeSystem FeeSystem, long Fee,
    ExtendedCareFeeReason Reason, int Determinations, int? DaysUsed, int? Uses);

/// <summary>延長保育料一覧 for a month (optionally one facility): every contract charged for the month, with the total.</summary>
public sealed record ExtendedCareFeeList(DateOnly Month, Guid? FacilityId, int Contracts, long TotalFees, IReadOnlyList<ExtendedCareFeeLine> Lines);

public static class ExtendedCareQueries
{
    /// <summary>Cases of a child, or of a facility, optionally only those whose contract covers a month or of one 年度, by 申込受付番号.</summary>
    public static async Task<IReadOnlyList<ExtendedCareContract>> ListAsync(this IQuerySession session, Guid? childId, Guid? facilityId, DateOnly? month,
        int? fiscalYear, CancellationToken ct)
    {
        IQueryable<ExtendedCareContract> query = session.Query<ExtendedCareContract>();
        if (childId is { } child) query = query.Where(c => c.ChildId == child);
        if (facilityId is { } facility) query = query.Where(c => c.FacilityId == facility);
        if (month is { } m) fiscalYear = JapaneseDates.FiscalYearOf(m);
        if (fiscalYear is { } year) query = query.Where(c => c.FiscalYear == year);
        var results = await query.OrderBy(c => c.ApplicationNumber).ToListAsync(ct);
        return month is { } covered ? [.. results.Where(c => c.CoversMonth(covered))] : [.. results];
    }

    /// <summary>The contracts of a month's 年度 that are (or were) under contract and start by the month's end.</summary>
    public static async Task<IReadOnlyList<ExtendedCareContract>> ContractsForMonthAsync(this IQuerySession session, DateOnly month, Guid? facilityId, CancellationToken ct)
    {
        var year = JapaneseDates.FiscalYearOf(month);
        var end = JapaneseDates.EndOfMonth(month);
        IQueryable<ExtendedCareContract> query = session.Query<ExtendedCareContract>()
            .Where(c => c.FiscalYear == year && (c.Status == ExtendedCareStatus.Contracted || c.Status == ExtendedCareStatus.Ended) && c.StartsOn <= end);
        if (facilityId is { } facility) query = query.Where(c => c.FacilityId == facility);
        return await query.OrderBy(c => c.ApplicationNumber).ToListAsync(ct);
    }

    public static async Task<ExtendedCareFeeList> FeeListAsync(this IQuerySession session, DateOnly month, Guid? facilityId, CancellationToken ct)
    {
        var lines = (await session.ContractsForMonthAsync(month, facilityId, ct))
            .Select(c => (Contract: c, Fee: c.FeeFor(month), Usage: c.UsageFor(month)))
            .Where(x => x.Fee is not null)
            .Select(x => new ExtendedCareFeeLine(x.Contract.Id, x.Contract.ApplicationNumber, x.Contract.ChildId, x.Contract.FacilityId, x.Contract.FeeSystem,
                x.Fee!.Fee, x.Fee.Reason, x.Fee.Determinations, x.Usage?.DaysUsed, x.Usage?.Uses))
            .ToList();
        return new ExtendedCareFeeList(month, facilityId, lines.Count, lines.Sum(l => l.Fee), lines);
    }
}
