using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>Where the claim's latest revision stands.</summary>
public enum ClaimStatus
{
    /// <summary>算定済 (awaiting approval)</summary>
    [JsonStringEnumMemberName("computed")] Computed,
    /// <summary>承認済</summary>
    [JsonStringEnumMemberName("approved")] Approved,
    /// <summary>差戻し</summary>
    [JsonStringEnumMemberName("returned")] Returned,
}

/// <summary>An approval and the 支払調整 it carried.</summary>
public sealed record ClaimApproval(int Revision, ClaimStage Stage, long Amount, long Adjustment, string ApprovedBy, DateOnly ApprovedOn);

/// <summary>The facility's own 請求.</summary>
public sealed record FacilityInvoice(string InvoiceNumber, DateOnly InvoicedOn, long Amount, int AgainstRevision, long Difference,
    IReadOnlyList<InvoiceDiscrepancy>? Discrepancies = null);

/// <summary>
/// 給付費請求 (facility × month × paying municipality): the write model. Its revisions are computed by the ward, approved by a
/// second person or sent back; <see cref="ApprovedAmount"/> is what the ward owes for the month so far, and each approval
/// after the first carries the 支払調整 (the difference) into the next payment.
/// </summary>
/// <param name="Payer">支給認定市町村 (the municipality paying)</param>
/// <param name="Latest">the latest revision's computation (積算根拠)</param>
/// <param name="ApprovedAmount">確定した請求額: the amount of the latest approved revision (0 before any)</param>
/// <param name="ScheduledAmount">in payment batches not yet paid</param>
/// <param name="PaidAmount">支払済額</param>
public sealed record FacilityClaim(
    Guid Id,
    Guid FacilityId,
    DateOnly Month,
    string Payer,
    ClaimStage Stage,
    int Revision,
    ClaimStatus Status,
    ClaimPricing Pricing,
    FacilityMonthAmount Latest,
    string PreparedBy,
    long ApprovedAmount,
    IReadOnlyList<ClaimApproval> Approvals,
    IReadOnlyList<FacilityInvoice> Invoices,
    long ScheduledAmount = 0,
    long PaidAmount = 0) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>未払額: approved and in no batch (negative: more was paid than is now owed, a 返還 or a deduction from the next payment).</summary>
    public long Unscheduled => ApprovedAmount - ScheduledAmount - PaidAmount;

    public static Guid StreamId(Guid facilityId, DateOnly month, string payer) => NameBasedGuid.For($"facility-claim/{facilityId}/{month:yyyy-MM}/{payer}");

    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(FacilityClaimApproved),
        typeof(FacilityClaimComputed),
        typeof(FacilityClaimPaid),
        typeof(FacilityClaimPaymentFailed),
        typeof(FacilityClaimReturned),
        typeof(FacilityClaimScheduled),
        typeof(FacilityInvoiceReceived),
    ];

    public static FacilityClaim? Evolve(FacilityClaim? state, object @event) => (state, @event) switch
    {
        (null, FacilityClaimComputed e) => new FacilityClaim(e.ClaimId, e.FacilityId, e.Month, e.Payer, e.Stage, e.Revision, ClaimStatus.Computed, e.Pricing, e.Amount,
            e.PreparedBy, 0, [], []),
        (not null, FacilityClaimComputed e) => state with
        {
            Stage = e.Stage, Revision = e.Revision, Status = ClaimStatus.Computed, Pricing = e.Pricing, Latest = e.Amount, PreparedBy = e.PreparedBy,
        },
        (not null, FacilityClaimApproved e) => state with
        {
            Status = ClaimStatus.Approved, ApprovedAmount = e.Amount,
            Approvals = [.. state.Approvals, new ClaimApproval(e.Revision, state.Stage, e.Amount, e.Adjustment, e.ApprovedBy, e.ApprovedOn)],
        },
        (not null, FacilityClaimReturned) => state with { Status = ClaimStatus.Returned },
        (not null, FacilityInvoiceReceived e) => state with
        {
            Invoices = [.. state.Invoices, new FacilityInvoice(e.InvoiceNumber, e.InvoicedOn, e.Amount, e.AgainstRevision, e.Difference, e.Discrepancies)],
        },
        (not null, FacilityClaimScheduled e) => state with { ScheduledAmount = state.ScheduledAmount + e.Amount },
        (not null, FacilityClaimPaid e) => state with { ScheduledAmount = state.ScheduledAmount - e.Amount, PaidAmount = state.PaidAmount + e.Amount },
        (not null, FacilityClaimPaymentFailed { WasBookedPaid: true } e) => state with { PaidAmount = state.PaidAmount - e.Amount },
        (not null, FacilityClaimPaymentFailed e) => state with { ScheduledAmount = state.ScheduledAmount - e.Amount },
        _ => state,
    };

    /// <summary>
    /// The first computation, or a new revision (概算 → 確定, or a recomputation after a retroactive change). A revision that
    /// changes nothing (same stage, same amount and lines) is not recorded: null.
    /// </summary>
    public static FacilityClaimComputed? Compute(FacilityClaim? claim, Guid facilityId, DateOnly month, string payer, ClaimStage stage, ClaimPricing pricing,
        FacilityMonthAmount amount, DateOnly computedOn, string reason, string preparedBy)
    {
        if (claim is { Stage: ClaimStage.Confirmed } && stage == ClaimStage.Provisional)
            throw new DomainRuleException("claim.already-confirmed", $"The {month:yyyy-MM} claim is already 確定: a 概算 cannot replace it.", "stage");
        if (claim is not null && claim.Stage == stage && claim.Latest.Amount == amount.Amount && claim.Latest.Lines.SequenceEqual(amount.Lines) &&
            claim.Status != ClaimStatus.Returned)
            return null;
        return new FacilityClaimComputed(StreamId(facilityId, month, payer), facilityId, month, payer, stage, (claim?.Revision ?? 0) + 1, pricing, amount, computedOn,
            reason, preparedBy);
    }

    /// <summary>承認 by someone other than the preparer; the 支払調整 is the difference from the amount approved before.</summary>
    public FacilityClaimApproved Approve(string approvedBy, DateOnly approvedOn)
    {
        if (Status != ClaimStatus.Computed)
            throw new DomainRuleException("claim.not-computed", $"Revision {Revision} is {Status.ToString().ToLowerInvariant()}: only a computed revision is approved.");
        if (string.Equals(approvedBy, PreparedBy, StringComparison.Ordinal))
            throw new DomainRuleException("claim.four-eyes", "The claim must be approved by someone other than the staff member who computed it.");
        return new FacilityClaimApproved(Id, Revision, Latest.Amount, Approvals.Count == 0 ? 0 : Latest.Amount - ApprovedAmount, PreparedBy, approvedBy, approvedOn);
    }

    public FacilityClaimReturned Return(string reason, DateOnly returnedOn, string returnedBy)
    {
        if (Status != ClaimStatus.Computed)
            throw new DomainRuleException("claim.not-computed", $"Revision {Revision} is {Status.ToString().ToLowerInvariant()}: only a computed revision is sent back.");
        return new FacilityClaimReturned(Id, Revision, reason, returnedOn, returnedBy);
    }

    /// <summary>
    /// The facility's own 請求, diffed against the latest revision: on the total, and child by child when it sends its lines
    /// (the ward's line for a child is its 公定価格 less the fee deducted).
    /// </summary>
    public FacilityInvoiceReceived ReceiveInvoice(string invoiceNumber, DateOnly invoicedOn, long amount, IReadOnlyList<InvoiceLine>? lines = null)
    {
        if (Invoices.Any(i => i.InvoiceNumber == invoiceNumber))
            throw new DomainRuleException("claim.invoice-duplicate", $"請求書番号 {invoiceNumber} is already recorded.", "invoiceNumber");
        if (lines is not null && lines.Select(l => l.Ref).Distinct(StringComparer.Ordinal).Count() != lines.Count)
            throw new DomainRuleException("claim.invoice-line-duplicate", "Each child appears once in the 請求's lines.", "lines");
        IReadOnlyList<InvoiceDiscrepancy>? discrepancies = null;
        if (lines is not null)
        {
            var computed = Latest.Children.ToDictionary(c => c.Ref, c => c.PublicPrice - c.FeeDeducted, StringComparer.Ordinal);
            var claimed = lines.ToDictionary(l => l.Ref, l => l.Amount, StringComparer.Ordinal);
            discrepancies = [.. computed.Keys.Union(claimed.Keys).Order(StringComparer.Ordinal)
                .Select(r => new InvoiceDiscrepancy(r, claimed.TryGetValue(r, out var c) ? c : null, computed.TryGetValue(r, out var w) ? w : null))
                .Where(d => d.Claimed != d.Computed)];
        }
        return new FacilityInvoiceReceived(Id, invoiceNumber, invoicedOn, amount, Revision, amount - Latest.Amount, discrepancies);
    }
}
