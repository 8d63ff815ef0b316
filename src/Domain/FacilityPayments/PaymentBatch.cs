using System.Text.Json.Serialization;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>Where a payment batch stands.</summary>
public enum PaymentBatchStatus
{
    /// <summary>作成済 (awaiting the second person's approval)</summary>
    [JsonStringEnumMemberName("created")] Created,
    /// <summary>承認済 (the file may be made and sent)</summary>
    [JsonStringEnumMemberName("approved")] Approved,
    /// <summary>振込完了</summary>
    [JsonStringEnumMemberName("completed")] Completed,
}

/// <summary>
/// 支払バッチ (per 振込指定日): the write model. Made from the approved claims' amounts not yet paid (確定 + 支払調整, netted per
/// facility), approved by a second person, written as a 全銀 総合振込 file, then completed or failed per facility.
/// </summary>
public sealed record PaymentBatch(
    Guid Id,
    DateOnly TransferDate,
    DebitConsignor Consignor,
    IReadOnlyList<PaymentItem> Items,
    PaymentBatchStatus Status,
    string CreatedBy,
    string? ApprovedBy,
    string? FileSha256,
    IReadOnlyList<Guid> FailedFacilities) : IStreamVersioned
{
    public int Version { get; set; }

    public long Total => Items.Sum(i => i.Amount);

    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(PaymentBatchApproved),
        typeof(PaymentBatchCreated),
        typeof(TransferCompleted),
        typeof(TransferFailed),
        typeof(TransferFileGenerated),
    ];

    public static PaymentBatch? Evolve(PaymentBatch? state, object @event) => (state, @event) switch
    {
        (null, PaymentBatchCreated e) => new PaymentBatch(e.BatchId, e.TransferDate, e.Consignor, e.Items, PaymentBatchStatus.Created, e.CreatedBy, null, null, []),
        (not null, PaymentBatchApproved e) => state with { Status = PaymentBatchStatus.Approved, ApprovedBy = e.ApprovedBy },
        (not null, TransferFileGenerated e) => state with { FileSha256 = e.Sha256 },
        (not null, TransferCompleted) => state with { Status = PaymentBatchStatus.Completed },
        (not null, TransferFailed e) => state with { FailedFacilities = [.. state.FailedFacilities, e.FacilityId] },
        _ => state,
    };

    /// <summary>
    /// The batch for a 振込指定日 from what each facility is owed: every claim with an unscheduled amount, summed per facility; a
    /// facility whose total is not positive (a 支払調整 larger than what it is owed) is left out and its claims stay open for a
    /// 返還 or the next batch. A facility with no account on the day is refused, naming it.
    /// </summary>
    public static PaymentBatchCreated Create(Guid batchId, DateOnly transferDate, DebitConsignor consignor, IEnumerable<FacilityClaim> claims,
        IReadOnlyDictionary<Guid, (string Number, BankAccount? Account)> facilities, string createdBy, DateOnly createdOn)
    {
        if (transferDate < createdOn) throw new DomainRuleException("payment-batch.date-past", "The 振込指定日 must not be before today.", "transferDate");
        var items = new List<PaymentItem>();
        foreach (var group in claims.Where(c => c.Unscheduled != 0).GroupBy(c => c.FacilityId).OrderBy(g => facilities[g.Key].Number, StringComparer.Ordinal))
        {
            var total = group.Sum(c => c.Unscheduled);
            if (total <= 0) continue;
            var (number, account) = facilities[group.Key];
            if (account is null)
                throw new DomainRuleException("payment-batch.no-account", $"Facility {number} has no 事業所口座 on {transferDate:yyyy-MM-dd}.", "transferDate");
            var shares = group.OrderBy(c => c.Month).Select(c => new ClaimShare(c.Id, c.Month, c.Unscheduled)).ToList();
            items.Add(new PaymentItem(group.Key, number, shares, account, total, $"{transferDate:yyMMdd}{items.Count + 1:D4}"));
        }
        if (items.Count == 0) throw new DomainRuleException("payment-batch.nothing-owed", "No approved claim has an amount left to pay.");
        return new PaymentBatchCreated(batchId, transferDate, consignor, items, createdBy, createdOn);
    }

    /// <summary>承認 by a second person.</summary>
    public PaymentBatchApproved Approve(string approvedBy, DateOnly approvedOn)
    {
        if (Status != PaymentBatchStatus.Created) throw new DomainRuleException("payment-batch.not-created", "Only a batch awaiting approval is approved.");
        if (string.Equals(approvedBy, CreatedBy, StringComparison.Ordinal))
            throw new DomainRuleException("payment-batch.four-eyes", "The batch must be approved by someone other than the staff member who made it.");
        return new PaymentBatchApproved(Id, approvedBy, approvedOn);
    }

    /// <summary>
    /// The 全銀 総合振込 file of an approved batch, the same bytes every time (its hash is recorded at approval). A payment that
    /// fails is paid again in a later batch, never by editing this one.
    /// </summary>
    public TransferFile File()
    {
        if (Status == PaymentBatchStatus.Created) throw new DomainRuleException("payment-batch.not-approved", "The batch is not approved yet: no file is made before the second person's approval.");
        return FileOf(Consignor, TransferDate, Items);
    }

    public static TransferFile FileOf(DebitConsignor consignor, DateOnly transferDate, IReadOnlyList<PaymentItem> items) =>
        new(consignor, transferDate, [.. items.Select(i => new TransferRecord(i.Account, i.Amount, i.CustomerCode))]);

    public TransferCompleted Complete(DateOnly completedOn)
    {
        if (Status != PaymentBatchStatus.Approved) throw new DomainRuleException("payment-batch.not-approved", "Only an approved batch is completed.");
        return new TransferCompleted(Id, completedOn);
    }

    public TransferFailed Fail(Guid facilityId, string reason, DateOnly failedOn)
    {
        if (Status == PaymentBatchStatus.Created) throw new DomainRuleException("payment-batch.not-approved", "Only an approved batch has transfers that can fail.");
        if (Items.All(i => i.FacilityId != facilityId) || FailedFacilities.Contains(facilityId))
            throw new DomainRuleException("payment-batch.not-in-batch", "The facility has no live payment in this batch.", "facilityId");
        return new TransferFailed(Id, facilityId, reason, failedOn);
    }
}
