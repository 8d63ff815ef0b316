using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Projections.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Projections.Contracts;

/// <summary>在籍児童数 for one 認定区分 × クラス年齢 × 保育必要量 (what 給付費 is claimed on).</summary>
public sealed record RosterCount(CertificationCategory? Category, int ClassAge, CareLevel? CareLevel, int Children);

/// <summary>One enrolled child on the roster: the placement, its クラス年齢, the certification, and the days enrolled (月途中入退所).</summary>
public sealed record RosterEntry(Guid PlacementId, string ContractNumber, Guid ChildId, int ClassAge, CertificationCategory? Category, CareLevel? CareLevel,
    DateOnly StartsOn, DateOnly? EndsOn, bool PartMonth);

/// <summary>施設の在籍児童 (roster) for a month: counts by 認定区分 × 年齢 × 必要量 and the children.</summary>
public sealed record FacilityRoster(Guid FacilityId, DateOnly Month, int Enrolled, IReadOnlyList<RosterCount> Counts, IReadOnlyList<RosterEntry> Children);

/// <summary>One line of a month's fee list: a placement's fee in force for the month.</summary>
/// <param name="DeterminedFor">the month of the 利用者負担額決定 in force (this month, or the latest month before it whose fee changed)</param>
/// <param name="Determinations">how many determinations were made for that month (more than one: 更正)</param>
public sealed record MonthlyFeeLine(Guid PlacementId, string ContractNumber, Guid ChildId, Guid FacilityId, long Fee, long SideDishFee, FeeChangeReason Reason, int Determinations,
    DateOnly DeterminedFor);

/// <summary>A child's fee for one month: the 利用者負担額 and 副食費 in force for it and the determination they come from.</summary>
/// <param name="Month">対象月 (first day)</param>
/// <param name="ContractNumber">契約履歴番号</param>
/// <param name="Fee">利用者負担額 (after 日割 and every reduction)</param>
/// <param name="SideDishFee">副食費</param>
/// <param name="Reason">変更事由 of the determination in force</param>
/// <param name="DeterminedFor">the month of the 利用者負担額決定 in force (this month, or the latest month before it whose fee changed)</param>
public sealed record ChildMonthlyFee(DateOnly Month, Guid PlacementId, string ContractNumber, long Fee, long SideDishFee, FeeChangeReason Reason, DateOnly DeterminedFor);

/// <summary>利用者負担額一覧: a month's fees across the ward, with totals.</summary>
public sealed record MonthlyFeeList(DateOnly Month, int Placements, long TotalFees, long TotalSideDishFees, IReadOnlyList<MonthlyFeeLine> Lines);

public static class ContractQueries
{
    public static async Task<FacilityRoster> RosterAsync(this IQuerySession session, Guid facilityId, DateOnly month, CancellationToken ct)
    {
        var end = JapaneseDates.EndOfMonth(month);
        var placements = await session.Query<Placement>().Where(p => p.FacilityId == facilityId && p.StartsOn <= end && (p.EndsOn == null || p.EndsOn >= month)).ToListAsync(ct);
        // A month is counted on the certification and period in force on its first day (or on the placement's first day).
        DateOnly Counted(Placement p) => p.StartsOn > month ? p.StartsOn : month;
        var certifications = (await session.LoadManyAsync<CertificationState>(ct, placements.Select(p => p.CertificationOn(Counted(p))).Distinct())).ToDictionary(c => c.Id);
        var fiscalYear = JapaneseDates.FiscalYearOf(month);
        // The class of the 年度 from the child's 生年月日, as 4月 進級 and the 利用定員 check count it (recorded or not yet).
        var births = await session.BirthDatesAsync(placements.Select(p => p.ChildId), ct);
        var entries = placements.Select(p =>
        {
            var period = certifications.TryGetValue(p.CertificationOn(Counted(p)), out var c) ? c.PeriodOn(Counted(p)) ?? c.PeriodInMonth(month) : null;
            var classAge = births.TryGetValue(p.ChildId, out var birth) ? JapaneseDates.ClassAge(birth, fiscalYear) : p.ClassAge;
            return new RosterEntry(p.Id, p.ContractNumber, p.ChildId, classAge, period?.Category, period?.CareLevel, p.StartsOn, p.EndsOn, p.StartsOn > month || p.EndsOn < end);
        }).OrderBy(e => e.ClassAge).ThenBy(e => e.ContractNumber).ToList();
        var counts = entries.GroupBy(e => (e.Category, e.ClassAge, e.CareLevel))
            .Select(g => new RosterCount(g.Key.Category, g.Key.ClassAge, g.Key.CareLevel, g.Count()))
            .OrderBy(c => c.ClassAge).ThenBy(c => c.Category).ThenBy(c => c.CareLevel).ToList();
        return new FacilityRoster(facilityId, month, entries.Count, counts, entries);
    }

    public static async Task<MonthlyFeeList> FeeListAsync(this IQuerySession session, DateOnly month, CancellationToken ct)
    {
        var end = JapaneseDates.EndOfMonth(month);
        var placements = await session.Query<Placement>().Where(p => p.StartsOn <= end).ToListAsync(ct);
        var lines = placements
            .Select(p => (Placement: p, Fee: p.FeeFor(month)))
            .Where(x => x.Fee is not null)
            .Select(x => new MonthlyFeeLine(x.Placement.Id, x.Placement.ContractNumber, x.Placement.ChildId, x.Placement.FacilityId, x.Fee!.Fee, x.Fee.SideDishFee, x.Fee.Reason,
                x.Fee.Determinations, x.Fee.Month))
            .OrderBy(l => l.ContractNumber)
            .ToList();
        return new MonthlyFeeList(month, lines.Count, lines.Sum(l => l.Fee), lines.Sum(l => l.SideDishFee), lines);
    }

    /// <summary>A child's fees month by month from <paramref name="from"/> to <paramref name="to"/> (first days), per placement covering or charged for the month.</summary>
    public static async Task<IReadOnlyList<ChildMonthlyFee>> ChildMonthlyFeesAsync(this IQuerySession session, Guid childId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var placements = await session.Query<Placement>().Where(p => p.ChildId == childId).ToListAsync(ct);
        var fees = new List<ChildMonthlyFee>();
        for (var month = from; month <= to; month = month.AddMonths(1))
            foreach (var placement in placements.OrderBy(p => p.StartsOn))
                if (placement.FeeFor(month) is { } fee)
                    fees.Add(new ChildMonthlyFee(month, placement.Id, placement.ContractNumber, fee.Fee, fee.SideDishFee, fee.Reason, fee.Month));
        return fees;
    }
}
