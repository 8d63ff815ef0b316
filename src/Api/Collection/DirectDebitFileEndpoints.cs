using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Application.Collection.DirectDebit;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>振替日 of the request to make.</summary>
public sealed record DirectDebitExportRequest(DateOnly DebitDate) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
    }
}

/// <summary>A 振替依頼: 振替日, 合計件数, 合計金額, the file's SHA-256 and where to download it; the results once imported.</summary>
public sealed record DirectDebitExportView(Guid Id, DateOnly DebitDate, DateOnly CreatedOn, int Count, long Amount, string Sha256, string File,
    DirectDebitResultsImported? Results)
{
    public static DirectDebitExportView Of(DirectDebitExport e) =>
        new(e.Id, e.DebitDate, e.CreatedOn, e.Count, e.Amount, e.Sha256, $"/api/direct-debit/exports/{e.Id}/file", e.Results);
}

/// <summary>The new 振替依頼: 合計件数, 合計金額, the file's SHA-256 and where to download it.</summary>
public sealed record DirectDebitExportCreated(Guid Id, DateOnly DebitDate, int Count, long Amount, string Sha256, string File)
    : CreationResponse($"/api/direct-debit/exports/{Id}");

public static class DirectDebitFileEndpoints
{
    /// <summary>
    /// Make the 口座振替依頼データ for a 振替日: one line per running 口座振替 drawing its payer's unpaid charges due by then
    /// (this month's, and 再振替 of months a previous 振替 failed). Download the 全銀 file from <c>file</c>.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/direct-debit/exports", OperationId = "CreateDirectDebitExport")]
    public static async Task<DirectDebitExportCreated> Export(DirectDebitExportRequest request, IDocumentSession session, DebitConsignor consignor, TimeProvider clock,
        CancellationToken ct)
    {
        var today = clock.TodayJst();
        if (request.DebitDate < today) throw new DomainRuleException("direct-debit.debit-date-past", "The 振替日 has passed; a request is made before it.", "debitDate");
        var requested = await DirectDebitExports.RequestAsync(session, request.DebitDate, consignor, today, ct);
        return new DirectDebitExportCreated(requested.ExportId, requested.DebitDate, requested.Count, requested.Amount, requested.Sha256,
            $"/api/direct-debit/exports/{requested.ExportId}/file");
    }

    /// <summary>A 振替依頼 and, once imported, its results (振替済/振替不能 件数・金額 and the code of each line).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverineGet("/api/direct-debit/exports/{id}", OperationId = "GetDirectDebitExport")]
    public static async Task<DirectDebitExportView> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        DirectDebitExportView.Of(await session.LoadAsync<DirectDebitExport>(id, ct) ?? throw new NotFoundException($"No 振替依頼 {id}."));

    /// <summary>The 全銀 file of a 振替依頼 (120-byte records, Shift_JIS, CRLF), the same bytes every time.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverineGet("/api/direct-debit/exports/{id}/file", OperationId = "DownloadDirectDebitFile")]
    public static async Task<IResult> Download(Guid id, IQuerySession session, CancellationToken ct)
    {
        var export = await session.LoadAsync<DirectDebitExport>(id, ct) ?? throw new NotFoundException($"No 振替依頼 {id}.");
        var request = await DirectDebitExports.RequestOfAsync(session, id, ct);
        return TypedResults.File(DirectDebitExport.File(request).ToBytes(), "application/octet-stream", $"KOFURI_{export.DebitDate:yyyyMMdd}.txt");
    }

    /// <summary>
    /// Import the bank's 振替結果 file (the body, as the bank sent it). A faulty file, or one that does not answer a request
    /// line for line, is refused whole (422, every line and field named) and nothing is recorded. 振替済 lines become
    /// payments (日計日 <c>bookedOn</c>, the 振替日 when left out); the others 振替不能 with their 不能事由; codes 2, 3 and 4 end
    /// the 口座振替. A debit of a charge paid meanwhile leaves a 過誤納, applied (充当) or refunded (還付) in the same transaction.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [FileBody("application/octet-stream", "The bank's 全銀 振替結果 file: 120-byte records, Shift_JIS, CRLF.")]
    [WolverinePost("/api/direct-debit/results", OperationId = "ImportDirectDebitResults")]
    public static async Task<DebitResultsSummary> ImportResults(HttpRequest request, DateOnly? bookedOn, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (bookedOn is { } booked) DateChecks.NotInFuture(booked, clock, "bookedOn");
        return await DirectDebitResults.ImportAsync(session, await FileBody.ReadAsync(request, ct), clock.TodayJst(), bookedOn, ct);
    }
}
