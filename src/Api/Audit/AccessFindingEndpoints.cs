using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Audit;
using KosodateShien.Domain.Audit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Audit;

/// <summary>The period to review: 開始日 and 終了日 (JST days, inclusive).</summary>
public sealed record AccessReviewRequest(DateOnly From, DateOnly To) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (To < From) errors.Add("to", "must not be before from.");
        else if (To.DayNumber - From.DayNumber > 31) errors.Add("to", "a review covers at most 31 days.");
    }
}

/// <summary>確認: what the supervisor found (内容), and the version read.</summary>
public sealed record AccessFindingAcknowledgement(string Note, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("note", Note, 1_000);
        errors.Version(Version);
    }
}

public static class AccessFindingEndpoints
{
    /// <summary>
    /// アクセス記録の分析 of a period (the scheduler does yesterday's by itself every day): many people read by one user in an
    /// hour, reads outside office hours, repeated refusals, per the review rules in force. Safe to repeat.
    /// </summary>
    [Tags("Audit 監査")]
    [Authorize(Policy = Policies.ReviewAccess)]
    [WolverinePost("/api/access-reviews", OperationId = "ReviewAccessLog")]
    public static async Task<AccessReviewResult> Review(AccessReviewRequest request, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.To, clock, "to");
        return await bus.InvokeAsync<AccessReviewResult>(new ReviewAccessLog(request.From, request.To), ct);
    }

    /// <summary>所見 of the access log review, newest hour first: all, or only <c>open</c> (not yet acknowledged) ones.</summary>
    [Tags("Audit 監査")]
    [Authorize(Policy = Policies.ReadAccessFindings)]
    [WolverineGet("/api/access-findings", OperationId = "ListAccessFindings")]
    public static async Task<IReadOnlyList<AccessFinding>> List(bool? open, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<AccessFinding>().AsQueryable();
        if (open == true) query = query.Where(f => f.Acknowledgement == null);
        return await query.OrderByDescending(f => f.Hour).Take(1_000).ToListAsync(ct);
    }

    /// <summary>確認 of a finding by a supervisor (not the user it is about).</summary>
    [Tags("Audit 監査")]
    [Authorize(Policy = Policies.ReviewAccess)]
    [WolverinePost("/api/access-findings/{id}/acknowledgement", OperationId = "AcknowledgeAccessFinding")]
    public static (UpdatedAggregate, Events) Acknowledge(AccessFindingAcknowledgement request, [WriteAggregate] AccessFinding finding, HttpContext context, TimeProvider clock) =>
        (new UpdatedAggregate(), [finding.AtVersion(request.Version).Acknowledge(context.User.Identity?.Name ?? "", clock.GetUtcNow(), request.Note.Trim())]);
}
