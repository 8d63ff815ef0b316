using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Charges;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Contracts;
using KosodateShien.Projections;
using KosodateShien.Projections.Contracts;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace KosodateShien.Api.Contracts;

/// <summary>One 利用者負担額決定 as the fee history shows it: the month, the amounts, why, what it replaced, who and when, and the basis.</summary>
public sealed record FeeHistoryEntry(Guid PlacementId, string ContractNumber, DateOnly Month, long Fee, long SideDishFee, FeeChangeReason Reason,
    long? Replaces, DateTimeOffset RecordedAt, string? UserName, Domain.Fees.ChildFee Basis);

/// <summary>A month's routine fee run.</summary>
/// <param name="Month">the month (first day)</param>
public sealed record MonthlyFeeRunRequest(DateOnly Month) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Month.Day != 1) errors.Add("month", "must be the first day of a month (YYYY-MM-01).");
    }
}

public static class PlacementQueryEndpoints
{
    /// <summary>A placement (契約) with the fee in force for each month.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/placements/{id}", OperationId = "GetPlacement")]
    public static Task<Placement?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<Placement>(id, ct);

    /// <summary>Placements, optionally for one child or one facility.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/placements", OperationId = "ListPlacements")]
    public static async Task<Page<Placement>> List(Guid? childId, Guid? facilityId, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = Paging.From(page, pageSize);
        IQueryable<Placement> query = session.Query<Placement>();
        if (childId is { } child) query = query.Where(p => p.ChildId == child);
        if (facilityId is { } facility) query = query.Where(p => p.FacilityId == facility);
        var results = await query.OrderBy(p => p.ContractNumber).ToPagedListAsync(number, size, ct);
        return new Page<Placement>([.. results], number, size, results.TotalItemCount);
    }

    /// <summary>The placement's events (入所, 進級, 負担額決定・更正, 退所) with who recorded them.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/placements/{id}/history", OperationId = "GetPlacementHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<Placement>(id, ct);

    /// <summary>A child's fee history: every 利用者負担額決定 and 更正 with its basis, who and when, month by month.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/children/{id}/fees", OperationId = "GetChildFeeHistory")]
    public static async Task<IReadOnlyList<FeeHistoryEntry>> Fees(Guid id, IQuerySession session, CancellationToken ct)
    {
        await session.RequirePersonAsync(id, "child", ct);
        var entries = new List<FeeHistoryEntry>();
        foreach (var placement in await session.Query<Placement>().Where(p => p.ChildId == id).ToListAsync(ct))
            foreach (var e in await session.Events.FetchStreamAsync(placement.Id, token: ct))
                if (e.Data is FeeDetermined d)
                    entries.Add(new FeeHistoryEntry(placement.Id, placement.ContractNumber, d.Month, d.Fee, d.SideDishFee, d.Reason, d.Replaces, e.Timestamp, e.UserName, d.Quote));
        return [.. entries.OrderBy(e => e.Month).ThenBy(e => e.RecordedAt)];
    }

    /// <summary>
    /// A child's fees month by month (<c>from</c>, <c>to</c>: YYYY-MM-01; by default from the first placement's month to this
    /// month): the 利用者負担額 and 副食費 in force for each month and the 利用者負担額決定 it comes from (a determination holds
    /// until the next one, which is made only when the fee changes).
    /// </summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/children/{id}/monthly-fees", OperationId = "GetChildMonthlyFees")]
    public static async Task<IReadOnlyList<ChildMonthlyFee>> MonthlyFees(Guid id, DateOnly? from, DateOnly? to, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (from is { } f) DateChecks.RequireMonth(f, "from");
        if (to is { } t) DateChecks.RequireMonth(t, "to");
        await session.RequirePersonAsync(id, "child", ct);
        var first = from ?? await session.Query<Placement>().Where(p => p.ChildId == id).OrderBy(p => p.StartsOn).Select(p => p.StartsOn).FirstOrDefaultAsync(ct);
        var last = to ?? FeeDeterminations.CurrentMonth(clock);
        if (first == default) return [];
        var start = FeeDeterminations.MonthOf(first);
        if (last < start) return [];
        if (last.Year * 12 + last.Month - (start.Year * 12 + start.Month) >= 240)
            throw new InvalidRequestException("from", "from and to may be at most 20 years apart.");
        return await session.ChildMonthlyFeesAsync(id, start, last, ct);
    }

    /// <summary>
    /// Run a month's fee determination for every placement (月次決定; September applies the new 年度's tax, April moves classes up).
    /// Then hands the month's charges per payer × 科目 to collection. Safe to repeat: unchanged fees and charges are not issued again.
    /// </summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.RunFeeJobs)]
    [WolverinePost("/api/fees/monthly-runs", OperationId = "RunMonthlyFees")]
    public static async Task<MonthlyFeeRunRequest> Run(MonthlyFeeRunRequest request, IMessageBus bus)
    {
        await MonthlyBillingRun.RunAsync(bus, request.Month, MonthlyBillingRun.DefaultTimeout, CancellationToken.None);
        return request;
    }
}
