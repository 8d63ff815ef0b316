using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Registry;

/// <summary>世帯登録 (転入・出生・世帯分離) with its members, as the 住民記録 system sends it.</summary>
/// <param name="HouseholdNumber">世帯識別番号</param>
/// <param name="EffectiveDate">異動日 (defaults to today)</param>
/// <param name="Reason">異動事由 (defaults to moveIn / 転入)</param>
public sealed record RegisterHouseholdRequest(
    string HouseholdNumber,
    AddressInput Address,
    IReadOnlyList<MemberInput> Members,
    DateOnly? EffectiveDate = null,
    RegistryChangeReason? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Identifier("householdNumber", HouseholdNumber);
        Address.Validate(errors, "address");
        MemberInput.ValidateAll(errors, Members);
    }
}

/// <summary>The new household's id and version, and each member's person id.</summary>
public sealed record HouseholdRegistered(Guid Id, int Version, IReadOnlyList<MemberRef> Members) : CreationResponse($"/api/households/{Id}");

public static class RegisterHouseholdEndpoint
{
    /// <summary>Register a household (世帯登録) with its members.</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households", OperationId = "RegisterHousehold")]
    public static async Task<HouseholdRegistered> Post(RegisterHouseholdRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.TodayJst();
        var id = Guid.CreateVersion7();
        var effective = request.EffectiveDate ?? today;
        var reason = request.Reason ?? RegistryChangeReason.MoveIn;
        var registered = Household.Register(id, request.HouseholdNumber, request.Address.ToDomain(), effective, reason);
        var events = new List<object> { registered };
        var members = await HouseholdMembers.JoinAsync(session, Household.Evolve(null, registered)!, request.Members, effective, reason, today, events, ct);
        session.Events.StartStream<Household>(id, events);
        return new HouseholdRegistered(id, events.Count, members);
    }
}
