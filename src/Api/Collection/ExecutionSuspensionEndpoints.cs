using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>滞納処分の執行停止: the day, the ground and whether the claim is extinguished at once.</summary>
/// <param name="SuspendedOn">執行停止日</param>
/// <param name="Ground">執行停止事由 (noAssets 無財産, livelihood 生活困窮, unknown 所在及び財産不明)</param>
/// <param name="ImmediateExtinction">即時消滅 (地方税法15条の7⑤ の例; only on the noAssets ground)</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record ExecutionSuspensionRequest(DateOnly SuspendedOn, SuspensionGround Ground, bool ImmediateExtinction = false, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.OptionalVersion(Version);
}

/// <summary>執行停止の取消: the day and why.</summary>
/// <param name="RevokedOn">執行停止取消日</param>
/// <param name="Reason">取消事由</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record ExecutionSuspensionRevocationRequest(DateOnly RevokedOn, string? Reason = null, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Optional("reason", Reason, 500);
        errors.OptionalVersion(Version);
    }
}

public static class ExecutionSuspensionEndpoints
{
    /// <summary>
    /// 滞納処分の執行停止 (地方税法15条の7 の例): after 納期限, while something is owed, one at a time. The claim is extinguished
    /// when the stop has continued 3 years (from the day after the 執行停止日, ending per 民法143条), or at once with 即時消滅; the
    /// 不納欠損 run then proposes it.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/execution-suspension", OperationId = "SuspendExecution")]
    public static Task<ChargeView> Suspend(Guid id, ExecutionSuspensionRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.SuspendedOn, clock, "suspendedOn");
        return ChargeChanges.ApplyAsync(session, id, request.Version, clock,
            charge => charge.SuspendExecution(request.SuspendedOn, request.Ground, request.ImmediateExtinction), ct);
    }

    /// <summary>執行停止の取消 (地方税法15条の8 の例): ends the stop in force before it extinguished the claim; never after 即時消滅.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/execution-suspension/revocation", OperationId = "RevokeExecutionSuspension")]
    public static Task<ChargeView> Revoke(Guid id, ExecutionSuspensionRevocationRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.RevokedOn, clock, "revokedOn");
        return ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.RevokeSuspension(request.RevokedOn, request.Reason?.Trim()), ct);
    }
}
