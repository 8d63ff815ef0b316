using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Api.Registry;
using KosodateShien.Domain.Facilities;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Facilities;

/// <summary>施設・事業所の登録.</summary>
/// <param name="FacilityNumber">事業所番号</param>
/// <param name="Name">事業所名称</param>
/// <param name="Kind">施設・事業所の種類</param>
/// <param name="OpensOn">施設事業所開始年月日</param>
/// <param name="Capacity">利用定員 by クラス年齢</param>
public sealed record RegisterFacilityRequest(string FacilityNumber, string Name, FacilityKind Kind, AddressInput Address, DateOnly OpensOn, SeatsInput Capacity) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Identifier("facilityNumber", FacilityNumber);
        errors.Required("name", Name, 100);
        Address.Validate(errors, "address");
    }
}

/// <summary>The new facility's id and version.</summary>
public sealed record FacilityCreated(Guid Id, int Version) : CreationResponse($"/api/facilities/{Id}");

public static class RegisterFacilityEndpoint
{
    /// <summary>Register a facility (施設・事業所) with its 利用定員.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities", OperationId = "RegisterFacility")]
    public static FacilityCreated Post(RegisterFacilityRequest request, IDocumentSession session)
    {
        var id = Guid.CreateVersion7();
        var registered = Facility.Register(id, request.FacilityNumber, request.Name.Trim(), request.Kind, request.Address.ToDomain(), request.OpensOn,
            request.Capacity.ToDomain("capacity"));
        session.Events.StartStream<Facility>(id, registered);
        return new FacilityCreated(id, 1);
    }
}
