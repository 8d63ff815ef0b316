using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Projections;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Allocation;

public static class PlacementApplicationQueryEndpoints
{
    /// <summary>An application with its latest score (選考基準指数 and breakdown) and round outcome (内定/保留/不承諾 with reasons).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/applications/{id}", OperationId = "GetPlacementApplication")]
    public static Task<PlacementApplication?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<PlacementApplication>(id, ct);

    /// <summary>Applications, by 利用申込受付番号, optionally for one child, in one state or wanting one start month.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/applications", OperationId = "ListPlacementApplications")]
    public static async Task<Page<PlacementApplication>> List(Guid? childId, string? status, DateOnly? startMonth, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = Paging.From(page, pageSize);
        IQueryable<PlacementApplication> query = session.Query<PlacementApplication>();
        if (childId is { } child) query = query.Where(a => a.ChildId == child);
        if (startMonth is { } month) query = query.Where(a => a.DesiredStartMonth == month);
        if (status is not null)
        {
            var parsed = Paging.ParseEnum<PlacementApplicationStatus>(status, "status");
            query = query.Where(a => a.Status == parsed);
        }
        var results = await query.OrderBy(a => a.ApplicationNumber).ToPagedListAsync(number, size, ct);
        return new Page<PlacementApplication>([.. results], number, size, results.TotalItemCount);
    }

    /// <summary>The application's events with who recorded them (scores, outcomes, withdrawals).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/applications/{id}/history", OperationId = "GetPlacementApplicationHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<PlacementApplication>(id, ct);
}
