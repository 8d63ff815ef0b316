using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Projections;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Facilities;

/// <summary>地域区分 of a facility for a month: the one set for the 年度 the month belongs to.</summary>
/// <param name="Month">対象年月 (first day)</param>
/// <param name="FiscalYear">年度</param>
/// <param name="Category">地域区分 (null when none was set for the 年度)</param>
public sealed record FacilityRegionCategory(Guid FacilityId, DateOnly Month, int FiscalYear, RegionCategory? Category);

/// <summary>事業所口座 in force on a day.</summary>
/// <param name="Date">基準日</param>
/// <param name="Account">the account and its period (null when none is in force)</param>
public sealed record FacilityBankAccountInForce(Guid FacilityId, DateOnly Date, FacilityBankAccountPeriod? Account);

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

    /// <summary>A facility's 地域区分 for a month (<c>month=YYYY-MM-01</c>): the one set for that month's 年度.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}/region-category", OperationId = "GetFacilityRegionCategory")]
    public static async Task<FacilityRegionCategory> RegionCategory(Guid id, DateOnly month, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        var facility = await Load(id, session, ct);
        return new FacilityRegionCategory(id, month, JapaneseDates.FiscalYearOf(month), facility.RegionCategoryFor(month));
    }

    /// <summary>The 事業所口座 in force on a day (<c>date=YYYY-MM-DD</c>), with its period.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}/bank-account", OperationId = "GetFacilityBankAccount")]
    public static async Task<FacilityBankAccountInForce> BankAccount(Guid id, DateOnly date, IQuerySession session, CancellationToken ct) =>
        new(id, date, (await Load(id, session, ct)).BankAccountOn(date));

    /// <summary>The facility stream's events with who recorded them.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}/history", OperationId = "GetFacilityHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<Facility>(id, ct);

    private static async Task<Facility> Load(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Facility>(id, ct) ?? throw new NotFoundException($"There is no facility {id}.");
}
