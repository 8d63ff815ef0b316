using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>未提出書類: documents still missing, or documents received.</summary>
/// <param name="Documents">資料名称</param>
public sealed record DocumentsRequest(IReadOnlyList<string> Documents, DateOnly Date, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Documents.Count is 0 or > 20) errors.Add("documents", "must list 1 to 20 documents.");
        for (var i = 0; i < Documents.Count; i++) errors.Required($"documents[{i}]", Documents[i], 100);
    }
}

public enum CertificateAction { Issue, Reissue, Return }

/// <summary>認定証: issue (交付), reissue (再交付: 紛失, 記載変更 …) or return (返還).</summary>
public sealed record CertificateRequest(CertificateAction Action, DateOnly Date, int Version, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Action == CertificateAction.Issue) errors.Optional("reason", Reason, 200);
        else errors.Required("reason", Reason, 200);
    }
}

public enum StatusReportAction { Issue, Submit }

/// <summary>現況届: issue (発行) or record its submission (提出).</summary>
public sealed record StatusReportRequest(StatusReportAction Action, DateOnly Date, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

public static class CertificationPaperworkEndpoints
{
    /// <summary>Record documents still missing from the application (未提出書類).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications/{id}/missing-documents", OperationId = "RecordMissingDocuments")]
    public static (UpdatedAggregate, Events) Missing(DocumentsRequest request, [WriteAggregate] CertificationState certification) =>
        (new UpdatedAggregate(), new Events([certification.AtVersion(request.Version).RecordMissingDocuments([.. request.Documents.Select(d => d.Trim())], request.Date)]));

    /// <summary>Record documents received (書類受理).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications/{id}/documents-received", OperationId = "RecordDocumentsReceived")]
    public static (UpdatedAggregate, Events) Received(DocumentsRequest request, [WriteAggregate] CertificationState certification, TimeProvider clock)
    {
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([certification.AtVersion(request.Version).ReceiveDocuments([.. request.Documents.Select(d => d.Trim())], request.Date)]));
    }

    /// <summary>Issue, reissue or take back the certificate (認定証 交付・再交付・返還).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications/{id}/certificate", OperationId = "RecordCertificate")]
    public static async Task<(UpdatedAggregate, Events)> Certificate(CertificateRequest request, [WriteAggregate] CertificationState certification,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        certification.AtVersion(request.Version);
        DateChecks.NotInFuture(request.Date, clock, "date");
        object @event = request.Action switch
        {
            CertificateAction.Issue => certification.IssueCertificate(request.Date, await session.NextCertificateIssueNumberAsync(JapaneseDates.FiscalYearOf(request.Date), ct)),
            CertificateAction.Reissue => certification.ReissueCertificate(request.Date, await session.NextCertificateIssueNumberAsync(JapaneseDates.FiscalYearOf(request.Date), ct), request.Reason!),
            _ => certification.ReturnCertificate(request.Date, request.Reason!),
        };
        return (new UpdatedAggregate(), new Events([@event]));
    }

    /// <summary>Issue a 現況届 or record its submission.</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/certifications/{id}/status-report", OperationId = "RecordStatusReport")]
    public static (UpdatedAggregate, Events) StatusReport(StatusReportRequest request, [WriteAggregate] CertificationState certification, TimeProvider clock)
    {
        certification.AtVersion(request.Version);
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([request.Action == StatusReportAction.Issue
            ? certification.IssueStatusReport(request.Date)
            : certification.SubmitStatusReport(request.Date)]));
    }
}
