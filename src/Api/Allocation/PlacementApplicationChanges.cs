using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Allocation;

/// <summary>An application and the version you last read of it.</summary>
public sealed record ApplicationVersion(Guid ApplicationId, int Version);

/// <summary>きょうだい同時申込: decide these applications together, under the family's condition.</summary>
/// <param name="Option">sameFacilityOnly (同じ園のみ), separateAllowed (別々でも可), eitherOneAllowed (片方だけでも可)</param>
public sealed record LinkSiblingsRequest(IReadOnlyList<ApplicationVersion> Members, SiblingOption Option) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Members.Count is < 2 or > 5) errors.Add("members", "must name 2 to 5 applications.");
        if (Members.Select(m => m.ApplicationId).Distinct().Count() != Members.Count) errors.Add("members", "must not name an application twice.");
        for (var i = 0; i < Members.Count; i++) errors.NotEmpty($"members[{i}].applicationId", Members[i].ApplicationId);
    }
}

/// <summary>The sibling group and each member's new version.</summary>
public sealed record SiblingsLinked(Guid SiblingGroupId, IReadOnlyList<ApplicationVersion> Members);

/// <summary>利用申請取下 (取下年月日, 取下理由).</summary>
public sealed record WithdrawApplicationRequest(DateOnly Date, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>内定辞退. <c>rejoin</c> keeps the application waiting (保留) for later rounds.</summary>
public sealed record DeclineOfferRequest(DateOnly Date, string Reason, bool Rejoin, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

public static class PlacementApplicationChangeEndpoints
{
    /// <summary>Link siblings' applications (きょうだい同時申込) so a round decides them together.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/applications/siblings", OperationId = "LinkSiblingApplications")]
    public static async Task<SiblingsLinked> Link(LinkSiblingsRequest request, IDocumentSession session, CancellationToken ct)
    {
        var groupId = Guid.CreateVersion7();
        var memberIds = request.Members.Select(m => m.ApplicationId).ToList();
        Guid? household = null;
        var result = new List<ApplicationVersion>();
        for (var i = 0; i < request.Members.Count; i++)
        {
            var stream = await session.Events.FetchForWriting<PlacementApplication>(request.Members[i].ApplicationId, request.Members[i].Version, ct);
            var application = stream.Aggregate
                ?? throw new DomainRuleException("application.not-found", $"No application {request.Members[i].ApplicationId}.", $"members[{i}].applicationId");
            if (household is { } h && h != application.HouseholdId)
                throw new DomainRuleException("application.siblings-household", "Sibling applications must come from one household.", $"members[{i}].applicationId");
            household = application.HouseholdId;
            stream.AppendOne(application.LinkSiblings(groupId, memberIds, request.Option));
            result.Add(new ApplicationVersion(application.Id, request.Members[i].Version + 1));
        }
        return new SiblingsLinked(groupId, result);
    }

    /// <summary>Withdraw an application (利用申請取下).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/applications/{id}/withdrawal", OperationId = "WithdrawPlacementApplication")]
    public static (UpdatedAggregate, Events) Withdraw(WithdrawApplicationRequest request, [WriteAggregate] PlacementApplication application, TimeProvider clock)
    {
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([application.AtVersion(request.Version).Withdraw(request.Date, request.Reason.Trim())]));
    }

    /// <summary>Record that the family declined its 内定 (辞退); the seat goes back to the next round.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/applications/{id}/declination", OperationId = "DeclinePlacementOffer")]
    public static (UpdatedAggregate, Events) Decline(DeclineOfferRequest request, [WriteAggregate] PlacementApplication application, TimeProvider clock)
    {
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([application.AtVersion(request.Version).Decline(request.Date, request.Reason.Trim(), request.Rejoin)]));
    }
}
