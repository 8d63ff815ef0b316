using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Contracts;

/// <summary>
/// 異動 (転園): the child moves to <c>toFacilityId</c> from <c>startsOn</c> (the first day of a month); give the 転園
/// application's <c>applicationId</c> when the move comes from a 内定, and <c>certificationId</c> when the new placement
/// rests on another certification than the current one.
/// </summary>
/// <param name="StartsOn">利用期間開始年月日 at the new facility (the old placement ends the day before)</param>
/// <param name="ContractDate">契約締結日 (default: today)</param>
/// <param name="DecidedOn">利用承諾年月日 (default: today)</param>
public sealed record TransferPlacementRequest(Guid ToFacilityId, DateOnly StartsOn, int Version, Guid? ApplicationId = null, Guid? CertificationId = null,
    DateOnly? ContractDate = null, DateOnly? DecidedOn = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.NotEmpty("toFacilityId", ToFacilityId);
    }
}

/// <summary>異動 (認定変更): the placement rests on <c>certificationId</c> from <c>effectiveFrom</c>.</summary>
/// <param name="Reason">異動事由 (default: 認定変更)</param>
public sealed record RelinkCertificationRequest(Guid CertificationId, DateOnly EffectiveFrom, int Version, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.NotEmpty("certificationId", CertificationId);
        errors.Optional("reason", Reason, 200);
    }
}

public static class PlacementTransferEndpoints
{
    /// <summary>
    /// 転園: ends this placement the day before <c>startsOn</c> and starts one at the new facility (a new 契約履歴番号);
    /// the fees from that month are redetermined. Answers with the new placement. Refused (<c>placement.class-full</c>) when the
    /// child's class at the new facility has no free place under its 利用定員.
    /// </summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/placements/{id}/transfer", OperationId = "TransferPlacement")]
    public static async Task<(PlacementCreated, Events, OutgoingMessages)> Transfer(TransferPlacementRequest request, [WriteAggregate] Placement placement,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        placement.AtVersion(request.Version);
        var today = clock.TodayJst();
        var newId = Guid.CreateVersion7();
        var transferred = placement.TransferOut(request.StartsOn, newId, request.ToFacilityId);
        var facility = await PlacementRules.OpenFacilityAsync(session, request.ToFacilityId, "toFacilityId", request.StartsOn, ct);
        var applicationId = await OfferedApplicationAsync(session, request, placement.ChildId, ct);
        var (certification, period) = await PlacementRules.CertificationOnAsync(session, request.CertificationId ?? placement.CertificationOn(request.StartsOn),
            placement.ChildId, request.StartsOn, ct);
        if (await session.Query<Placement>().AnyAsync(p => p.ChildId == placement.ChildId && p.Id != placement.Id && (p.EndsOn == null || p.EndsOn >= request.StartsOn), ct))
            throw new DomainRuleException("placement.overlap", "The child has another placement running on that date.", "startsOn");
        var child = await session.LoadAsync<Person>(placement.ChildId, ct)
            ?? throw new DomainRuleException("registry.person-not-found", $"The child {placement.ChildId} is no longer registered.", "id");

        // Only the new facility is locked: leaving frees a place at the old one, which no check has to wait for.
        var classAge = JapaneseDates.ClassAge(child.BirthDate, JapaneseDates.FiscalYearOf(request.StartsOn));
        await FacilityPlaces.RequireFreeAsync(session, request.ToFacilityId, classAge, request.StartsOn, "toFacilityId", ct);

        var number = await PlacementRules.NextContractNumberAsync(session, request.StartsOn, ct);
        session.Events.StartStream<Placement>(newId, new PlacementStarted(newId, number, placement.ChildId, placement.HouseholdId, certification.Id, facility.Id,
            applicationId, PlacementSource.Transfer, ServiceKinds.For(period.Category, facility.Kind), request.DecidedOn ?? today, request.ContractDate ?? today,
            request.StartsOn, classAge, placement.Id));
        return (new PlacementCreated(newId, number, 1), new Events([transferred]),
            [.. PlacementFees.RedetermineFrom(placement, request.StartsOn, FeeChangeReason.CircumstancesChanged, clock)]);
    }

    /// <summary>認定変更 as a 異動: the placement rests on another certification (or a new period of its own) from a day; fees are redetermined.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/placements/{id}/certification", OperationId = "ChangePlacementCertification")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Relink(RelinkCertificationRequest request, [WriteAggregate] Placement placement,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        placement.AtVersion(request.Version);
        var certification = await session.LoadAsync<Domain.Certification.Certification>(request.CertificationId, ct)
            ?? throw new DomainRuleException("placement.certification", $"Certification {request.CertificationId} does not exist.", "certificationId");
        var changed = placement.ChangeCertification(certification, request.EffectiveFrom, string.IsNullOrWhiteSpace(request.Reason) ? "認定変更" : request.Reason.Trim());
        return (new UpdatedAggregate(), changed is null ? new Events() : new Events([changed]),
            changed is null ? [] : [.. PlacementFees.RedetermineFrom(placement, request.EffectiveFrom, FeeChangeReason.CircumstancesChanged, clock)]);
    }

    private static async Task<Guid?> OfferedApplicationAsync(IQuerySession session, TransferPlacementRequest request, Guid childId, CancellationToken ct)
    {
        if (request.ApplicationId is not { } id) return null;
        var application = await session.LoadAsync<PlacementApplication>(id, ct);
        if (application is not { Status: PlacementApplicationStatus.Offered } || application.ChildId != childId || application.LastOutcome?.FacilityId != request.ToFacilityId)
            throw new DomainRuleException("placement.not-offered", "The application must hold a 内定 for this child at the new facility.", "applicationId");
        return application.Id;
    }
}
