using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Allocation;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Registry;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Allocation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Allocation;

/// <summary>利用申込 (入所申込).</summary>
/// <param name="ChildId">児童 (person id)</param>
/// <param name="ApplicantId">利用申請者 (a guardian in the child's household)</param>
/// <param name="CertificationId">the child's 教育・保育給付認定 (2号 or 3号; may still be under review)</param>
/// <param name="ApplicationDate">利用申請年月日</param>
/// <param name="Kind">利用申請区分: new (新規) or transfer (転園)</param>
/// <param name="CurrentFacilityId">the facility the child attends now (転園 only)</param>
/// <param name="DesiredFacilities">入所希望事業所 in 希望順位 order (第1希望 first)</param>
/// <param name="DesiredStartMonth">希望利用開始月 (first day of the month)</param>
/// <param name="DesiredDays">希望曜日</param>
/// <param name="CareReason">保育希望理由</param>
/// <param name="PriorityReasons">優先利用事由</param>
/// <param name="Adjustments">調整指数 items declared on the form (codes of the 入所選考基準)</param>
/// <param name="WideArea">広域利用情報</param>
public sealed record ApplyForPlacementRequest(
    Guid ChildId,
    Guid ApplicantId,
    Guid CertificationId,
    DateOnly ApplicationDate,
    IReadOnlyList<Guid> DesiredFacilities,
    DateOnly DesiredStartMonth,
    PlacementApplicationKind Kind = PlacementApplicationKind.New,
    Guid? CurrentFacilityId = null,
    IReadOnlyList<DayOfWeek>? DesiredDays = null,
    string? CareReason = null,
    IReadOnlyList<string>? PriorityReasons = null,
    IReadOnlyList<string>? Adjustments = null,
    WideAreaUse? WideArea = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("childId", ChildId);
        errors.NotEmpty("applicantId", ApplicantId);
        errors.NotEmpty("certificationId", CertificationId);
        if (DesiredFacilities.Count is 0 or > 20) errors.Add("desiredFacilities", "must list 1 to 20 facilities in order of preference.");
        if (DesiredFacilities.Distinct().Count() != DesiredFacilities.Count) errors.Add("desiredFacilities", "must not list a facility twice.");
        if (DesiredStartMonth.Day != 1) errors.Add("desiredStartMonth", "must be the first day of a month (YYYY-MM-01).");
        if (Kind == PlacementApplicationKind.Transfer && CurrentFacilityId is null) errors.Add("currentFacilityId", "is required for a transfer (転園).");
        if (Kind == PlacementApplicationKind.New && CurrentFacilityId is not null) errors.Add("currentFacilityId", "is only given for a transfer (転園).");
        errors.Optional("careReason", CareReason, 500);
        foreach (var (code, i) in (Adjustments ?? []).Select((c, i) => (c, i))) errors.Required($"adjustments[{i}]", code, 50);
        foreach (var (code, i) in (PriorityReasons ?? []).Select((c, i) => (c, i))) errors.Required($"priorityReasons[{i}]", code, 100);
    }
}

/// <summary>The new application's id, 利用申込受付番号 and version.</summary>
public sealed record PlacementApplicationCreated(Guid Id, string ApplicationNumber, int Version) : CreationResponse($"/api/applications/{Id}");

public static class ApplyForPlacementEndpoint
{
    /// <summary>Receive an application for a place (利用申込受付).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/applications", OperationId = "ApplyForPlacement")]
    public static async Task<PlacementApplicationCreated> Post(ApplyForPlacementRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.ApplicationDate, clock, "applicationDate");
        var child = await session.PersonInHouseholdAsync(request.ChildId, "childId", ct);
        if (child.Membership.Role != HouseholdRole.Child)
            throw new DomainRuleException("application.not-a-child", "Only a child (児童) can be applied for.", "childId");
        if (child.Household.CurrentMember(request.ApplicantId) is not { Role: HouseholdRole.Guardian })
            throw new DomainRuleException("application.applicant-not-guardian", "The applicant must be a guardian (保護者) in the child's household.", "applicantId");

        var certification = await session.LoadAsync<CertificationState>(request.CertificationId, ct);
        if (certification is null || certification.ChildId != request.ChildId)
            throw new DomainRuleException("application.certification", "The certification must be this child's.", "certificationId");
        if (certification.Status is not (CertificationStatus.Applied or CertificationStatus.Certified) || !certification.WantsNurseryCare)
            throw new DomainRuleException("application.certification-for-care", "A place at a nursery needs a 保育認定 (2号/3号) that is applied for or certified.", "certificationId");

        var facilities = (await session.LoadManyAsync<Facility>(ct, [.. request.DesiredFacilities, .. request.CurrentFacilityId is { } c ? [c] : Array.Empty<Guid>()]))
            .ToDictionary(f => f.Id);
        for (var i = 0; i < request.DesiredFacilities.Count; i++)
            if (!facilities.ContainsKey(request.DesiredFacilities[i]))
                throw new DomainRuleException("application.unknown-facility", $"Facility {request.DesiredFacilities[i]} is not registered.", $"desiredFacilities[{i}]");
        if (request.CurrentFacilityId is { } current && !facilities.ContainsKey(current))
            throw new DomainRuleException("application.unknown-facility", $"Facility {current} is not registered.", "currentFacilityId");

        var criteria = await session.CriteriaInForceOnAsync(request.DesiredStartMonth, ct);
        var declared = criteria.Adjustments.Where(a => a.Source == Domain.Allocation.Scoring.AdjustmentSource.Declared).Select(a => a.Code).ToHashSet();
        var adjustments = request.Adjustments ?? [];
        for (var i = 0; i < adjustments.Count; i++)
            if (!declared.Contains(adjustments[i]))
                throw new DomainRuleException("application.unknown-adjustment", $"'{adjustments[i]}' is not a declarable 調整指数 item of 入所選考基準 v{criteria.Version} ({string.Join(", ", declared)}).", $"adjustments[{i}]");

        if (await session.Query<PlacementApplication>().AnyAsync(a => a.ChildId == request.ChildId
                && (a.Status == PlacementApplicationStatus.Received || a.Status == PlacementApplicationStatus.OnHold), ct))
            throw new DomainRuleException("application.duplicate", "The child already has an application waiting for a place; withdraw it first or change it.", "childId");

        var id = Guid.CreateVersion7();
        var number = $"A{JapaneseDates.FiscalYearOf(request.DesiredStartMonth):D4}{await session.NextAsync(AllocationStoreConfiguration.ApplicationNumberSequence, ct):D6}";
        session.Events.StartStream<PlacementApplication>(id, new PlacementApplicationReceived(id, number, request.ApplicationDate, request.ApplicantId, request.ChildId,
            child.Household.Id, request.CertificationId, request.Kind, request.CurrentFacilityId, request.DesiredFacilities, request.DesiredStartMonth,
            request.DesiredDays ?? [], request.CareReason?.Trim(), request.PriorityReasons ?? [], adjustments, request.WideArea));
        return new PlacementApplicationCreated(id, number, 1);
    }
}
