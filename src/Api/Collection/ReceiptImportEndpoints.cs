using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Application.Collection.Receipts;
using KosodateShien.Domain.Collection.Receipts;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>
/// A receipt import (納付書・コンビニ収納データの取込): 取込日, the file's SHA-256, 件数 and 合計金額, the payment each line
/// became, the 延滞金 raised on charges paid off late, and the payers left overpaid (their 過誤納 applied or refunded in the same transaction).
/// </summary>
/// <param name="ImportedOn">取込日</param>
/// <param name="Sha256">the file's SHA-256 (the same file cannot be imported twice)</param>
/// <param name="Count">件数</param>
/// <param name="Amount">合計金額</param>
/// <param name="Receipts">every line with the charge it paid and the payment it became</param>
/// <param name="LateFees">延滞金 raised on charges the file paid off after 納期限</param>
/// <param name="OverpaidPayers">payers the file left with a 過誤納 (applied to their other charges or refunded in the same transaction)</param>
public sealed record ReceiptImportView(Guid Id, DateOnly ImportedOn, string Sha256, int Count, long Amount, IReadOnlyList<ImportedReceipt> Receipts,
    IReadOnlyList<ImportedLateFee> LateFees, IReadOnlyList<Guid> OverpaidPayers)
{
    public static ReceiptImportView Of(ReceiptImport i) => new(i.Id, i.ImportedOn, i.Sha256, i.Count, i.Amount, i.Receipts, i.LateFees, i.OverpaidPayers);
}

/// <summary>The import just recorded, as GET answers it at <c>url</c>.</summary>
/// <param name="ImportedOn">取込日</param>
/// <param name="Sha256">the file's SHA-256 (the same file cannot be imported twice)</param>
/// <param name="Count">件数</param>
/// <param name="Amount">合計金額</param>
/// <param name="Receipts">every line with the charge it paid and the payment it became</param>
/// <param name="LateFees">延滞金 raised on charges the file paid off after 納期限</param>
/// <param name="OverpaidPayers">payers the file left with a 過誤納 (applied to their other charges or refunded in the same transaction)</param>
public sealed record ReceiptImportCreated(Guid Id, DateOnly ImportedOn, string Sha256, int Count, long Amount, IReadOnlyList<ImportedReceipt> Receipts,
    IReadOnlyList<ImportedLateFee> LateFees, IReadOnlyList<Guid> OverpaidPayers) : CreationResponse($"/api/receipts/imports/{Id}");

public static class ReceiptImportEndpoints
{
    /// <summary>
    /// Import a receipt file (納付書・コンビニ収納データ) sent as the body: CSV with a header row naming <c>collectionNumber</c>
    /// (徴収番号), <c>paidOn</c> (納付日), <c>bookedOn</c> (日計日), <c>amount</c> (金額) and optionally <c>channel</c> (収納経路:
    /// slip, counter, convenience, mobilePay; slip when left out) and <c>receiptNumber</c> (領収番号); the Japanese names are
    /// accepted as headers too. UTF-8 (with or without BOM) by default, Shift_JIS with <c>encoding=shift_jis</c>. A faulty
    /// file is refused whole (422, every line and field named: unknown 徴収番号, bad or future dates, 日計日 before 納付日,
    /// amounts, column counts, a 領収番号 twice) and nothing is recorded; so is a file imported before. Otherwise every line
    /// becomes a payment on its charge in one transaction, a charge paid off after 納期限 gets its 延滞金, and 過誤納 are
    /// applied to the payers' other charges or refunded in that same transaction.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [FileBody("text/csv", "納付書・コンビニ収納データ: CSV with a header row (collectionNumber,paidOn,bookedOn,amount[,channel][,receiptNumber]), UTF-8 or Shift_JIS.")]
    [WolverinePost("/api/receipts/imports", OperationId = "ImportReceipts")]
    public static async Task<ReceiptImportCreated> Import(HttpRequest request, string? encoding, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var fileEncoding = Encoding(encoding);
        var imported = await ReceiptImports.ImportAsync(session, await FileBody.ReadAsync(request, ct), fileEncoding, clock.TodayJst(), ct);
        return new ReceiptImportCreated(imported.Id, imported.ImportedOn, imported.Sha256, imported.Count, imported.Amount, imported.Receipts, imported.LateFees,
            imported.OverpaidPayers);
    }

    /// <summary>A receipt import: what the file held and the payment each line became.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/receipts/imports/{id}", OperationId = "GetReceiptImport")]
    public static async Task<ReceiptImportView> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        ReceiptImportView.Of(await session.LoadAsync<ReceiptImport>(id, ct) ?? throw new NotFoundException($"No receipt import {id}."));

    private static ReceiptFileEncoding Encoding(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "utf-8" or "utf8" => ReceiptFileEncoding.Utf8,
        "shift_jis" or "shift-jis" or "sjis" or "cp932" or "windows-31j" => ReceiptFileEncoding.ShiftJis,
        _ => throw new InvalidRequestException("encoding", $"is '{name}'; a receipt file is utf-8 (the default) or shift_jis."),
    };
}
