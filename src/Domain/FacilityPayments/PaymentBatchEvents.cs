using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>
/// One facility's payment in a batch: the claims' amounts it pays (確定 and 支払調整 not paid yet) and the account it is paid
/// into, as it stood when the batch was made (sealed with the facility as data subject).
/// </summary>
/// <param name="Claims">each claim and the amount of it this payment carries</param>
/// <param name="Account">事業所口座 (振込先) on the 振込指定日</param>
/// <param name="CustomerCode">顧客コード1 in the 全銀 file (for reconciliation)</param>
public sealed record PaymentItem([property: DataSubject] Guid FacilityId, string FacilityNumber, IReadOnlyList<ClaimShare> Claims, BankAccount Account, long Amount,
    string CustomerCode);

/// <summary>The part of a claim a payment carries.</summary>
public sealed record ClaimShare(Guid ClaimId, DateOnly Month, long Amount);

/// <summary>支払バッチの作成: the 振込指定日, the 委託者 (the ward's account), the items and who made it.</summary>
public sealed record PaymentBatchCreated(Guid BatchId, DateOnly TransferDate, DebitConsignor Consignor, IReadOnlyList<PaymentItem> Items, string CreatedBy, DateOnly CreatedOn);

/// <summary>支払の承認 (by a second person, not the one who made the batch).</summary>
public sealed record PaymentBatchApproved(Guid BatchId, string ApprovedBy, DateOnly ApprovedOn);

/// <summary>総合振込ファイルの作成: its SHA-256, 件数 and 合計金額.</summary>
public sealed record TransferFileGenerated(Guid BatchId, string Sha256, int Count, long Total, DateOnly GeneratedOn);

/// <summary>振込完了 on the day the bank reports.</summary>
public sealed record TransferCompleted(Guid BatchId, DateOnly CompletedOn);

/// <summary>振込不能 for one facility (組戻し, 口座相違 …): its claims' amounts are free to be paid again in a later batch.</summary>
public sealed record TransferFailed(Guid BatchId, Guid FacilityId, string Reason, DateOnly FailedOn);

/// <summary>
/// On the claim: this amount of it is in a payment batch (so no other batch takes it). The claim stream's version check makes
/// two batches made at once unable to both take the same amount.
/// </summary>
public sealed record FacilityClaimScheduled(Guid ClaimId, Guid BatchId, DateOnly TransferDate, long Amount);

/// <summary>On the claim: the batch's payment was made.</summary>
public sealed record FacilityClaimPaid(Guid ClaimId, Guid BatchId, long Amount, DateOnly PaidOn);

/// <summary>On the claim: the payment failed (振込不能); the amount is owed again (it was booked as paid when the bank reported after 振込完了).</summary>
public sealed record FacilityClaimPaymentFailed(Guid ClaimId, Guid BatchId, long Amount, string Reason, bool WasBookedPaid = false);
