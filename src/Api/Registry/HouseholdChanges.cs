using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Registry;

/// <summary>世帯員の異動 (離脱): 転出, 死亡, or 世帯変更 out of this household.</summary>
/// <param name="Date">異動日</param>
/// <param name="Reason">moveOut (転出), death (死亡), householdChange (世帯変更) or correction</param>
public sealed record MemberDepartureRequest(DateOnly Date, RegistryChangeReason Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>住所変更 (転居).</summary>
public sealed record ChangeAddressRequest(AddressInput Address, DateOnly Date, int Version, RegistryChangeReason? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        Address.Validate(errors, "address");
    }
}

/// <summary>Start or end of a welfare status (生活保護 開始/廃止, ひとり親, 特別児童扶養手当, 在宅障害).</summary>
/// <param name="Action">start (開始) or end (終了・廃止)</param>
/// <param name="PersonId">the member concerned, if the status is a person's rather than the household's</param>
public sealed record WelfareChangeRequest(WelfareKind Kind, WelfareAction Action, DateOnly Date, int Version, Guid? PersonId = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

public enum WelfareAction { Start, End }

public static class HouseholdChangeEndpoints
{
    /// <summary>A member leaves the household (転出・死亡・世帯変更).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households/{id}/members/{personId}/departure", OperationId = "RecordMemberDeparture")]
    public static (UpdatedAggregate, Events) Departure(MemberDepartureRequest request, Guid personId, [WriteAggregate] Household household) =>
        (new UpdatedAggregate(), new Events([household.AtVersion(request.Version).Leave(personId, request.Date, request.Reason)]));

    /// <summary>Change the household's address (転居).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households/{id}/address", OperationId = "ChangeHouseholdAddress")]
    public static (UpdatedAggregate, Events) Address(ChangeAddressRequest request, [WriteAggregate] Household household) =>
        (new UpdatedAggregate(), new Events([household.AtVersion(request.Version).ChangeAddress(request.Address.ToDomain(), request.Date, request.Reason ?? RegistryChangeReason.Relocation)]));

    /// <summary>Record the start or end of a welfare status (福祉状況).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households/{id}/welfare", OperationId = "RecordWelfareStatus")]
    public static (UpdatedAggregate, Events) Welfare(WelfareChangeRequest request, [WriteAggregate] Household household) =>
        (new UpdatedAggregate(), new Events([request.Action == WelfareAction.Start
            ? household.AtVersion(request.Version).StartWelfare(request.Kind, request.Date, request.PersonId)
            : household.AtVersion(request.Version).EndWelfare(request.Kind, request.Date, request.PersonId)]));
}
