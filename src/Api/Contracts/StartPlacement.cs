using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Registry;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Contracts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Contracts;

/// <summary>
/// 利用決定・入所: from a 内定 (give <c>applicationId</c>) or as a direct contract (give <c>certificationId</c>).
/// </summary>
/// <param name="StartsOn">利用期間開始年月日 (初回入所年月日)</param>
/// <param name="ContractDate">契約締結日 (default: today)</param>
/// <param name="DecidedOn">利用承諾年月日 (default: today)</param>
public sealed record StartPlacementRequest(Guid ChildId, Guid FacilityId, DateOnly StartsOn, Guid? ApplicationId = null, Guid? CertificationId = null,
    DateOnly? ContractDate = null, DateOnly? DecidedOn = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("childId", ChildId);
        errors.NotEmpty("facilityId", FacilityId);
        if (ApplicationId is null == (CertificationId is null))
            errors.Add("applicationId", "give either applicationId (from a 内定) or certificationId (a direct contract), not both.");
    }
}

/// <summary>The placement's id, 契約履歴番号 and version.</summary>
public sealed record PlacementCreated(Guid Id, string ContractNumber, int Version) : CreationResponse($"/api/placements/{Id}");

public static class StartPlacementEndpoint
{
    /// <summary>
    /// Start a placement (利用決定・入所); its 利用者負担額 is determined right after. Refused (<c>placement.class-full</c>) when
    /// the child's class at the facility has no free place under its 利用定員, also for a 内定.
    /// </summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/placements", OperationId = "StartPlacement")]
    public static async Task<(PlacementCreated, OutgoingMessages)> Post(StartPlacementRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.TodayJst();
        var child = await session.PersonInHouseholdAsync(request.ChildId, "childId", ct);
        if (child.Membership.Role != HouseholdRole.Child)
            throw new DomainRuleException("placement.not-a-child", "Only a child (児童) can be placed.", "childId");
        var facility = await PlacementRules.OpenFacilityAsync(session, request.FacilityId, "facilityId", request.StartsOn, ct);

        var (certificationId, applicationId, source) = await SourceAsync(session, request, ct);
        var (certification, period) = await PlacementRules.CertificationOnAsync(session, certificationId, request.ChildId, request.StartsOn, ct);

        if (await session.Query<Placement>().AnyAsync(p => p.ChildId == request.ChildId && (p.EndsOn == null || p.EndsOn >= request.StartsOn), ct))
            throw new DomainRuleException("placement.overlap", "The child already has a placement running on that date; end it first (退所 or 転園).", "startsOn");

        // A 内定 is held to 利用定員 too: the round allocated the declared 空き定員, which may have been taken since.
        var classAge = JapaneseDates.ClassAge(child.Person.BirthDate, JapaneseDates.FiscalYearOf(request.StartsOn));
        await FacilityPlaces.RequireFreeAsync(session, request.FacilityId, classAge, request.StartsOn, "facilityId", ct);

        var id = Guid.CreateVersion7();
        var number = await PlacementRules.NextContractNumberAsync(session, request.StartsOn, ct);
        var kind = ServiceKinds.For(period.Category, facility.Kind);
        session.Events.StartStream<Placement>(id, new PlacementStarted(id, number, request.ChildId, child.Household.Id, certificationId, request.FacilityId,
            applicationId, source, kind, request.DecidedOn ?? today, request.ContractDate ?? today, request.StartsOn, classAge));

        var first = FeeDeterminations.MonthOf(request.StartsOn);
        var current = FeeDeterminations.CurrentMonth(clock);
        return (new PlacementCreated(id, number, 1), [new DetermineHouseholdFees(child.Household.Id, first, current > first ? current : first, FeeChangeReason.Start)]);
    }

    private static async Task<(Guid Certification, Guid? Application, PlacementSource Source)> SourceAsync(IQuerySession session, StartPlacementRequest request, CancellationToken ct)
    {
        if (request.CertificationId is { } direct) return (direct, null, PlacementSource.Direct);
        var application = await session.LoadAsync<PlacementApplication>(request.ApplicationId!.Value, ct);
        if (application is not { Status: PlacementApplicationStatus.Offered } || application.ChildId != request.ChildId || application.LastOutcome?.FacilityId != request.FacilityId)
            throw new DomainRuleException("placement.not-offered", "The application must hold a 内定 for this child at this facility.", "applicationId");
        return (application.CertificationId, application.Id, PlacementSource.Allocation);
    }
}
