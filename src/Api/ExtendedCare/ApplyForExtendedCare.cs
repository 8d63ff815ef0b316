using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>
/// 延長保育利用申込: the child's placement (its facility is the 延長保育利用施設), 延長保育申請年月日, 希望利用期間 (within one 年度),
/// 利用形態 (月額利用 / 日額利用), 希望時間帯 and 延長保育事由.
/// </summary>
/// <param name="PlacementId">the child's 契約 (placement)</param>
/// <param name="AppliedOn">延長保育申請年月日</param>
/// <param name="RequestedFrom">希望利用期間開始年月日 (its 年度 is the one applied for)</param>
/// <param name="FeeSystem">利用形態: monthly (月額利用) or daily (日額利用)</param>
/// <param name="TimeBand">希望時間帯 / 利用区分, e.g. 18:15〜19:15</param>
/// <param name="Reason">延長保育事由 (勤務時間, 通勤時間 …)</param>
/// <param name="RequestedUntil">希望利用期間終了年月日 (default: 3/31 of the 年度)</param>
public sealed record ApplyForExtendedCareRequest(Guid PlacementId, DateOnly AppliedOn, DateOnly RequestedFrom, ExtendedCareFeeSystem FeeSystem, string TimeBand,
    string Reason, DateOnly? RequestedUntil = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("placementId", PlacementId);
        errors.Required("timeBand", TimeBand, 50);
        errors.Required("reason", Reason, 500);
        if (RequestedUntil is { } until && until < RequestedFrom) errors.Add("requestedUntil", "must not be before requestedFrom.");
    }
}

/// <summary>The new case's id, 延長保育申込受付番号 and version.</summary>
public sealed record ExtendedCareCreated(Guid Id, string ApplicationNumber, int Version) : CreationResponse($"/api/extended-care/{Id}");

public static class ApplyForExtendedCareEndpoint
{
    /// <summary>Receive a 延長保育利用申込 for one child and one 年度 (one open case per child and 年度).</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/extended-care", OperationId = "ApplyForExtendedCare")]
    public static async Task<ExtendedCareCreated> Post(ApplyForExtendedCareRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.AppliedOn, clock, "appliedOn");
        var placement = await session.LoadAsync<Placement>(request.PlacementId, ct)
            ?? throw new DomainRuleException("extended-care.unknown-placement", $"Placement {request.PlacementId} does not exist.", "placementId");
        var child = await session.LoadAsync<Person>(placement.ChildId, ct)
            ?? throw new DomainRuleException("registry.person-not-found", $"The placement's child {placement.ChildId} is not registered.", "placementId");
        var fiscalYear = JapaneseDates.FiscalYearOf(request.RequestedFrom);
        var open = await session.Query<ExtendedCareContract>().AnyAsync(c => c.ChildId == placement.ChildId && c.FiscalYear == fiscalYear
            && c.Status != ExtendedCareStatus.Rejected && c.Status != ExtendedCareStatus.Cancelled, ct);
        if (open)
            throw new DomainRuleException("extended-care.already-applied", $"The child already has an open 延長保育 case for 年度{fiscalYear}.", "placementId");

        var rules = await session.ExtendedCareRulesInForceAsync(request.RequestedFrom, ct);
        var id = Guid.CreateVersion7();
        var number = ContractNumbering.ExtendedCareApplicationNumber(fiscalYear, await session.NextAsync(ExtendedCareStoreConfiguration.ApplicationNumberSequence, ct));
        var applied = ExtendedCareContract.Apply(id, number, placement, JapaneseDates.ClassAge(child.BirthDate, fiscalYear), request.AppliedOn, request.RequestedFrom,
            request.RequestedUntil, request.FeeSystem, request.TimeBand.Trim(), request.Reason.Trim(), rules);
        session.Events.StartStream<ExtendedCareContract>(id, applied);
        return new ExtendedCareCreated(id, number, 1);
    }
}
