namespace KosodateShien.Domain.Collection;

/// <summary>Where a 調定 came from: entered by hand, or a fee notice (賦課通知) of the contracts side and its revision.</summary>
public sealed record ChargeSource(Guid? NoticeId, int? NoticeRevision)
{
    public static ChargeSource Manual { get; } = new(null, null);
}

/// <summary>
/// 調定: a payer owes an amount for a month under one 科目, due on 納期限.
/// </summary>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="PayerId">納入義務者 (a guardian's person id)</param>
/// <param name="FiscalYear">賦課年度 (the 年度 of the month charged)</param>
/// <param name="AssessmentFiscalYear">調定年度 (the 年度 whose books carry it; 滞納繰越 moves it)</param>
/// <param name="Month">賦課年月 (first day)</param>
/// <param name="Amount">調定額</param>
/// <param name="DueDate">納期限</param>
/// <param name="InstallmentCount">期割数</param>
/// <param name="FacilityNumber">施設事業所番号, when the charge is for one facility's care</param>
/// <param name="AssessedOn">調定年月日</param>
/// <param name="RuleVersion">the collection rule version whose 納期限 was used (null when 納期限 was given by hand)</param>
public sealed record ChargeAssessed(Guid ChargeId, string CollectionNumber, Guid PayerId, Guid? HouseholdId, CollectionSubject Subject, int FiscalYear,
    int AssessmentFiscalYear, DateOnly Month, long Amount, DateOnly DueDate, int InstallmentCount, string? FacilityNumber, DateOnly AssessedOn, ChargeSource Source,
    int? RuleVersion);

/// <summary>更正: the 調定額 changes by <paramref name="Delta"/> to <paramref name="Amount"/>; a decrease below what was paid leaves an overpayment (過誤納).</summary>
/// <param name="CorrectedOn">更正年月日</param>
/// <param name="Reason">更正事由</param>
/// <param name="NoticeRevision">the fee notice revision behind it, when the contracts side revised the charge</param>
public sealed record ChargeCorrected(Guid ChargeId, long Delta, long Amount, DateOnly CorrectedOn, string Reason, int? NoticeRevision);

/// <summary>調定取消: the charge was raised in error; what was paid on it becomes an overpayment.</summary>
public sealed record ChargeCancelled(Guid ChargeId, DateOnly CancelledOn, string Reason);

/// <summary>収納: money received for the charge.</summary>
/// <param name="Amount">納付額</param>
/// <param name="PaidOn">納付日 (the day the payer paid)</param>
/// <param name="BookedOn">日計日 (the day the treasury booked it)</param>
/// <param name="Channel">収納経路</param>
/// <param name="ReceiptNumber">領収番号 (収納番号) given by the bank or the 収納代行業者, when the payment came in a receipt file</param>
/// <param name="ImportId">the receipt import (納付書・コンビニ収納データの取込) it came in</param>
/// <param name="AllocationId">the payer's payment it is a part of, when one payment for the payer was spread over several charges (収納充当)</param>
/// <param name="AllocationRuleVersion">the collection rule version whose 収納充当順位 spread it</param>
public sealed record PaymentReceived(Guid ChargeId, Guid PaymentId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel, string? ReceiptNumber = null,
    Guid? ImportId = null, Guid? AllocationId = null, int? AllocationRuleVersion = null);

/// <summary>
/// 督促: the 督促状 for the charge was issued (自治法231条の3①), with its 指定期限; it renews the 時効 (自治法236条④) from
/// <paramref name="RenewalStartsOn"/>, and charges 督促手数料 as its own 調定 when the rules set one.
/// </summary>
/// <param name="IssuedOn">督促状発行日</param>
/// <param name="DesignatedDeadline">督促状納付期限 (指定期限)</param>
/// <param name="WithinPeriod">issued within the days after 納期限 the rules allow</param>
/// <param name="RenewalStartsOn">the first day of the new 時効 period</param>
/// <param name="Fee">督促手数料 (0: none)</param>
/// <param name="FeeChargeId">the 督促手数料 charge, when there is a fee</param>
public sealed record DunningNoticeIssued(Guid ChargeId, DateOnly IssuedOn, DateOnly DesignatedDeadline, bool WithinPeriod, DateOnly RenewalStartsOn, long Fee,
    Guid? FeeChargeId, int RuleVersion);

/// <summary>充当 (out): part of this charge's 過誤納 was applied to another unpaid charge of the same payer.</summary>
/// <param name="TargetChargeId">充当先</param>
/// <param name="AppropriatedOn">the day the 充当 was made (processed)</param>
/// <param name="EffectiveOn">
/// 充当適状日 (地方税法17条の2④, 施行令6条の15 の例): the later of the target's 納期限 and the day the 過誤納 arose; the target counts as
/// paid, and this charge as having given the money, on that day. Null in events stored before it was kept: <paramref name="AppropriatedOn"/>.
/// </param>
/// <param name="BookedOn">the 日計日 the books count the 充当 under (see <see cref="ChargeAppropriation.BooksOn"/>); null: <paramref name="EffectiveOn"/></param>
public sealed record OverpaymentAppropriated(Guid ChargeId, Guid TargetChargeId, string TargetCollectionNumber, long Amount, DateOnly AppropriatedOn, string Reason,
    DateOnly? EffectiveOn = null, DateOnly? BookedOn = null);

/// <summary>充当 (in): this charge was paid, in part or whole, from another charge's 過誤納.</summary>
/// <param name="SourceChargeId">充当元</param>
/// <param name="AppropriatedOn">the day the 充当 was made (processed)</param>
/// <param name="EffectiveOn">充当適状日, the day this charge counts as paid by it (null in events stored before it was kept: <paramref name="AppropriatedOn"/>)</param>
/// <param name="BookedOn">the 日計日 the books count the 充当 under (see <see cref="ChargeAppropriation.BooksOn"/>); null: <paramref name="EffectiveOn"/></param>
public sealed record AppropriationReceived(Guid ChargeId, Guid SourceChargeId, string SourceCollectionNumber, long Amount, DateOnly AppropriatedOn, string Reason,
    DateOnly? EffectiveOn = null, DateOnly? BookedOn = null);

/// <summary>還付: the 過誤納 left after 充当 is to be paid back (還付通知日, 還付額).</summary>
public sealed record RefundDetermined(Guid ChargeId, Guid RefundId, long Amount, DateOnly NotifiedOn);

/// <summary>還付 paid out (還付済).</summary>
public sealed record RefundPaid(Guid ChargeId, Guid RefundId, DateOnly PaidOn);

/// <summary>
/// 滞納繰越: at 出納閉鎖 of <paramref name="FromFiscalYear"/> the charge was still unpaid and moves into the next 年度's books as
/// 滞納繰越分; 納期限 and the 時効 clock stay as they were.
/// </summary>
/// <param name="ToFiscalYear">繰越年度</param>
/// <param name="CarriedOn">繰越年月日 (出納閉鎖日)</param>
/// <param name="Amount">決算繰越調定額 (the amount unpaid in the books at 出納閉鎖: receipts by 日計日)</param>
public sealed record ChargeCarriedForward(Guid ChargeId, int FromFiscalYear, int ToFiscalYear, DateOnly CarriedOn, long Amount);

/// <summary>
/// 延滞金: the charge was paid after 納期限; the 延滞金 computed on it (with every period, rate and day count) is raised as its
/// own 調定 (<paramref name="LateFeeChargeId"/>).
/// </summary>
public sealed record LateFeeAssessed(Guid ChargeId, Guid LateFeeChargeId, long Amount, decimal Exact, IReadOnlyList<LateFeePeriod> Periods, int RuleVersion,
    DateOnly AssessedOn);

/// <summary>不納欠損の事由.</summary>
public enum WriteOffReason
{
    /// <summary>時効完成 (自治法236条)</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("prescription")] Prescription,
    /// <summary>滞納処分の執行停止 3年継続 (地方税法15条の7④ の例)</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("suspensionMatured")] SuspensionMatured,
    /// <summary>即時消滅 (地方税法15条の7⑤ の例)</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("immediateExtinction")] ImmediateExtinction,
}

/// <summary>不納欠損 proposed (起案): the unpaid amount, the 事由 and who proposed it; a different person approves it.</summary>
public sealed record WriteOffProposed(Guid ChargeId, DateOnly ProposedOn, WriteOffReason Reason, long Amount, string ProposedBy);

/// <summary>不納欠損処分: 年月日, 額, 事由, who proposed and who approved it. The charge owes nothing after it.</summary>
public sealed record ChargeWrittenOff(Guid ChargeId, DateOnly WrittenOffOn, WriteOffReason Reason, long Amount, string ProposedBy, string ApprovedBy);
