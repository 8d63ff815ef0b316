using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>支給認定の決定: approve (認定) or reject (却下, with 却下理由).</summary>
/// <param name="DecisionDate">支給認定年月日 / 支給認定却下年月日</param>
/// <param name="Reason">支給認定却下理由 (required to reject)</param>
public sealed record DecisionRequest(DateOnly DecisionDate, bool Approve, int Version, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Approve) errors.Optional("reason", Reason, 500);
        else errors.Required("reason", Reason, 500);
    }
}

/// <summary>認定延期通知 (法20条6項ただし書): the decision will take longer than 30 days.</summary>
public sealed record PostponementRequest(DateOnly NoticeDate, DateOnly NewDueDate, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 500);
    }
}

public static class DecideCertificationEndpoints
{
    /// <summary>
    /// Decide an application: approve (支給認定区分 from age and need, 保育必要量 from the hours, 有効期間, 支給認定者番号)
    /// or reject with a reason. A 3号 certification that runs past 満3歳 schedules its own change to 2号.
    /// </summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/certifications/{id}/decision", OperationId = "DecideCertification")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Decide(DecisionRequest request, [WriteAggregate] CertificationState certification,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        certification.AtVersion(request.Version);
        DateChecks.NotInFuture(request.DecisionDate, clock, "decisionDate");
        if (!request.Approve)
            return (new UpdatedAggregate(), new Events([certification.Reject(request.DecisionDate, request.Reason!)]), []);

        var assessment = await CertificationFacts.AssessAsync(session, certification, certification.StartDate, certification.DesiredTo, certification.Needs, ct);
        var number = await session.NextCertificationNumberAsync(JapaneseDates.FiscalYearOf(request.DecisionDate), ct);
        var approved = certification.Approve(request.DecisionDate, number, assessment);
        return (new UpdatedAggregate(), new Events([approved]), [.. CertificationFacts.AgeThreeSchedule(CertificationState.Evolve(certification, approved)!)]);
    }

    /// <summary>Postpone the decision beyond 30 days (認定延期通知).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/certifications/{id}/postponement", OperationId = "PostponeCertificationDecision")]
    public static (UpdatedAggregate, Events) Postpone(PostponementRequest request, [WriteAggregate] CertificationState certification, TimeProvider clock)
    {
        DateChecks.NotInFuture(request.NoticeDate, clock, "noticeDate");
        return (new UpdatedAggregate(), new Events([certification.AtVersion(request.Version).Postpone(request.NoticeDate, request.NewDueDate, request.Reason)]));
    }
}
