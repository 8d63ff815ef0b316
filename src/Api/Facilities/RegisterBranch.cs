using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Api.Registry;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>分園の登録.</summary>
/// <param name="Name">分園名称</param>
/// <param name="Address">分園所在地</param>
/// <param name="From">分園開始年月日</param>
public sealed record RegisterBranchRequest(string Name, AddressInput Address, DateOnly From, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("name", Name, 100);
        Address.Validate(errors, "address");
        errors.Date("from", From);
        errors.Version(Version);
    }
}

public static class RegisterBranchEndpoint
{
    /// <summary>Register a 分園 of a facility (name, address, from).</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/branches", OperationId = "RegisterFacilityBranch")]
    public static (UpdatedAggregate, Events) Post(RegisterBranchRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).RegisterBranch(request.Name.Trim(), request.Address.ToDomain(), request.From)]));
}
