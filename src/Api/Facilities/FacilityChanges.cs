using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>利用定員の変更.</summary>
public sealed record ChangeCapacityRequest(SeatsInput Capacity, DateOnly EffectiveFrom, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>空き定員 (受入可能数) for a month (first day, e.g. 2027-04-01).</summary>
public sealed record DeclareVacanciesRequest(DateOnly Month, SeatsInput Seats, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>施設・事業所の終了.</summary>
public sealed record CloseFacilityRequest(DateOnly Date, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

public static class FacilityChangeEndpoints
{
    /// <summary>Change a facility's 利用定員 from a date.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/capacity", OperationId = "ChangeFacilityCapacity")]
    public static (UpdatedAggregate, Events) Capacity(ChangeCapacityRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).ChangeCapacity(request.Capacity.ToDomain("capacity"), request.EffectiveFrom, request.Reason.Trim())]));

    /// <summary>Declare 空き定員 for a month; a later declaration for the same month replaces it until a round fixes its inputs.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/vacancies", OperationId = "DeclareVacancies")]
    public static (UpdatedAggregate, Events) Vacancies(DeclareVacanciesRequest request, [WriteAggregate] Facility facility, TimeProvider clock) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).DeclareVacancies(request.Month, request.Seats.ToDomain("seats"), clock.TodayJst())]));

    /// <summary>Record that a facility closes (施設事業所終了).</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/closure", OperationId = "CloseFacility")]
    public static (UpdatedAggregate, Events) Close(CloseFacilityRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).Close(request.Date, request.Reason.Trim())]));
}
