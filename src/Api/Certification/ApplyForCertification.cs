using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Registry;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>支給認定申請 (教育・保育給付認定の申請).</summary>
/// <param name="ChildId">児童 (person id)</param>
/// <param name="ApplicantId">支給認定申請者 (a guardian in the child's household)</param>
/// <param name="ApplicationDate">支給認定申請年月日</param>
/// <param name="WantsNurseryCare">保育希望有無 (false → 1号 for a child of 満3歳 or more)</param>
/// <param name="DesiredFrom">支給認定希望期間開始年月日</param>
/// <param name="DesiredTo">支給認定希望期間終了年月日 (default: until 就学)</param>
/// <param name="Needs">保育必要性の事由 per guardian</param>
/// <param name="MissingDocuments">未提出書類 (資料名称)</param>
/// <param name="Kind">支給認定申請区分</param>
/// <param name="DisclosureConsent">情報開示同意有無</param>
public sealed record ApplyForCertificationRequest(
    Guid ChildId,
    Guid ApplicantId,
    DateOnly ApplicationDate,
    bool WantsNurseryCare,
    DateOnly DesiredFrom,
    IReadOnlyList<NeedInput> Needs,
    DateOnly? DesiredTo = null,
    IReadOnlyList<string>? MissingDocuments = null,
    ApplicationKind Kind = ApplicationKind.New,
    bool DisclosureConsent = false) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("childId", ChildId);
        errors.NotEmpty("applicantId", ApplicantId);
        NeedInput.ValidateAll(errors, Needs);
        var documents = MissingDocuments ?? [];
        if (documents.Count > 20) errors.Add("missingDocuments", "must list at most 20 documents.");
        for (var i = 0; i < documents.Count; i++) errors.Required($"missingDocuments[{i}]", documents[i], 100);
    }
}

/// <summary>The new certification's id and stream version.</summary>
public sealed record CertificationCreated(Guid Id, int Version) : CreationResponse($"/api/certifications/{Id}");

public static class ApplyForCertificationEndpoint
{
    /// <summary>Receive an application for 教育・保育給付認定 (支給認定申請受付).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications", OperationId = "ApplyForCertification")]
    public static async Task<CertificationCreated> Post(ApplyForCertificationRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.ApplicationDate, clock, "applicationDate");
        var child = await session.PersonInHouseholdAsync(request.ChildId, "childId", ct);
        if (child.Membership.Role != HouseholdRole.Child)
            throw new DomainRuleException("certification.not-a-child", $"{child.Person.Name} is registered as {child.Membership.Role}, not as a child (児童).", "childId");
        if (child.Household.CurrentMember(request.ApplicantId) is not { Role: HouseholdRole.Guardian })
            throw new DomainRuleException("certification.applicant-not-guardian", "The applicant must be a guardian (保護者) in the child's household.", "applicantId");
        for (var i = 0; i < request.Needs.Count; i++)
            if (child.Household.CurrentMember(request.Needs[i].GuardianId) is not { Role: HouseholdRole.Guardian })
                throw new DomainRuleException("certification.need-not-guardian", "Each need must belong to a guardian (保護者) in the child's household.", $"needs[{i}].guardianId");

        var rules = await session.InForceOnAsync(request.DesiredFrom, ct);
        var id = Guid.CreateVersion7();
        var applied = CertificationState.Apply(id, request.ChildId, request.ApplicantId, child.Household.Id, request.ApplicationDate, request.Kind,
            request.WantsNurseryCare, request.DesiredFrom, request.DesiredTo, [.. request.Needs.Select(n => n.ToDomain())],
            [.. (request.MissingDocuments ?? []).Select(d => d.Trim())], request.DisclosureConsent, rules);
        session.Events.StartStream<CertificationState>(id, applied);
        return new CertificationCreated(id, 1);
    }
}
