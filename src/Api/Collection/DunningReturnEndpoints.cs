using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>督促状返戻: the day the 督促状 came back undelivered.</summary>
/// <param name="ReturnedOn">返戻日</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record DunningReturnRequest(DateOnly ReturnedOn, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.OptionalVersion(Version);
}

/// <summary>公示送達 of a returned 督促状: the day it was posted.</summary>
/// <param name="PostedOn">公示日 (掲示を始めた日)</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record DunningPublicNoticeRequest(DateOnly PostedOn, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.OptionalVersion(Version);
}

public static class DunningReturnEndpoints
{
    /// <summary>
    /// Record that the 督促状 came back undelivered (返戻). It was not served: its 指定期限 does not run and it renews no 時効
    /// until a 公示送達 takes effect.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/dunning/return", OperationId = "ReturnDunning")]
    public static Task<ChargeView> Return(Guid id, DunningReturnRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.ReturnedOn, clock, "returnedOn");
        return ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.ReturnDunning(request.ReturnedOn), ct);
    }

    /// <summary>
    /// 公示送達 of the returned 督促状 (地方税法20条の2 の例): deemed served when 7 days counted from the 公示日 have passed
    /// (公示日 + 7); the 指定期限 and the renewed 時効 count from that day under the collection rules in force on the 公示日.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/dunning/public-notice", OperationId = "PostDunningPublicNotice")]
    public static async Task<ChargeView> PublicNotice(Guid id, DunningPublicNoticeRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.PostedOn, clock, "postedOn");
        var rules = await session.CollectionRulesInForceAsync(request.PostedOn, ct);
        return await ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.PostDunningPublicNotice(request.PostedOn, rules), ct);
    }
}
