using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>確認 (法31条 特定教育・保育施設 / 法43条 特定地域型保育事業者).</summary>
/// <param name="ConfirmedOn">確認年月日</param>
/// <param name="Basis">根拠条文 (article31: 法31条, article43: 法43条)</param>
public sealed record ConfirmFacilityRequest(DateOnly ConfirmedOn, ConfirmationBasis Basis, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("confirmedOn", ConfirmedOn);
        errors.Version(Version);
    }
}

/// <summary>確認の変更.</summary>
/// <param name="ChangedOn">変更年月日</param>
/// <param name="Details">変更内容</param>
public sealed record ChangeConfirmationRequest(DateOnly ChangedOn, string Details, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("changedOn", ChangedOn);
        errors.Required("details", Details, 500);
        errors.Version(Version);
    }
}

/// <summary>確認の取消.</summary>
/// <param name="RevokedOn">取消年月日 (not confirmed from this day on)</param>
/// <param name="Reason">取消理由</param>
public sealed record RevokeConfirmationRequest(DateOnly RevokedOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("revokedOn", RevokedOn);
        errors.Required("reason", Reason, 500);
        errors.Version(Version);
    }
}

public static class FacilityConfirmationEndpoints
{
    /// <summary>Record the 確認 of a facility (only a confirmed facility may receive 給付費): 法43条 for 地域型保育, 法31条 for the others.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/confirmation", OperationId = "ConfirmFacility")]
    public static (UpdatedAggregate, Events) Confirm(ConfirmFacilityRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).Confirm(request.ConfirmedOn, request.Basis)]));

    /// <summary>Record a 確認の変更 (date and 内容) of the 確認 in force.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/confirmation/changes", OperationId = "ChangeFacilityConfirmation")]
    public static (UpdatedAggregate, Events) Change(ChangeConfirmationRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).ChangeConfirmation(request.ChangedOn, request.Details.Trim())]));

    /// <summary>Record the 確認の取消 (取消日, 理由): the facility is not confirmed from that day on.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/confirmation/revocation", OperationId = "RevokeFacilityConfirmation")]
    public static (UpdatedAggregate, Events) Revoke(RevokeConfirmationRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).RevokeConfirmation(request.RevokedOn, request.Reason.Trim())]));
}
