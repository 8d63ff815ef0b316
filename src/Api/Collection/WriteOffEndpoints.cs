using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Collection;

/// <summary>The day the 不納欠損 run proposes on (起案日).</summary>
public sealed record WriteOffRunRequest(DateOnly ProposedOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        // The run looks back five years (時効) from the day; a day near 0001-01-01 cannot, and is no business day anyway.
        if (ProposedOn.Year < 1900) errors.Add("proposedOn", "must be on or after 1900-01-01.");
    }
}

/// <summary>承認日 and the version of the charge read.</summary>
public sealed record WriteOffApprovalRequest(DateOnly ApprovedOn, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>A 不納欠損 proposal awaiting approval.</summary>
public sealed record WriteOffProposalView(Guid ChargeId, string CollectionNumber, Guid PayerId, CollectionSubject Subject, DateOnly Month, DateOnly PrescriptionDate,
    WriteOffReason Reason, long Amount, DateOnly ProposedOn, string ProposedBy, int Version);

public static class WriteOffEndpoints
{
    /// <summary>
    /// The 不納欠損 run: proposes every charge still owing whose claim is extinguished on the day: 時効 completed before it, a
    /// 滞納処分の執行停止 continued 3 years, or one with 即時消滅; the 事由 is the ground that took effect first. A supervisor
    /// other than the proposer approves each. Safe to repeat: a charge with a proposal is not proposed again.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/write-offs/proposals", OperationId = "ProposeWriteOffs")]
    public static async Task<IReadOnlyList<WriteOffProposalView>> Propose(WriteOffRunRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        DateChecks.NotInFuture(request.ProposedOn, clock, "proposedOn");
        var proposer = user.Identity?.Name ?? throw new UnauthorizedAccessException();
        // 時効 is at least five years from 納期限, so only charges due before then can have completed it; a 執行停止 can
        // extinguish any charge that has one.
        var latestDue = request.ProposedOn.AddYears(-Prescription.Years);
        var candidates = await session.Query<Charge>().Where(c => c.DueDate < latestDue || c.Suspensions != null).ToListAsync(ct);
        var proposed = new List<WriteOffProposalView>();
        foreach (var charge in candidates.Where(c => c.CancelledOn is null && c.WriteOff is null && c.WriteOffProposal is null).OrderBy(c => c.CollectionNumber))
        {
            if (charge.AsOf(request.ProposedOn).Outstanding == 0 || charge.Extinction(request.ProposedOn) is not { } extinction) continue;
            var proposal = charge.ProposeWriteOff(request.ProposedOn, extinction.Reason, proposer);
            session.Events.Append(charge.Id, charge.Version + 1, proposal);
            proposed.Add(View(charge, proposal, charge.Version + 1));
        }
        return proposed;
    }

    /// <summary>不納欠損 proposals awaiting approval.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/write-offs/proposals", OperationId = "ListWriteOffProposals")]
    public static async Task<IReadOnlyList<WriteOffProposalView>> Pending(IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<Charge>().Where(c => c.WriteOffProposal != null).ToListAsync(ct))
            .Select(c => View(c, c.WriteOffProposal!, c.Version)).OrderBy(v => v.CollectionNumber, StringComparer.Ordinal)];

    /// <summary>不納欠損処分: a supervisor other than the proposer approves the proposal; the charge then owes nothing.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/charges/{id}/write-off/approval", OperationId = "ApproveWriteOff")]
    public static (UpdatedAggregate, Events) Approve(WriteOffApprovalRequest request, [WriteAggregate] Charge charge, ClaimsPrincipal user, TimeProvider clock)
    {
        charge.AtVersion(request.Version);
        DateChecks.NotInFuture(request.ApprovedOn, clock, "approvedOn");
        return (new UpdatedAggregate(), new Events([charge.ApproveWriteOff(request.ApprovedOn, user.Identity?.Name ?? throw new UnauthorizedAccessException())]));
    }

    private static WriteOffProposalView View(Charge charge, WriteOffProposed proposal, int version) =>
        new(charge.Id, charge.CollectionNumber, charge.PayerId, charge.Subject, charge.Month, charge.AsOf(proposal.ProposedOn).PrescriptionDate, proposal.Reason,
            proposal.Amount, proposal.ProposedOn, proposal.ProposedBy, version);
}
