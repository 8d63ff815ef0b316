using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>
/// 延長保育利用決定: 承諾 (延長保育利用承諾年月日 and 承諾期間 — by default the period asked for, clipped to 3/31 of the 年度 and to
/// the placement's last day) or 不承諾 (with 不承諾理由).
/// </summary>
/// <param name="DecidedOn">延長保育利用承諾年月日 / 不承諾の決定年月日</param>
/// <param name="From">承諾期間 開始年月日 (default: 希望利用期間開始年月日)</param>
/// <param name="Until">承諾期間 終了年月日 (at most 3/31 of the 年度 and the placement's last day)</param>
/// <param name="FeeSystem">承諾する利用形態 (default: as applied for)</param>
/// <param name="Reason">不承諾理由 (required to refuse)</param>
public sealed record ExtendedCareDecisionRequest(DateOnly DecidedOn, bool Approve, int Version, DateOnly? From = null, DateOnly? Until = null,
    ExtendedCareFeeSystem? FeeSystem = null, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Approve) errors.Optional("reason", Reason, 500);
        else errors.Required("reason", Reason, 500);
        if (From is { } from && Until is { } until && until < from) errors.Add("until", "must not be before from.");
    }
}

public static class DecideExtendedCareEndpoint
{
    /// <summary>Approve (承諾) or refuse (不承諾) a 延長保育利用申込.</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/extended-care/{id}/decision", OperationId = "DecideExtendedCare")]
    public static async Task<(UpdatedAggregate, Events)> Decide(ExtendedCareDecisionRequest request,
        [WriteAggregate(VersionSource = ExtendedCareVersioning.CheckedAfterLoad)] ExtendedCareContract contract, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        contract.AtVersion(request.Version);
        DateChecks.NotInFuture(request.DecidedOn, clock, "decidedOn");
        if (!request.Approve)
            return (new UpdatedAggregate(), new Events([contract.Reject(request.DecidedOn, request.Reason!.Trim())]));
        var placement = await session.LoadAsync<Placement>(contract.PlacementId, ct)
            ?? throw new InvalidOperationException($"Placement {contract.PlacementId} of 延長保育 {contract.ApplicationNumber} does not exist.");
        return (new UpdatedAggregate(), new Events([contract.Approve(request.DecidedOn, placement, request.From, request.Until, request.FeeSystem)]));
    }
}
