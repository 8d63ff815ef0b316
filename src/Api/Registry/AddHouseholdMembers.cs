using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Registry;

/// <summary>世帯員の異動 (加入): 出生, 転入, or 世帯変更 of an existing person.</summary>
/// <param name="Version">the household version you last read</param>
/// <param name="EffectiveDate">異動日 (defaults to today)</param>
/// <param name="Reason">異動事由 for new persons (birth, moveIn); existing persons always join by householdChange</param>
public sealed record AddHouseholdMembersRequest(IReadOnlyList<MemberInput> Members, int Version, DateOnly? EffectiveDate = null, RegistryChangeReason? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        MemberInput.ValidateAll(errors, Members);
    }
}

/// <summary>The household's new version and the members' person ids.</summary>
public sealed record HouseholdMembersAdded(Guid Id, int Version, IReadOnlyList<MemberRef> Members);

public static class AddHouseholdMembersEndpoint
{
    /// <summary>Add members to a household (出生・転入・世帯変更).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households/{id}/members", OperationId = "AddHouseholdMembers")]
    public static async Task<(HouseholdMembersAdded, Events)> Post(AddHouseholdMembersRequest request, [WriteAggregate] Household household,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        household.AtVersion(request.Version);
        var today = clock.TodayJst();
        var events = new List<object>();
        var members = await HouseholdMembers.JoinAsync(session, household, request.Members, request.EffectiveDate ?? today,
            request.Reason ?? RegistryChangeReason.MoveIn, today, events, ct);
        return (new HouseholdMembersAdded(household.Id, household.Version + events.Count, members), new Events(events));
    }
}
