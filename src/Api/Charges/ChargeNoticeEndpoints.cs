using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Charges;
using KosodateShien.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Charges;

/// <summary>Totals of one 科目 across the notices listed.</summary>
public sealed record ChargeSubjectTotal(ChargeSubject Subject, int Notices, long Amount);

/// <summary>賦課通知一覧: what collection has been told for a month, per payer × 科目 (latest revision), with totals.</summary>
public sealed record ChargeNoticeList(DateOnly Month, IReadOnlyList<ChargeSubjectTotal> Totals, IReadOnlyList<ChargeNotice> Notices);

public static class ChargeNoticeEndpoints
{
    /// <summary>
    /// The charges handed to collection for a month (<c>month=YYYY-MM-01</c>), optionally for one payer (納付義務者) or household:
    /// each payer × 科目 with its latest amount, revision and the children's lines.
    /// </summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/charge-notices", OperationId = "ListChargeNotices")]
    public static async Task<ChargeNoticeList> List(DateOnly month, Guid? payerId, Guid? householdId, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        var query = session.Query<ChargeNotice>().Where(n => n.Month == month);
        if (payerId is { } payer) query = query.Where(n => n.PayerId == payer);
        if (householdId is { } household) query = query.Where(n => n.HouseholdId == household);
        var notices = (await query.ToListAsync(ct)).OrderBy(n => n.PayerId).ThenBy(n => n.Subject).ToList();
        var totals = notices.GroupBy(n => n.Subject).OrderBy(g => g.Key).Select(g => new ChargeSubjectTotal(g.Key, g.Count(), g.Sum(n => n.Amount))).ToList();
        return new ChargeNoticeList(month, totals, notices);
    }

    /// <summary>One notice (payer × month × 科目) at its latest revision.</summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/charge-notices/{id}", OperationId = "GetChargeNotice")]
    public static Task<ChargeNotice?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<ChargeNotice>(id, ct);

    /// <summary>Every revision of a notice, with who or which job issued it.</summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/charge-notices/{id}/history", OperationId = "GetChargeNoticeHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<ChargeNotice>(id, ct);
}
