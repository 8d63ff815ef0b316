using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Projections;
using KosodateShien.Projections.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>One 延長保育料決定 as the fee history shows it: the month, the amount, why, what it replaced, who and when, and the basis.</summary>
/// <param name="Fee">延長保育料</param>
/// <param name="Replaces">更正前の額 (null for the month's first determination)</param>
public sealed record ExtendedCareFeeHistoryEntry(DateOnly Month, long Fee, ExtendedCareFeeReason Reason, long? Replaces, DateTimeOffset RecordedAt, string? UserName,
    ExtendedCareFeeBasis Basis);

public static class ExtendedCareQueryEndpoints
{
    /// <summary>A 延長保育 case: 申込, 承諾, 契約, 利用実績 and 延長保育料 in force per month.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/extended-care/{id}", OperationId = "GetExtendedCare")]
    public static Task<ExtendedCareContract?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<ExtendedCareContract>(id, ct);

    /// <summary>
    /// 延長保育 cases of a child or of a facility (give <c>childId</c> or <c>facilityId</c>), optionally only those under contract in
    /// a month (<c>month=YYYY-MM-01</c>) or of one 年度 (<c>fiscalYear</c>).
    /// </summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/extended-care", OperationId = "ListExtendedCare")]
    public static Task<IReadOnlyList<ExtendedCareContract>> List(Guid? childId, Guid? facilityId, DateOnly? month, int? fiscalYear, IQuerySession session, CancellationToken ct)
    {
        if (childId is null && facilityId is null) throw new InvalidRequestException("childId", "give childId or facilityId.");
        if (month is { } asked) DateChecks.RequireMonth(asked);
        return session.ListAsync(childId, facilityId, month, fiscalYear, ct);
    }

    /// <summary>The case's events (申込, 承諾, 契約, 実績・訂正, 延長保育料決定・更正, 取消, 利用終了) with who recorded them.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/extended-care/{id}/history", OperationId = "GetExtendedCareHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<ExtendedCareContract>(id, ct);

    /// <summary>The case's 延長保育料 history: every determination and 更正 with its basis, who and when (optionally one month).</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/extended-care/{id}/fees", OperationId = "GetExtendedCareFees")]
    public static async Task<IReadOnlyList<ExtendedCareFeeHistoryEntry>?> Fees(Guid id, DateOnly? month, IQuerySession session, CancellationToken ct)
    {
        var history = await session.HistoryAsync<ExtendedCareContract>(id, ct);
        if (history is null) return null;
        return [.. history.Select(e => (Record: e, Fee: e.Data as ExtendedCareFeeDetermined))
            .Where(x => x.Fee is not null && (month is null || x.Fee.Month == month))
            .Select(x => new ExtendedCareFeeHistoryEntry(x.Fee!.Month, x.Fee.Fee, x.Fee.Reason, x.Fee.Replaces, x.Record.RecordedAt, x.Record.UserName, x.Fee.Basis))];
    }

    /// <summary>延長保育料一覧: every contract's 延長保育料 in force for a month (<c>month=YYYY-MM-01</c>), optionally one facility, with the total.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/extended-care/monthly-fees", OperationId = "GetExtendedCareMonthlyFees")]
    public static Task<ExtendedCareFeeList> MonthlyFees(DateOnly month, Guid? facilityId, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        return session.FeeListAsync(month, facilityId, ct);
    }
}
