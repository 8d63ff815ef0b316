using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Projections.Collection;

/// <summary>One 督促状 of the 督促状発行一覧.</summary>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="PayerId">納入義務者 (a guardian's person id)</param>
/// <param name="Subject">科目</param>
/// <param name="Month">賦課年月 (first day)</param>
/// <param name="DueDate">納期限</param>
/// <param name="IssuedOn">督促状発行日</param>
/// <param name="DesignatedDeadline">指定期限 (督促状納付期限)</param>
/// <param name="Fee">督促手数料 (0: none)</param>
/// <param name="FeeChargeId">the 督促手数料's own charge, when there is a fee</param>
/// <param name="WithinPeriod">issued within the rules' days after 納期限</param>
/// <param name="OutstandingOnIssue">未納額 of the charge at the end of 督促状発行日 (督促手数料 not included)</param>
/// <param name="Outstanding">未納額 of the charge at the end of the report's day (0 once cancelled or written off)</param>
/// <param name="PaidByDeadline">完納 by 指定期限 (by 納付日; not when cancelled or written off); null while 指定期限 is still ahead and something is owed</param>
public sealed record DunningListLine(Guid ChargeId, string CollectionNumber, Guid PayerId, CollectionSubject Subject, DateOnly Month, DateOnly DueDate, DateOnly IssuedOn,
    DateOnly DesignatedDeadline, long Fee, Guid? FeeChargeId, bool WithinPeriod, long OutstandingOnIssue, long Outstanding, bool? PaidByDeadline);

/// <summary>督促状発行一覧: every 督促状 issued from <paramref name="From"/> to <paramref name="To"/>, in order of issue, with totals.</summary>
/// <param name="AsOf">the day the current 未納額 stands at (today)</param>
/// <param name="Notices">発行件数</param>
/// <param name="Fees">督促手数料 合計</param>
/// <param name="OutstandingOnIssue">未納額 on the issue days, 合計</param>
/// <param name="Outstanding">未納額 on <paramref name="AsOf"/>, 合計</param>
/// <param name="PaidByDeadline">件数 paid in full by 指定期限</param>
public sealed record DunningList(DateOnly From, DateOnly To, DateOnly AsOf, int Notices, long Fees, long OutstandingOnIssue, long Outstanding, int PaidByDeadline,
    IReadOnlyList<DunningListLine> Lines);

public static class DunningListReport
{
    public static async Task<DunningList> DunningListAsync(this IQuerySession session, DateOnly from, DateOnly to, DateOnly asOf, CancellationToken ct)
    {
        var dunned = await session.Query<Charge>().Where(c => c.Dunning!.IssuedOn >= from && c.Dunning.IssuedOn <= to).ToListAsync(ct);
        var lines = dunned
            .Select(c => Line(c, c.Dunning!, asOf))
            .OrderBy(l => l.IssuedOn).ThenBy(l => l.CollectionNumber, StringComparer.Ordinal)
            .ToList();
        return new DunningList(from, to, asOf, lines.Count, lines.Sum(l => l.Fee), lines.Sum(l => l.OutstandingOnIssue), lines.Sum(l => l.Outstanding),
            lines.Count(l => l.PaidByDeadline == true), lines);
    }

    private static DunningListLine Line(Charge charge, ChargeDunning dunning, DateOnly asOf)
    {
        var atDeadline = charge.AsOf(dunning.DesignatedDeadline);
        bool? paidByDeadline = atDeadline is { CancelledOn: null, WriteOff: null, Outstanding: 0 } ? true
            : dunning.DesignatedDeadline >= asOf ? null
            : false;
        return new DunningListLine(charge.Id, charge.CollectionNumber, charge.PayerId, charge.Subject, charge.Month, charge.DueDate, dunning.IssuedOn,
            dunning.DesignatedDeadline, dunning.Fee, dunning.FeeChargeId, dunning.WithinPeriod, charge.AsOf(dunning.IssuedOn).Outstanding, charge.AsOf(asOf).Outstanding,
            paidByDeadline);
    }
}
