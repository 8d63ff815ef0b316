using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>給付費請求の算定 for one facility: the month (its first day), 概算 or 確定, and why (月次算定, 退所の遡及, 加算率確定 …).</summary>
public sealed record ComputeClaimRequest(DateOnly Month, ClaimStage Stage = ClaimStage.Confirmed, string Reason = "月次算定") : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Month.Day != 1) errors.Add("month", "must be the first day of a month (YYYY-MM-01).");
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>The month's 算定 for every facility with a 施設類型 that is paid (私立 and 給付費 facilities).</summary>
public sealed record ComputeClaimsRunRequest(DateOnly Month, ClaimStage Stage = ClaimStage.Confirmed, string Reason = "月次算定") : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Month.Day != 1) errors.Add("month", "must be the first day of a month (YYYY-MM-01).");
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>承認 or 差戻し of a claim's latest revision, at the version read.</summary>
public sealed record ClaimDecisionRequest(int Version, DateOnly DecidedOn, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Optional("reason", Reason, 500);
    }
}

/// <summary>施設からの請求書: 請求書番号, 請求日, 請求額, and optionally its lines per child (the claim's child ref and 請求額).</summary>
public sealed record FacilityInvoiceRequest(int Version, string InvoiceNumber, DateOnly InvoicedOn, long Amount, IReadOnlyList<InvoiceLine>? Lines = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("invoiceNumber", InvoiceNumber, 30);
        errors.Range("amount", Amount, 0, 9_999_999_999);
        if (Lines is { Count: > 2000 }) errors.Add("lines", "must list at most 2000 children.");
        for (var i = 0; i < (Lines ?? []).Count; i++)
        {
            if (Lines![i] is null) { errors.Add($"lines[{i}]", "is required."); continue; }
            errors.Required($"lines[{i}].ref", Lines[i].Ref, 50);
            errors.Range($"lines[{i}].amount", Lines[i].Amount, 0, 100_000_000);
        }
    }
}

/// <summary>One line of the month's claims (施設別請求一覧).</summary>
public sealed record ClaimSummary(Guid Id, Guid FacilityId, DateOnly Month, string Payer, ClaimStage Stage, int Revision, ClaimStatus Status, long Amount, long ApprovedAmount,
    long PaidAmount, long Unscheduled, int Version);

public static class FacilityClaimEndpoints
{
    private const string Tag = "FacilityPayments 給付費";

    /// <summary>Compute (or recompute) a facility's claim for a month; a computation equal to the latest revision records nothing.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.RunFeeJobs)]
    [WolverinePost("/api/facilities/{id}/claims", OperationId = "ComputeFacilityClaim")]
    public static async Task<ClaimComputation> Compute(Guid id, ComputeClaimRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        var facility = await session.LoadAsync<Facility>(id, ct) ?? throw new NotFoundException($"There is no facility {id}.");
        return await FacilityClaims.ComputeAsync(session, facility, request.Month, request.Stage, request.Reason.Trim(), UserName(user), clock.TodayJst(), ct);
    }

    /// <summary>The month's claims for every paid facility (公立 and facilities missing what a claim needs are skipped, with the reason).</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.RunFeeJobs)]
    [WolverinePost("/api/facility-claims/runs", OperationId = "RunFacilityClaims")]
    public static Task<ClaimsRun> Run(ComputeClaimsRunRequest request, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        FacilityClaims.RunMonthAsync(store, request.Month, request.Stage, request.Reason.Trim(), UserName(user), clock.TodayJst(), ct);

    /// <summary>The month's claims (施設別請求一覧), in facility order.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/facility-claims", OperationId = "ListFacilityClaims")]
    public static async Task<IReadOnlyList<ClaimSummary>> List(DateOnly month, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        return [.. (await session.Query<FacilityClaim>().Where(c => c.Month == month).ToListAsync(ct)).OrderBy(c => c.FacilityId).Select(Summary)];
    }

    /// <summary>A claim with its latest revision's 積算根拠 (every line, the children, the pricing basis and versions), approvals and invoices.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/facility-claims/{id}", OperationId = "GetFacilityClaim")]
    public static async Task<FacilityClaim> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<FacilityClaim>(id, ct) ?? throw new NotFoundException($"There is no facility claim {id}.");

    /// <summary>承認 of the latest revision by a supervisor other than the preparer; a later approval carries the 支払調整.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facility-claims/{id}/approval", OperationId = "ApproveFacilityClaim")]
    public static Task<ClaimSummary> Approve(Guid id, ClaimDecisionRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, claim =>
        {
            DateChecks.NotInFuture(request.DecidedOn, clock, "decidedOn");
            return claim.Approve(UserName(user), request.DecidedOn);
        }, ct);

    /// <summary>差戻し of the latest revision (with the reason); it is computed again.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facility-claims/{id}/return", OperationId = "ReturnFacilityClaim")]
    public static Task<ClaimSummary> Return(Guid id, ClaimDecisionRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, claim =>
        {
            DateChecks.NotInFuture(request.DecidedOn, clock, "decidedOn");
            if (string.IsNullOrWhiteSpace(request.Reason)) throw new DomainRuleException("claim.reason-required", "A 差戻し needs its reason.", "reason");
            return claim.Return(request.Reason.Trim(), request.DecidedOn, UserName(user));
        }, ct);

    /// <summary>The facility's own 請求書, recorded with its difference from the ward's computation.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facility-claims/{id}/invoices", OperationId = "RecordFacilityInvoice")]
    public static Task<ClaimSummary> Invoice(Guid id, FacilityInvoiceRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, claim => claim.ReceiveInvoice(request.InvoiceNumber.Trim(), request.InvoicedOn, request.Amount, request.Lines), ct);

    private static async Task<ClaimSummary> WriteAsync(IDocumentSession session, Guid id, int version, Func<FacilityClaim, object> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<FacilityClaim>(id, ct);
        var claim = (stream.Aggregate ?? throw new NotFoundException($"There is no facility claim {id}.")).AtVersion(version);
        var @event = decide(claim);
        stream.AppendOne(@event);
        var after = FacilityClaim.Evolve(claim, @event)!;
        after.Version = version + 1;
        return Summary(after);
    }

    private static ClaimSummary Summary(FacilityClaim c) => new(c.Id, c.FacilityId, c.Month, c.Payer, c.Stage, c.Revision, c.Status, c.Latest.Amount, c.ApprovedAmount,
        c.PaidAmount, c.Unscheduled, c.Version);

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? throw new UnauthorizedAccessException();
}

public static class FacilityPaymentReportEndpoints
{
    private const string Tag = "FacilityPayments 給付費";

    /// <summary>
    /// 施設別月別支払額 and 年度精算 for a 年度: per facility and month the approved 概算 and 確定, their 精算差額, what was paid and the
    /// 処遇改善等加算 part; per facility the totals, 未払 and 返還.
    /// </summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/facility-payments", OperationId = "GetFacilityPaymentsReport")]
    public static Task<Projections.FacilityPayments.FacilityPaymentsReport> Year(int fiscalYear, IQuerySession session, CancellationToken ct) =>
        Projections.FacilityPayments.FacilityPaymentReports.YearAsync(session, fiscalYear, ct);

    /// <summary>未払・返還一覧: claims whose approved amount is not yet paid or scheduled (positive), or was overpaid (negative: 返還).</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/facility-payments/open", OperationId = "GetOpenFacilityPayments")]
    public static Task<IReadOnlyList<Projections.FacilityPayments.OpenClaimAmount>> Open(IQuerySession session, CancellationToken ct) =>
        Projections.FacilityPayments.FacilityPaymentReports.OpenAmountsAsync(session, ct);
}
