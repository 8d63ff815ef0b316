using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Contracts;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Contracts;

/// <summary>退所: the last day the child attends, and why (退所事由).</summary>
public sealed record LeaveRequest(DateOnly LastDay, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>利用解除: 解除決定年月日, the last day of the placement, and 解除事由.</summary>
public sealed record CancelPlacementRequest(DateOnly DecidedOn, DateOnly EndsOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 200);
    }
}

public static class PlacementChangeEndpoints
{
    /// <summary>Record that the child leaves the facility (退所); the fee of its last month is prorated (日割) and later months corrected.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/placements/{id}/leaving", OperationId = "RecordLeaving")]
    public static (UpdatedAggregate, Events, OutgoingMessages) Leave(LeaveRequest request, [WriteAggregate] Placement placement, TimeProvider clock) =>
        (new UpdatedAggregate(), new Events([placement.AtVersion(request.Version).Leave(request.LastDay, request.Reason.Trim())]), [.. Redetermine(placement, request.LastDay, clock)]);

    /// <summary>End a placement by decision (利用解除).</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/placements/{id}/cancellation", OperationId = "CancelPlacement")]
    public static (UpdatedAggregate, Events, OutgoingMessages) Cancel(CancelPlacementRequest request, [WriteAggregate] Placement placement, TimeProvider clock) =>
        (new UpdatedAggregate(), new Events([placement.AtVersion(request.Version).Cancel(request.DecidedOn, request.EndsOn, request.Reason.Trim())]), [.. Redetermine(placement, request.EndsOn, clock)]);

    private static IEnumerable<DetermineHouseholdFees> Redetermine(Placement placement, DateOnly lastDay, TimeProvider clock) =>
        PlacementFees.RedetermineFrom(placement, lastDay, FeeChangeReason.Leaving, clock);
}
