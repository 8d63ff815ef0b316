using System.Security.Claims;
using System.Security.Cryptography;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using KosodateShien.Projections.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>The ward's 委託者 for the 総合振込 (<c>FacilityPayments:Transfer:*</c>), apart from the 口座振替 one.</summary>
public sealed record FacilityTransferConsignor(DebitConsignor Consignor);

/// <summary>支払バッチの作成: the 振込指定日.</summary>
public sealed record CreatePaymentBatchRequest(DateOnly TransferDate);

/// <summary>承認 or 振込完了 at the version read, with the day.</summary>
public sealed record PaymentBatchStepRequest(int Version, DateOnly On) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>振込不能 of one facility's payment (組戻し, 口座相違 …).</summary>
public sealed record TransferFailedRequest(int Version, Guid FacilityId, string Reason, DateOnly FailedOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.NotEmpty("facilityId", FacilityId);
        errors.Required("reason", Reason, 200);
    }
}

/// <summary>A batch as the 給付費支払一覧 shows it: each facility, its claims' amounts and the total.</summary>
public sealed record PaymentBatchView(Guid Id, DateOnly TransferDate, PaymentBatchStatus Status, int Count, long Total, string CreatedBy, string? ApprovedBy,
    string? FileSha256, IReadOnlyList<PaymentBatchLine> Lines, int Version)
{
    public static PaymentBatchView Of(PaymentBatch b) => new(b.Id, b.TransferDate, b.Status, b.Items.Count, b.Total, b.CreatedBy, b.ApprovedBy, b.FileSha256,
        [.. b.Items.Select(i => new PaymentBatchLine(i.FacilityId, i.FacilityNumber, i.Amount, i.Claims, b.FailedFacilities.Contains(i.FacilityId)))], b.Version);
}

/// <summary>One facility's payment: 施設番号, 振込金額, the claims (月, amount: 確定 and 支払調整) and whether it failed (振込不能).</summary>
public sealed record PaymentBatchLine(Guid FacilityId, string FacilityNumber, long Amount, IReadOnlyList<ClaimShare> Claims, bool Failed);

public static class PaymentBatchEndpoints
{
    private const string Tag = "FacilityPayments 給付費";

    /// <summary>
    /// Make the batch for a 振込指定日 from every approved claim amount not yet paid (確定 and 支払調整, netted per facility), each
    /// facility paid into its 事業所口座 of that day. Each claim records the amount taken, so no amount is in two live batches.
    /// </summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/facility-payment-batches", OperationId = "CreatePaymentBatch")]
    public static async Task<PaymentBatchView> Create(CreatePaymentBatchRequest request, IDocumentSession session, FacilityTransferConsignor consignor,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var claims = await session.ClaimsWithOpenAmountsAsync(ct);
        var facilities = (await session.LoadManyAsync<Facility>(ct, claims.Select(c => c.FacilityId).Distinct()))
            .ToDictionary(f => f.Id, f => (f.FacilityNumber, f.BankAccountOn(request.TransferDate)?.Account));
        var created = PaymentBatch.Create(Guid.CreateVersion7(), request.TransferDate, consignor.Consignor, claims, facilities, UserName(user), clock.TodayJst());
        session.Events.StartStream<PaymentBatch>(created.BatchId, created);
        // The claim's version is the one read: a batch made at the same moment that took the same claim makes this one fail (409).
        var versions = claims.ToDictionary(c => c.Id, c => c.Version);
        foreach (var share in created.Items.SelectMany(i => i.Claims))
            session.Events.Append(share.ClaimId, versions[share.ClaimId] + 1, new FacilityClaimScheduled(share.ClaimId, created.BatchId, request.TransferDate, share.Amount));
        var batch = PaymentBatch.Evolve(null, created)!;
        batch.Version = 1;
        return PaymentBatchView.Of(batch);
    }

    /// <summary>The batch (給付費支払一覧 of its 振込指定日).</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverineGet("/api/facility-payment-batches/{id}", OperationId = "GetPaymentBatch")]
    public static async Task<PaymentBatchView> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        PaymentBatchView.Of(await session.LoadAsync<PaymentBatch>(id, ct) ?? throw new NotFoundException($"There is no payment batch {id}."));

    /// <summary>承認 by a second person; the 総合振込 file's hash is recorded with it.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/facility-payment-batches/{id}/approval", OperationId = "ApprovePaymentBatch")]
    public static Task<PaymentBatchView> Approve(Guid id, PaymentBatchStepRequest request, IDocumentSession session, ClaimsPrincipal user, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, batch =>
        {
            var approved = batch.Approve(UserName(user), request.On);
            var file = PaymentBatch.FileOf(batch.Consignor, batch.TransferDate, batch.Items);
            return [approved, new TransferFileGenerated(batch.Id, Convert.ToHexStringLower(SHA256.HashData(file.ToBytes())), batch.Items.Count, file.TotalAmount, request.On)];
        }, ct);

    /// <summary>The 全銀 総合振込 file (種別コード 21: 120-byte records, Shift_JIS, CRLF) of an approved batch, the same bytes every time.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverineGet("/api/facility-payment-batches/{id}/file", OperationId = "DownloadTransferFile")]
    public static async Task<IResult> File(Guid id, IQuerySession session, CancellationToken ct)
    {
        var batch = await session.LoadAsync<PaymentBatch>(id, ct) ?? throw new NotFoundException($"There is no payment batch {id}.");
        return TypedResults.File(batch.File().ToBytes(), "application/octet-stream", $"SOFURI_{batch.TransferDate:yyyyMMdd}.txt");
    }

    /// <summary>振込完了: every payment not failed is paid, on its claims.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/facility-payment-batches/{id}/completion", OperationId = "CompletePaymentBatch")]
    public static Task<PaymentBatchView> Complete(Guid id, PaymentBatchStepRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, batch =>
        {
            var completed = batch.Complete(request.On);
            foreach (var share in batch.Items.Where(i => !batch.FailedFacilities.Contains(i.FacilityId)).SelectMany(i => i.Claims))
                session.Events.Append(share.ClaimId, new FacilityClaimPaid(share.ClaimId, batch.Id, share.Amount, request.On));
            return [completed];
        }, ct);

    /// <summary>振込不能 of one facility's payment: its claims' amounts are owed again, for a later batch.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/facility-payment-batches/{id}/failures", OperationId = "RecordTransferFailed")]
    public static Task<PaymentBatchView> Fail(Guid id, TransferFailedRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, request.Version, batch =>
        {
            var failed = batch.Fail(request.FacilityId, request.Reason.Trim(), request.FailedOn);
            // A payment already booked as paid (the bank reported after 振込完了) is owed again all the same.
            foreach (var share in batch.Items.Single(i => i.FacilityId == request.FacilityId).Claims)
                session.Events.Append(share.ClaimId,
                    new FacilityClaimPaymentFailed(share.ClaimId, batch.Id, share.Amount, request.Reason.Trim(), batch.Status == PaymentBatchStatus.Completed));
            return [failed];
        }, ct);

    private static async Task<PaymentBatchView> WriteAsync(IDocumentSession session, Guid id, int version, Func<PaymentBatch, IReadOnlyList<object>> decide,
        CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<PaymentBatch>(id, ct);
        var batch = (stream.Aggregate ?? throw new NotFoundException($"There is no payment batch {id}.")).AtVersion(version);
        var events = decide(batch);
        stream.AppendMany(events);
        var after = events.Aggregate((PaymentBatch?)batch, PaymentBatch.Evolve)!;
        after.Version = version + events.Count;
        return PaymentBatchView.Of(after);
    }

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? throw new UnauthorizedAccessException();
}
