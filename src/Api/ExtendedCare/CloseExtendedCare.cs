using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Charges;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>取消: 取消年月日 and 取消事由 (only before any use is recorded or charged).</summary>
/// <param name="DecidedOn">取消年月日</param>
/// <param name="Reason">取消事由</param>
public sealed record CancelExtendedCareRequest(DateOnly DecidedOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 500);
    }
}

/// <summary>利用終了: the last day of use (延長保育終了年月日 brought forward) and why.</summary>
/// <param name="LastDay">延長保育終了年月日</param>
/// <param name="Reason">利用終了事由</param>
public sealed record EndExtendedCareRequest(DateOnly LastDay, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 500);
    }
}

public static class CloseExtendedCareEndpoints
{
    /// <summary>Cancel (取消) an application, 承諾 or contract before any use.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/extended-care/{id}/cancellation", OperationId = "CancelExtendedCare")]
    public static (UpdatedAggregate, Events) Cancel(CancelExtendedCareRequest request,
        [WriteAggregate(VersionSource = ExtendedCareVersioning.CheckedAfterLoad)] ExtendedCareContract contract, TimeProvider clock)
    {
        contract.AtVersion(request.Version);
        DateChecks.NotInFuture(request.DecidedOn, clock, "decidedOn");
        return (new UpdatedAggregate(), new Events([contract.Cancel(request.DecidedOn, request.Reason.Trim())]));
    }

    /// <summary>End the use (利用終了): the last month is prorated (日割, 月単位) and months after it corrected to 0.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/extended-care/{id}/ending", OperationId = "EndExtendedCare")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> End(EndExtendedCareRequest request,
        [WriteAggregate(VersionSource = ExtendedCareVersioning.CheckedAfterLoad)] ExtendedCareContract contract, IDocumentSession session,
        CancellationToken ct)
    {
        contract.AtVersion(request.Version);
        var ended = contract.End(request.LastDay, request.Reason.Trim());
        var state = ExtendedCareContract.Evolve(contract, ended)!;
        var (from, to) = ExtendedCareFeeDeterminations.MonthsAfterEnding(state, request.LastDay);
        var fees = await ExtendedCareFeeDeterminations.DetermineAsync(state, from, to, ExtendedCareFeeReason.Ending, new ExtendedCareFeeContext(session), ct);
        return (new UpdatedAggregate(), new Events([ended, .. fees]), ChargeFollowUp.After(contract.HouseholdId, fees.Select(f => f.Month)));
    }
}
