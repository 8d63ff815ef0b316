using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Contracts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>支給認定変更: new 事由 or hours (→ 保育必要量) or period from the change date, with a new 支給認定履歴番号.</summary>
/// <param name="ChangeDate">支給認定変更年月日</param>
/// <param name="Reason">支給認定変更理由</param>
/// <param name="Needs">the guardians' needs from the change date</param>
/// <param name="DesiredTo">a new end of the period (default: as applied)</param>
public sealed record ChangeCertificationRequest(DateOnly ChangeDate, string Reason, IReadOnlyList<NeedInput> Needs, int Version, DateOnly? DesiredTo = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 500);
        NeedInput.ValidateAll(errors, Needs);
    }
}

/// <summary>支給認定取消 (取消年月日, 取消理由: 転出, 事由消滅 …) or 申請取下.</summary>
public sealed record CloseCertificationRequest(DateOnly Date, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("reason", Reason, 500);
    }
}

public static class ChangeCertificationEndpoints
{
    /// <summary>Change a certification (支給認定変更): re-assessed from the change date under the rules in force then.</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/certifications/{id}/changes", OperationId = "ChangeCertification")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Change(ChangeCertificationRequest request, [WriteAggregate] CertificationState certification,
        IDocumentSession session, CancellationToken ct)
    {
        certification.AtVersion(request.Version);
        var needs = request.Needs.Select(n => n.ToDomain()).ToList();
        var assessment = await CertificationFacts.AssessAsync(session, certification, request.ChangeDate, request.DesiredTo ?? certification.DesiredTo, needs, ct);
        var changed = certification.Change(request.ChangeDate, request.Reason, needs, assessment);
        return (new UpdatedAggregate(), new Events([changed]),
            [.. CertificationFacts.AgeThreeSchedule(CertificationState.Evolve(certification, changed)!), new CertificationPeriodsChanged(certification.Id, changed.ValidFrom, "支給認定変更")]);
    }

    /// <summary>Cancel a certification (支給認定取消).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/certifications/{id}/cancellation", OperationId = "CancelCertification")]
    public static (UpdatedAggregate, Events, OutgoingMessages) Cancel(CloseCertificationRequest request, [WriteAggregate] CertificationState certification) =>
        (new UpdatedAggregate(), new Events([certification.AtVersion(request.Version).Cancel(request.Date, request.Reason)]),
            [new CertificationPeriodsChanged(certification.Id, request.Date, "支給認定取消")]);

    /// <summary>Withdraw an application before its decision (申請取下).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications/{id}/withdrawal", OperationId = "WithdrawCertificationApplication")]
    public static (UpdatedAggregate, Events) Withdraw(CloseCertificationRequest request, [WriteAggregate] CertificationState certification, TimeProvider clock)
    {
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([certification.AtVersion(request.Version).Withdraw(request.Date, request.Reason)]));
    }
}
