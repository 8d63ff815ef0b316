using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>督促停止・催告停止: from when, and why.</summary>
/// <param name="StoppedOn">停止日</param>
/// <param name="Reason">停止事由</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record CollectionStopRequest(DateOnly StoppedOn, string Reason, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("reason", Reason, 500);
        errors.OptionalVersion(Version);
    }
}

/// <summary>停止解除: from when 督促 and 催告 may go to the charge again.</summary>
/// <param name="LiftedOn">停止解除日</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record CollectionStopLiftingRequest(DateOnly LiftedOn, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.OptionalVersion(Version);
}

public static class CollectionStopEndpoints
{
    /// <summary>
    /// 督促停止・催告停止: from the 停止日 no 督促状 or 催告書 goes to the charge (by hand: 422; the runs pass it by) until the stop
    /// is lifted. One stop at a time.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/collection-stop", OperationId = "StopCollection")]
    public static Task<ChargeView> Stop(Guid id, CollectionStopRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.StopCollection(request.StoppedOn, request.Reason.Trim()), ct);

    /// <summary>停止解除: 督促 and 催告 may go to the charge again from the 解除日.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/collection-stop/lifting", OperationId = "LiftCollectionStop")]
    public static Task<ChargeView> Lift(Guid id, CollectionStopLiftingRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.LiftCollectionStop(request.LiftedOn), ct);
}
