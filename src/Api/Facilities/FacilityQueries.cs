using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Facilities;
using KosodateShien.Projections;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Facilities;

public static class FacilityQueryEndpoints
{
    /// <summary>Facilities by 事業所番号, optionally of one kind (施設・事業所の種類).</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities", OperationId = "ListFacilities")]
    public static async Task<Page<Facility>> List(string? kind, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = Paging.From(page, pageSize);
        IQueryable<Facility> query = session.Query<Facility>();
        if (kind is not null)
        {
            var parsed = Paging.ParseEnum<FacilityKind>(kind, "kind");
            query = query.Where(f => f.Kind == parsed);
        }
        var results = await query.OrderBy(f => f.FacilityNumber).ToPagedListAsync(number, size, ct);
        return new Page<Facility>([.. results], number, size, results.TotalItemCount);
    }

    /// <summary>A facility with its 利用定員 and declared 空き定員 by month.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}", OperationId = "GetFacility")]
    public static Task<Facility?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<Facility>(id, ct);

    /// <summary>The facility stream's events with who recorded them.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}/history", OperationId = "GetFacilityHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<Facility>(id, ct);
}
