using KosodateShien.Api.Auth;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using KosodateShien.Projections.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Registry;

public static class RegistryQueryEndpoints
{
    /// <summary>世帯情報: members with 宛名, 続柄, contacts and 税情報 by 年度, former members, welfare periods.</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/households/{id}", OperationId = "GetHousehold")]
    public static async Task<HouseholdView?> Household(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.HouseholdViewAsync(id, ct);

    /// <summary>The household stream's events with who recorded them and when (監査).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/households/{id}/history", OperationId = "GetHouseholdHistory")]
    public static Task<IReadOnlyList<EventRecord>?> HouseholdHistory(Guid id, IQuerySession session, CancellationToken ct) =>
        session.HistoryAsync<Household>(id, ct);

    /// <summary>The person stream's events (宛名の履歴).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/persons/{id}/history", OperationId = "GetPersonHistory")]
    public static Task<IReadOnlyList<EventRecord>?> PersonHistory(Guid id, IQuerySession session, CancellationToken ct) =>
        session.HistoryAsync<Person>(id, ct);

    /// <summary>児童台帳: the child, household, guardians with 税情報, welfare status and certifications.</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/children/{id}", OperationId = "GetChildFile")]
    public static Task<ChildFile?> Child(Guid id, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        session.ChildFileAsync(id, clock.TodayJst(), ct);
}
