using KosodateShien.Domain.Collection;

namespace KosodateShien.Api.Collection;

/// <summary>
/// A 調定 as it stood on <paramref name="AsOf"/>: 状態, 調定額, 納付済額, 未納額, 過誤納額, 納期限, 時効完成日, 延滞金, 滞納繰越.
/// </summary>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="PayerId">納入義務者 (a guardian's person id)</param>
/// <param name="Subject">科目</param>
/// <param name="FiscalYear">賦課年度</param>
/// <param name="AssessmentFiscalYear">調定年度</param>
/// <param name="Month">賦課年月 (first day)</param>
/// <param name="Amount">調定額 (after every 更正 dated on or before <paramref name="AsOf"/>)</param>
/// <param name="Paid">納付済額</param>
/// <param name="Outstanding">未納額</param>
/// <param name="Overpaid">過誤納額</param>
/// <param name="DueDate">納期限</param>
/// <param name="PrescriptionDate">時効完成日</param>
/// <param name="LateFee">延滞金 assessed on it once it was paid in full after 納期限 (billed as its own charge, <paramref name="LateFeeChargeId"/>)</param>
/// <param name="CarriedForward">滞納繰越分 (carried into a later 年度 at 出納閉鎖)</param>
/// <param name="CarriedToFiscalYear">繰越年度</param>
/// <param name="Dunning">the 督促 (発行日, 指定期限, 督促手数料; 返戻日 and 公示送達 (公示日, 送達日, its 指定期限) when the 督促状 came back), when issued by <paramref name="AsOf"/></param>
/// <param name="Renewals">時効の更新 by <paramref name="AsOf"/> (督促, 一部納付, 分納誓約, 納付相談での債務承認)</param>
/// <param name="Appropriations">
/// 充当 in effect by <paramref name="AsOf"/>: received from another charge's 過誤納 (positive) or given to another charge (negative);
/// each made on <c>on</c> and in effect from its 充当適状日 <c>effectiveOn</c>
/// </param>
/// <param name="PendingAppropriations">充当 made by <paramref name="AsOf"/> that take effect later (one into a charge not yet due counts from its 納期限)</param>
/// <param name="Refunds">還付 (通知日, 額, 還付日)</param>
/// <param name="RefundDue">還付未済額</param>
/// <param name="Stopped">督促・催告停止 in force on <paramref name="AsOf"/></param>
/// <param name="Stops">督促・催告停止 (停止日, 事由, 解除日)</param>
/// <param name="Reminders">催告 (発行日, 納付期限, 停止日)</param>
/// <param name="Suspensions">滞納処分の執行停止 (執行停止日, 事由, 即時消滅, 消滅日, 取消日)</param>
/// <param name="DebitFailures">口座振替の振替不能 (振替日, 振替結果コード, 不能事由, 額)</param>
/// <param name="Version">the stream version, for writes</param>
public sealed record ChargeView(Guid Id, string CollectionNumber, Guid PayerId, Guid? HouseholdId, CollectionSubject Subject, int FiscalYear, int AssessmentFiscalYear,
    DateOnly Month, DateOnly AsOf, ChargeStatus Status, long Amount, long Paid, long Outstanding, long Overpaid, DateOnly DueDate, DateOnly PrescriptionDate, long LateFee,
    bool CarriedForward, int? CarriedToFiscalYear, DateOnly AssessedOn, int? RuleVersion, Guid? NoticeId, IReadOnlyList<ChargeCorrection> Corrections,
    IReadOnlyList<ChargePayment> Payments, DateOnly? CancelledOn, string? CancellationReason, ChargeDunning? Dunning, IReadOnlyList<PrescriptionRenewal> Renewals,
    IReadOnlyList<ChargeAppropriation> Appropriations, IReadOnlyList<ChargeAppropriation> PendingAppropriations, IReadOnlyList<ChargeRefund> Refunds, long RefundDue, Guid? LateFeeChargeId, bool Stopped,
    IReadOnlyList<ChargeCollectionStop> Stops, IReadOnlyList<ChargeReminder> Reminders, IReadOnlyList<ChargeExecutionSuspension> Suspensions,
    IReadOnlyList<Domain.Collection.DirectDebit.DirectDebitFailed> DebitFailures, int Version)
{
    public static ChargeView Of(Charge charge, DateOnly asOf)
    {
        var then = charge.AsOf(asOf);
        return new ChargeView(charge.Id, charge.CollectionNumber, charge.PayerId, charge.HouseholdId, charge.Subject, charge.FiscalYear, then.AssessmentFiscalYear,
            charge.Month, asOf, then.StatusOn(asOf), then.Amount, then.Paid, then.Outstanding, then.Overpaid, charge.DueDate, then.PrescriptionDate, then.LateFee, then.CarryForward is not null,
            then.CarryForward?.ToFiscalYear,
            charge.AssessedOn, charge.RuleVersion, charge.Source.NoticeId, then.Corrections, then.Payments, then.CancelledOn, then.CancellationReason, then.Dunning,
            then.Renewals, then.Appropriations, [.. charge.Appropriations.Where(a => a.On <= asOf && a.TakesEffectOn > asOf)], then.Refunds, then.RefundDue, then.LateFeeChargeId, then.IsStoppedOn(asOf), then.Stops ?? [], then.Reminders ?? [],
            then.Suspensions ?? [], then.DebitFailures ?? [], charge.Version);
    }
}

/// <summary>
/// 納入義務者の収納状況: every charge of the payer with the totals owed and overpaid on <paramref name="AsOf"/>.
/// </summary>
/// <param name="Outstanding">未納額 (all charges)</param>
/// <param name="Overpaid">過誤納額 not yet applied (充当) or refunded (還付)</param>
/// <param name="RefundDue">還付未済額</param>
public sealed record PayerAccount(Guid PayerId, DateOnly AsOf, long Charged, long Paid, long Outstanding, long Overpaid, long RefundDue, IReadOnlyList<ChargeView> Charges);
