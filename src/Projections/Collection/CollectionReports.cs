using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Projections.Collection;

/// <summary>One line of the 時効予定一覧: a charge still owing whose 時効 completes within the range, and its latest 更新.</summary>
public sealed record PrescriptionLine(Guid ChargeId, string CollectionNumber, Guid PayerId, CollectionSubject Subject, DateOnly Month, DateOnly DueDate, long Outstanding,
    DateOnly PrescriptionDate, PrescriptionRenewal? LastRenewal);

/// <summary>時効予定一覧: charges prescribing from <paramref name="From"/> to <paramref name="To"/>, with their count and amount.</summary>
public sealed record PrescriptionSchedule(DateOnly From, DateOnly To, int Charges, long Amount, IReadOnlyList<PrescriptionLine> Lines);

/// <summary>不納欠損 of one 科目 × 事由 in a 年度: 件数 and 金額.</summary>
public sealed record WriteOffTotal(CollectionSubject Subject, WriteOffReason Reason, int Charges, long Amount);

/// <summary>不納欠損の報告 for a 年度 (written off from April to March), for the 決算.</summary>
public sealed record WriteOffReport(int FiscalYear, int Charges, long Amount, IReadOnlyList<WriteOffTotal> Totals);

public static class CollectionReports
{
    public static async Task<PrescriptionSchedule> PrescriptionScheduleAsync(this IQuerySession session, DateOnly from, DateOnly to, CancellationToken ct)
    {
        // 時効 is at least five years after 納期限: nothing due on or after `to` minus five years can complete within the range.
        var dueBefore = to.AddYears(-Prescription.Years).AddDays(1);
        var charges = await session.Query<Charge>().Where(c => c.DueDate <= dueBefore && c.CancelledOn == null && c.WriteOff == null).ToListAsync(ct);
        var lines = charges
            .Where(c => c.Outstanding > 0 && c.PrescriptionDate >= from && c.PrescriptionDate <= to)
            .Select(c => new PrescriptionLine(c.Id, c.CollectionNumber, c.PayerId, c.Subject, c.Month, c.DueDate, c.Outstanding, c.PrescriptionDate,
                c.Renewals.Count > 0 ? c.Renewals[^1] : null))
            .OrderBy(l => l.PrescriptionDate).ThenBy(l => l.CollectionNumber, StringComparer.Ordinal)
            .ToList();
        return new PrescriptionSchedule(from, to, lines.Count, lines.Sum(l => l.Outstanding), lines);
    }

    public static async Task<WriteOffReport> WriteOffReportAsync(this IQuerySession session, int fiscalYear, CancellationToken ct)
    {
        var (first, last) = (new DateOnly(fiscalYear, 4, 1), new DateOnly(fiscalYear + 1, 3, 31));
        var writtenOff = (await session.Query<Charge>().Where(c => c.WriteOff != null).ToListAsync(ct))
            .Where(c => c.WriteOff!.WrittenOffOn >= first && c.WriteOff.WrittenOffOn <= last).ToList();
        var totals = writtenOff.GroupBy(c => (c.Subject, c.WriteOff!.Reason))
            .Select(g => new WriteOffTotal(g.Key.Subject, g.Key.Reason, g.Count(), g.Sum(c => c.WriteOff!.Amount)))
            .OrderBy(t => t.Subject).ThenBy(t => t.Reason).ToList();
        return new WriteOffReport(fiscalYear, writtenOff.Count, totals.Sum(t => t.Amount), totals);
    }
}
