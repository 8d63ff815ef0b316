using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>Where a 調定 stands on a day.</summary>
public enum ChargeStatus
{
    /// <summary>未納, 納期限 not yet passed</summary>
    [JsonStringEnumMemberName("open")] Open,
    /// <summary>一部納付, 納期限 not yet passed</summary>
    [JsonStringEnumMemberName("partiallyPaid")] PartiallyPaid,
    /// <summary>滞納: something is still owed after 納期限</summary>
    [JsonStringEnumMemberName("overdue")] Overdue,
    /// <summary>完納</summary>
    [JsonStringEnumMemberName("paid")] Paid,
    /// <summary>過誤納: more was received than is owed</summary>
    [JsonStringEnumMemberName("overpaid")] Overpaid,
    /// <summary>調定取消</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    /// <summary>不納欠損</summary>
    [JsonStringEnumMemberName("writtenOff")] WrittenOff,
}

/// <summary>A 更正 as the charge keeps it.</summary>
public sealed record ChargeCorrection(DateOnly CorrectedOn, long Delta, long Amount, string Reason);

/// <summary>
/// The 督促 as the charge keeps it: as issued, and, when the 督促状 came back (返戻), the 公示送達 that served it. A returned
/// 督促状 counts only from its 公示送達: until then it has no 指定期限 running and renews no 時効.
/// </summary>
/// <param name="IssuedOn">督促状発行日</param>
/// <param name="DesignatedDeadline">督促状納付期限 (指定期限) as issued</param>
/// <param name="WithinPeriod">issued within the days after 納期限 the rules allow</param>
/// <param name="RenewalStartsOn">the first day of the renewed 時効 period as issued</param>
/// <param name="Fee">督促手数料 (0: none)</param>
/// <param name="FeeChargeId">the 督促手数料 charge, when there is a fee</param>
/// <param name="ReturnedOn">返戻日</param>
/// <param name="PublicNotice">公示送達 (公示日, the day it is deemed served, the 指定期限 and 時効 counted from it)</param>
public sealed record ChargeDunning(DateOnly IssuedOn, DateOnly DesignatedDeadline, bool WithinPeriod, DateOnly RenewalStartsOn, long Fee, Guid? FeeChargeId,
    DateOnly? ReturnedOn = null, DunningPublicNotice? PublicNotice = null)
{
    /// <summary>The day the 督促 counts from: the issue date, or for a returned 督促状 the day its 公示送達 took effect (none before).</summary>
    public DateOnly? ServedOn => ReturnedOn is null ? IssuedOn : PublicNotice?.ServedOn;

    /// <summary>The 指定期限 that runs: as issued, or the one counted from the 公示送達 (none while a returned 督促状 is not served).</summary>
    public DateOnly? DeadlineInForce => ReturnedOn is null ? DesignatedDeadline : PublicNotice?.DesignatedDeadline;

    /// <summary>The first day of the 時効 period the 督促 renews (none while a returned 督促状 is not served).</summary>
    public DateOnly? RenewalInForce => ReturnedOn is null ? RenewalStartsOn : PublicNotice?.RenewalStartsOn;

    /// <summary>The 督促 as it stood at the end of <paramref name="day"/>: a 返戻 or 公示 dated after it left out.</summary>
    public ChargeDunning AsOf(DateOnly day) => this with
    {
        ReturnedOn = ReturnedOn <= day ? ReturnedOn : null,
        PublicNotice = PublicNotice?.PostedOn <= day ? PublicNotice : null,
    };
}

/// <summary>公示送達 of a returned 督促状.</summary>
/// <param name="PostedOn">公示日</param>
/// <param name="ServedOn">送達があつたものとみなされる日 (公示日から起算して7日を経過した日)</param>
/// <param name="DesignatedDeadline">督促状納付期限 (指定期限) counted from <paramref name="ServedOn"/></param>
/// <param name="RenewalStartsOn">the first day of the renewed 時効 period</param>
/// <param name="RuleVersion">the collection rule version whose 指定期限 and 時効 days were used</param>
public sealed record DunningPublicNotice(DateOnly PostedOn, DateOnly ServedOn, DateOnly DesignatedDeadline, DateOnly RenewalStartsOn, int RuleVersion);

/// <summary>督促停止・催告停止 as the charge keeps it.</summary>
/// <param name="StoppedOn">停止日</param>
/// <param name="Reason">停止事由</param>
/// <param name="LiftedOn">停止解除日 (none while it lasts)</param>
public sealed record ChargeCollectionStop(DateOnly StoppedOn, string Reason, DateOnly? LiftedOn);

/// <summary>A 催告 as the charge keeps it.</summary>
/// <param name="IssuedOn">催告書発行日</param>
/// <param name="PayBy">催告書納付期限</param>
/// <param name="StoppedOn">停止日, when collection was stopped while the 催告 was running</param>
public sealed record ChargeReminder(DateOnly IssuedOn, DateOnly PayBy, DateOnly? StoppedOn);

/// <summary>滞納処分の執行停止 as the charge keeps it.</summary>
/// <param name="SuspendedOn">執行停止日</param>
/// <param name="Ground">執行停止事由</param>
/// <param name="ImmediateExtinction">即時消滅 (地方税法15条の7⑤ の例)</param>
/// <param name="RevokedOn">執行停止取消日</param>
/// <param name="RevocationReason">取消事由</param>
public sealed record ChargeExecutionSuspension(DateOnly SuspendedOn, SuspensionGround Ground, bool ImmediateExtinction, DateOnly? RevokedOn, string? RevocationReason)
{
    /// <summary>地方税法15条の7④ の例: the years the stop must continue to extinguish the claim.</summary>
    public const int Years = 3;

    /// <summary>
    /// 消滅日: the last day of the 3 years the stop must continue, counted from the day after 執行停止日 (民法140条) and ending
    /// per 民法143条; the claim is extinguished at its end. For 即時消滅, 執行停止日 itself.
    /// </summary>
    public DateOnly ExtinctionDate => ImmediateExtinction ? SuspendedOn : JapaneseDates.PeriodEnd(SuspendedOn.AddDays(1), Years * 12);
}

/// <summary>時効の更新: a new period starting on <paramref name="StartsOn"/> because of <paramref name="Cause"/> (督促, 承認 by 一部納付, 分納誓約 or 納付相談) on <paramref name="On"/>.</summary>
public sealed record PrescriptionRenewal(DateOnly On, DateOnly StartsOn, string Cause);

/// <summary>滞納繰越 as the charge keeps it: 繰越年度, 繰越年月日, 決算繰越調定額.</summary>
public sealed record ChargeCarryForward(int FromFiscalYear, int ToFiscalYear, DateOnly CarriedOn, long Amount);

/// <summary>A 充当 as the charge keeps it: <paramref name="Amount"/> positive when received from another charge, negative when given to one.</summary>
/// <param name="On">the day it was made (processed)</param>
/// <param name="EffectiveOn">充当適状日: the day it takes effect (null for a snapshot written before the day was kept)</param>
/// <param name="BookedOn">the 日計日 it counts under in the books (null for a snapshot written before the day was kept)</param>
public sealed record ChargeAppropriation(DateOnly On, Guid OtherChargeId, string OtherCollectionNumber, long Amount, string Reason, DateOnly? EffectiveOn = null,
    DateOnly? BookedOn = null)
{
    /// <summary>充当適状日: the day the target counts as paid and the source as having given the money (as-of views, 延滞金, 時効).</summary>
    [JsonIgnore] public DateOnly TakesEffectOn => EffectiveOn ?? On;

    /// <summary>
    /// The 日計日 the books count the 充当 under (収納率, 出納閉鎖): its 充当適状日, or, when the receipt whose excess it moves was
    /// booked later than that (a payment made on 5/31 and booked on 6/1), that receipt's 日計日, for the books cannot move money
    /// before they hold it. Like a payment's 日計日 against its 納付日: 延滞金 and 時効 follow the 充当適状日, the books this day.
    /// </summary>
    [JsonIgnore] public DateOnly BooksOn => BookedOn ?? TakesEffectOn;
}

/// <summary>A 還付 as the charge keeps it (還付通知日, 還付額, 還付日 once paid out).</summary>
public sealed record ChargeRefund(Guid RefundId, long Amount, DateOnly NotifiedOn, DateOnly? PaidOn);

/// <summary>A payment as the charge keeps it.</summary>
/// <param name="Amount">納付額</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Channel">収納経路</param>
/// <param name="ReceiptNumber">領収番号 (収納番号), when the payment came in a receipt file</param>
/// <param name="ImportId">the receipt import it came in</param>
/// <param name="AllocationId">the payer's payment it is a part of (収納充当 over the payer's charges)</param>
/// <param name="AllocationRuleVersion">the collection rule version whose 収納充当順位 spread that payment</param>
public sealed record ChargePayment(Guid PaymentId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel, string? ReceiptNumber = null, Guid? ImportId = null,
    Guid? AllocationId = null, int? AllocationRuleVersion = null);

/// <summary>
/// 調定: the write model of one charge stream (payer × 賦課年度 × month × 科目), whose id is derived from that key so that
/// the monthly 調定 and a re-run land on the same stream. Amounts owed and paid are folded from the events; the view
/// <see cref="AsOf"/> answers for any day, leaving out corrections and payments after it.
/// </summary>
/// <param name="OriginalAmount">the 調定額 first assessed</param>
/// <param name="Amount">the 調定額 after every 更正</param>
public sealed partial record Charge(
    Guid Id,
    string CollectionNumber,
    Guid PayerId,
    Guid? HouseholdId,
    CollectionSubject Subject,
    int FiscalYear,
    int AssessmentFiscalYear,
    DateOnly Month,
    long OriginalAmount,
    long Amount,
    DateOnly DueDate,
    int InstallmentCount,
    string? FacilityNumber,
    DateOnly AssessedOn,
    ChargeSource Source,
    int? RuleVersion,
    IReadOnlyList<ChargeCorrection> Corrections,
    IReadOnlyList<ChargePayment> Payments,
    IReadOnlyList<ChargeAppropriation> Appropriations,
    IReadOnlyList<ChargeRefund> Refunds,
    DateOnly? CancelledOn = null,
    string? CancellationReason = null,
    ChargeDunning? Dunning = null,
    IReadOnlyList<ChargeCarryForward>? CarryForwards = null,
    long LateFee = 0,
    Guid? LateFeeChargeId = null,
    DateOnly? LateFeeAssessedOn = null,
    WriteOffProposed? WriteOffProposal = null,
    ChargeWrittenOff? WriteOff = null,
    IReadOnlyList<InstallmentPlanAcknowledged>? Plans = null,
    IReadOnlyList<ChargeCollectionStop>? Stops = null,
    IReadOnlyList<ChargeReminder>? Reminders = null,
    IReadOnlyList<ChargeExecutionSuspension>? Suspensions = null,
    IReadOnlyList<DebtAcknowledged>? Acknowledgements = null,
    IReadOnlyList<DirectDebit.DirectDebitFailed>? DebitFailures = null) : IStreamVersioned
{
    /// <summary>The latest 滞納繰越, if the charge was carried into a later 年度's books.</summary>
    public ChargeCarryForward? CarryForward => CarryForwards is [.., var last] ? last : null;

    public int Version { get; set; }

    /// <summary>納付済額: payments and what other charges' 過誤納 paid into it (充当).</summary>
    public long Paid => Payments.Sum(p => p.Amount) + Appropriations.Where(a => a.Amount > 0).Sum(a => a.Amount);

    /// <summary>What left the charge again: its 過誤納 applied elsewhere (充当) or to be refunded (還付).</summary>
    private long Released => -Appropriations.Where(a => a.Amount < 0).Sum(a => a.Amount) + Refunds.Sum(r => r.Amount);

    /// <summary>未納額 (0 when cancelled).</summary>
    public long Outstanding => CancelledOn is not null || WriteOff is not null ? 0 : Math.Max(0, Amount - (Paid - Released));

    /// <summary>過誤納額 not yet applied (充当) or refunded (還付): received beyond what is owed (everything received, once cancelled).</summary>
    public long Overpaid => CancelledOn is not null ? Paid - Released : Math.Max(0, Paid - Released - (Amount - (WriteOff?.Amount ?? 0)));

    /// <summary>
    /// 収納額 kept against the 調定額: payments and 充当 received, less 充当 given, 還付 and the 過誤納 not yet settled
    /// (0 once cancelled). Not cancelled, it makes 調定額 = 収納額 + 不納欠損額 + 未納額.
    /// </summary>
    public long Collected => Paid - Released - Overpaid;

    /// <summary>
    /// The latest day anything lowered what is owed (a payment's 納付日, a 充当 received on its 充当適状日, a 更正, 取消 or
    /// 不納欠損): a charge owing nothing now owed nothing on any day from then on. Reports filter on it in SQL to find what was
    /// owing on a past day.
    /// </summary>
    public DateOnly? LastReductionOn =>
        Payments.Select(p => (DateOnly?)p.PaidOn)
            .Concat(Appropriations.Where(a => a.Amount > 0).Select(a => (DateOnly?)a.TakesEffectOn))
            .Concat(Corrections.Select(c => (DateOnly?)c.CorrectedOn))
            .Append(CancelledOn).Append(WriteOff?.WrittenOffOn)
            .Max();

    /// <summary>還付未済額</summary>
    public long RefundDue => Refunds.Where(r => r.PaidOn is null).Sum(r => r.Amount);

    /// <summary>
    /// 時効の更新 in the order they happened: the 督促 once served (a returned 督促状 from its 公示送達; 催告 renews nothing), a 分納誓約,
    /// a 債務承認 in a 納付相談, and every payment that left something owed (承認, 民法152条). One made after the period had already
    /// run out renews nothing (the claim was extinguished).
    /// </summary>
    public IReadOnlyList<PrescriptionRenewal> Renewals
    {
        get
        {
            var causes = new List<PrescriptionRenewal>();
            if (Dunning is { ServedOn: { } servedOn, RenewalInForce: { } renewalStarts })
                causes.Add(new PrescriptionRenewal(servedOn, renewalStarts, Dunning.PublicNotice is null ? "督促" : "督促 (公示送達)"));
            foreach (var plan in Plans ?? []) causes.Add(new PrescriptionRenewal(plan.AgreedOn, plan.AgreedOn.AddDays(1), "承認 (分納誓約)"));
            foreach (var acknowledged in Acknowledgements ?? [])
                causes.Add(new PrescriptionRenewal(acknowledged.AcknowledgedOn, acknowledged.AcknowledgedOn.AddDays(1), "承認 (納付相談)"));
            long paid = 0;
            foreach (var payment in Payments.OrderBy(p => p.PaidOn))
            {
                paid += payment.Amount;
                if (paid < Amount) causes.Add(new PrescriptionRenewal(payment.PaidOn, payment.PaidOn.AddDays(1), "承認 (一部納付)"));
            }
            var completes = Prescription.ForDueDate(DueDate);
            var renewals = new List<PrescriptionRenewal>();
            foreach (var renewal in causes.OrderBy(c => c.On))
            {
                if (renewal.On > completes) continue;
                var renewed = Prescription.CompletesOn(renewal.StartsOn);
                if (renewed <= completes) continue;
                completes = renewed;
                renewals.Add(renewal);
            }
            return renewals;
        }
    }

    /// <summary>時効完成日: five years from the day after 納期限, or from the start of the latest 更新.</summary>
    public DateOnly PrescriptionDate => Renewals is [.., var latest] ? Prescription.CompletesOn(latest.StartsOn) : Prescription.ForDueDate(DueDate);

    /// <summary>The latest fee notice revision this charge follows (0 for a charge entered by hand).</summary>
    public int NoticeRevision => Source.NoticeRevision ?? 0;

    /// <summary>完結: nothing more is owed or due back on the day (完納, 調定取消 or 不納欠損).</summary>
    public bool IsSettledOn(DateOnly day) => StatusOn(day) is ChargeStatus.Paid or ChargeStatus.Cancelled or ChargeStatus.WrittenOff;

    public ChargeStatus StatusOn(DateOnly day) =>
        CancelledOn is not null ? ChargeStatus.Cancelled
        : WriteOff is not null ? ChargeStatus.WrittenOff
        : Overpaid > 0 ? ChargeStatus.Overpaid
        : Outstanding == 0 ? ChargeStatus.Paid
        : day > DueDate ? ChargeStatus.Overdue
        : Paid > 0 ? ChargeStatus.PartiallyPaid
        : ChargeStatus.Open;

    /// <summary>The charge as it stood at the end of <paramref name="day"/>: corrections, payments and a cancellation dated after it are left out.</summary>
    public Charge AsOf(DateOnly day)
    {
        var corrections = Corrections.Where(c => c.CorrectedOn <= day).ToList();
        return this with
        {
            Amount = OriginalAmount + corrections.Sum(c => c.Delta),
            Corrections = corrections,
            Payments = [.. Payments.Where(p => p.PaidOn <= day)],
            Appropriations = [.. Appropriations.Where(a => a.TakesEffectOn <= day)],
            Refunds = [.. Refunds.Where(r => r.NotifiedOn <= day).Select(r => r.PaidOn <= day ? r : r with { PaidOn = null })],
            CancelledOn = CancelledOn <= day ? CancelledOn : null,
            CancellationReason = CancelledOn <= day ? CancellationReason : null,
            Dunning = Dunning?.IssuedOn <= day ? Dunning.AsOf(day) : null,
            CarryForwards = [.. (CarryForwards ?? []).Where(c => c.CarriedOn <= day)],
            LateFee = LateFeeAssessedOn <= day ? LateFee : 0,
            LateFeeChargeId = LateFeeAssessedOn <= day ? LateFeeChargeId : null,
            LateFeeAssessedOn = LateFeeAssessedOn <= day ? LateFeeAssessedOn : null,
            WriteOffProposal = WriteOffProposal?.ProposedOn <= day ? WriteOffProposal : null,
            WriteOff = WriteOff?.WrittenOffOn <= day ? WriteOff : null,
            Plans = [.. (Plans ?? []).Where(p => p.AgreedOn <= day)],
            Stops = [.. (Stops ?? []).Where(s => s.StoppedOn <= day).Select(s => s.LiftedOn <= day ? s : s with { LiftedOn = null })],
            Reminders = [.. (Reminders ?? []).Where(r => r.IssuedOn <= day).Select(r => r.StoppedOn <= day ? r : r with { StoppedOn = null })],
            Suspensions = [.. (Suspensions ?? []).Where(s => s.SuspendedOn <= day)
                .Select(s => s.RevokedOn <= day ? s : s with { RevokedOn = null, RevocationReason = null })],
            Acknowledgements = [.. (Acknowledgements ?? []).Where(a => a.AcknowledgedOn <= day)],
            DebitFailures = [.. (DebitFailures ?? []).Where(f => f.DebitDate <= day)],
            AssessmentFiscalYear = (CarryForwards ?? []).LastOrDefault(c => c.CarriedOn <= day)?.ToFiscalYear ?? FiscalYear,
        };
    }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(AppropriationReceived),
        typeof(ChargeAssessed),
        typeof(ChargeCancelled),
        typeof(ChargeCarriedForward),
        typeof(ChargeCorrected),
        typeof(ChargeWrittenOff),
        typeof(CollectionStopLifted),
        typeof(CollectionStopped),
        typeof(DebtAcknowledged),
        typeof(DirectDebit.DirectDebitFailed),
        typeof(DunningNoticeIssued),
        typeof(DunningNoticeReturned),
        typeof(DunningPublicNoticePosted),
        typeof(ExecutionSuspended),
        typeof(ExecutionSuspensionRevoked),
        typeof(InstallmentPlanAcknowledged),
        typeof(LateFeeAssessed),
        typeof(OverpaymentAppropriated),
        typeof(PaymentReceived),
        typeof(RefundDetermined),
        typeof(RefundPaid),
        typeof(ReminderIssued),
        typeof(WriteOffProposed),
    ];

    public static Charge? Evolve(Charge? state, object @event) => (state, @event) switch
    {
        (null, ChargeAssessed e) => new Charge(e.ChargeId, e.CollectionNumber, e.PayerId, e.HouseholdId, e.Subject, e.FiscalYear, e.AssessmentFiscalYear, e.Month,
            e.Amount, e.Amount, e.DueDate, e.InstallmentCount, e.FacilityNumber, e.AssessedOn, e.Source, e.RuleVersion, [], [], [], []),
        (not null, ChargeCorrected e) => state with
        {
            Amount = e.Amount,
            Corrections = [.. state.Corrections, new ChargeCorrection(e.CorrectedOn, e.Delta, e.Amount, e.Reason)],
            Source = e.NoticeRevision is { } revision ? state.Source with { NoticeRevision = revision } : state.Source,
        },
        (not null, ChargeCancelled e) => state with { CancelledOn = e.CancelledOn, CancellationReason = e.Reason },
        (not null, OverpaymentAppropriated e) => state with
        {
            Appropriations = [.. state.Appropriations, new ChargeAppropriation(e.AppropriatedOn, e.TargetChargeId, e.TargetCollectionNumber, -e.Amount, e.Reason,
                e.EffectiveOn ?? e.AppropriatedOn, e.BookedOn ?? e.EffectiveOn ?? e.AppropriatedOn)],
        },
        (not null, AppropriationReceived e) => state with
        {
            Appropriations = [.. state.Appropriations, new ChargeAppropriation(e.AppropriatedOn, e.SourceChargeId, e.SourceCollectionNumber, e.Amount, e.Reason,
                e.EffectiveOn ?? e.AppropriatedOn, e.BookedOn ?? e.EffectiveOn ?? e.AppropriatedOn)],
        },
        (not null, RefundDetermined e) => state with { Refunds = [.. state.Refunds, new ChargeRefund(e.RefundId, e.Amount, e.NotifiedOn, null)] },
        (not null, RefundPaid e) => state with { Refunds = [.. state.Refunds.Select(r => r.RefundId == e.RefundId ? r with { PaidOn = e.PaidOn } : r)] },
        (not null, InstallmentPlanAcknowledged e) => state with { Plans = [.. state.Plans ?? [], e] },
        (not null, WriteOffProposed e) => state with { WriteOffProposal = e },
        (not null, ChargeWrittenOff e) => state with { WriteOff = e, WriteOffProposal = null },
        (not null, LateFeeAssessed e) => state with { LateFee = e.Amount, LateFeeChargeId = e.LateFeeChargeId, LateFeeAssessedOn = e.AssessedOn },
        (not null, ChargeCarriedForward e) => state with
        {
            AssessmentFiscalYear = e.ToFiscalYear,
            CarryForwards = [.. state.CarryForwards ?? [], new ChargeCarryForward(e.FromFiscalYear, e.ToFiscalYear, e.CarriedOn, e.Amount)],
        },
        (not null, DunningNoticeIssued e) => state with { Dunning = new ChargeDunning(e.IssuedOn, e.DesignatedDeadline, e.WithinPeriod, e.RenewalStartsOn, e.Fee, e.FeeChargeId) },
        (not null, DunningNoticeReturned e) when state.Dunning is not null => state with { Dunning = state.Dunning with { ReturnedOn = e.ReturnedOn } },
        (not null, DunningPublicNoticePosted e) when state.Dunning is not null => state with
        {
            Dunning = state.Dunning with { PublicNotice = new DunningPublicNotice(e.PostedOn, e.ServedOn, e.DesignatedDeadline, e.RenewalStartsOn, e.RuleVersion) },
        },
        (not null, CollectionStopped e) => state with
        {
            Stops = [.. state.Stops ?? [], new ChargeCollectionStop(e.StoppedOn, e.Reason, null)],
            Reminders = state.Reminders is null ? null
                : [.. state.Reminders.Select(r => r.StoppedOn is null && r.IssuedOn <= e.StoppedOn && r.PayBy >= e.StoppedOn ? r with { StoppedOn = e.StoppedOn } : r)],
        },
        (not null, CollectionStopLifted e) => state with
        {
            Stops = [.. (state.Stops ?? []).Select(s => s.LiftedOn is null ? s with { LiftedOn = e.LiftedOn } : s)],
        },
        (not null, ReminderIssued e) => state with { Reminders = [.. state.Reminders ?? [], new ChargeReminder(e.IssuedOn, e.PayBy, null)] },
        (not null, DebtAcknowledged e) => state with { Acknowledgements = [.. state.Acknowledgements ?? [], e] },
        (not null, DirectDebit.DirectDebitFailed e) => state with { DebitFailures = [.. state.DebitFailures ?? [], e] },
        (not null, ExecutionSuspended e) => state with
        {
            Suspensions = [.. state.Suspensions ?? [], new ChargeExecutionSuspension(e.SuspendedOn, e.Ground, e.ImmediateExtinction, null, null)],
        },
        (not null, ExecutionSuspensionRevoked e) => state with
        {
            Suspensions = [.. (state.Suspensions ?? []).Select(s => s.RevokedOn is null ? s with { RevokedOn = e.RevokedOn, RevocationReason = e.Reason } : s)],
        },
        (not null, PaymentReceived e) => state with { Payments = [.. state.Payments, new ChargePayment(e.PaymentId, e.Amount, e.PaidOn, e.BookedOn, e.Channel, e.ReceiptNumber, e.ImportId,
            e.AllocationId, e.AllocationRuleVersion)] },
        _ => state,
    };

    /// <summary>The stream id of a payer × 賦課年度 × month × 科目 (a name-based UUID, the same on every node and run).</summary>
    public static Guid IdFor(Guid payerId, int fiscalYear, DateOnly month, CollectionSubject subject) =>
        NameBasedGuid.For($"charge/{payerId:N}/{fiscalYear}/{month:yyyy-MM}/{subject}");

    /// <summary>調定: refuses an amount below 1 yen, a month not given as its first day and a 納期限 before the month.</summary>
    public static ChargeAssessed Assess(string collectionNumber, Guid payerId, Guid? householdId, CollectionSubject subject, DateOnly month, long amount, DateOnly dueDate,
        DateOnly assessedOn, ChargeSource source, int? ruleVersion, string? facilityNumber = null, Guid? id = null)
    {
        if (month.Day != 1) throw new DomainRuleException("charge.month", "A charge is for a month: give its first day.", "month");
        if (amount < 1) throw new DomainRuleException("charge.amount", "A 調定額 is at least 1 yen.", "amount");
        if (dueDate < month) throw new DomainRuleException("charge.due-date", "納期限 cannot fall before the month charged.", "dueDate");
        var fiscalYear = JapaneseDates.FiscalYearOf(month);
        return new ChargeAssessed(id ?? IdFor(payerId, fiscalYear, month, subject), collectionNumber, payerId, householdId, subject, fiscalYear, fiscalYear, month, amount,
            dueDate, 1, facilityNumber, assessedOn, source, ruleVersion);
    }

    /// <summary>更正 to a new 調定額; nothing when it is the current one.</summary>
    public ChargeCorrected? Correct(long amount, DateOnly correctedOn, string reason, int? noticeRevision = null)
    {
        RequireNotCancelled();
        if (amount < 0) throw new DomainRuleException("charge.amount", "A 調定額 cannot be negative.", "amount");
        if (correctedOn < AssessedOn) throw new DomainRuleException("charge.correction-date", "A 更正 cannot be dated before the 調定.", "correctedOn");
        if (amount == Amount && noticeRevision is null) return null;
        return new ChargeCorrected(Id, amount - Amount, amount, correctedOn, reason, noticeRevision);
    }

    /// <summary>The 督促手数料 charge of this charge's 督促 (one per 督促状, so keyed on the charge rather than on payer × month × 科目).</summary>
    public Guid DunningFeeChargeId => DerivedId("dunning-fee");

    /// <summary>A name-based UUID for a charge that belongs to this one (its 督促手数料, its 延滞金).</summary>
    private Guid DerivedId(string kind) => NameBasedGuid.For($"{kind}/{Id:N}");

    /// <summary>
    /// 督促: once per charge, after 納期限, while something is owed and collection is not stopped (督促停止). The 指定期限, the start of the renewed 時効 period and the
    /// 督促手数料 follow the rules in force on the issue date; a 督促 later than the rules' days after 納期限 is still issued
    /// (the period is directory) but says so.
    /// </summary>
    public DunningNoticeIssued Dun(DateOnly issuedOn, CollectionRuleSet rules)
    {
        RequireNotCancelled();
        if (Dunning is not null) throw new DomainRuleException("dunning.already-issued", $"A 督促状 for {CollectionNumber} was issued on {Dunning.IssuedOn:yyyy-MM-dd}.");
        if (issuedOn <= DueDate) throw new DomainRuleException("dunning.not-yet-due", $"督促 comes after 納期限 ({DueDate:yyyy-MM-dd}).", "issuedOn");
        if (AsOf(issuedOn).Outstanding == 0) throw new DomainRuleException("dunning.nothing-owed", $"Nothing is owed on {CollectionNumber} on {issuedOn:yyyy-MM-dd}.");
        RequireNotStopped(issuedOn, "issuedOn");
        var rule = rules.Dunning;
        return new DunningNoticeIssued(Id, issuedOn, issuedOn.AddDays(rule.DesignatedDeadlineDays), issuedOn <= DueDate.AddDays(rule.WithinDays),
            issuedOn.AddDays(rule.RenewalStartDays), rule.Fee, rule.Fee > 0 ? DunningFeeChargeId : null, rules.Version);
    }

    /// <summary>The 督促手数料 charge a 督促 raises (null when the rules charge none).</summary>
    public ChargeAssessed? DunningFeeCharge(DunningNoticeIssued dunning, string collectionNumber) =>
        dunning.FeeChargeId is { } id
            ? Assess(collectionNumber, PayerId, HouseholdId, CollectionSubject.DunningFee, Month, dunning.Fee, dunning.DesignatedDeadline, dunning.IssuedOn, ChargeSource.Manual,
                dunning.RuleVersion, FacilityNumber, id)
            : null;

    /// <summary>
    /// 延滞金 once a charge paid after 納期限 is settled in full: computed on the 調定額 over what was received and when, with
    /// the rules in force on the last receipt, and raised as a charge of its own when it comes to anything after rounding.
    /// Nothing for 延滞金 and 督促手数料 themselves, a charge still owing, a cancelled one, or one already assessed.
    /// </summary>
    public LateFeeAssessed? AssessLateFee(CollectionRuleSet rules, DateOnly on)
    {
        if (!MayOweLateFee()) return null;
        var receipts = LateFeeReceipts;
        // A year whose 特例基準割合 the municipality has not published yet cannot be computed; the charge waits for the rates
        // (a payment is never refused for it).
        if (!rules.LateFee.HasRates(DueDate.AddDays(1), receipts.Max(r => r.PaidOn))) return null;
        var computed = LateFees.Compute(Amount, DueDate, receipts, rules.LateFee, rules.Version);
        return computed.Amount == 0 ? null
            : new LateFeeAssessed(Id, DerivedId("late-fee"), computed.Amount, computed.Exact, computed.Periods, computed.RuleVersion, on);
    }

    /// <summary>
    /// Whether a 延滞金 may be due, whatever the rates: a charge (not itself 延滞金 or 督促手数料, not cancelled, none assessed yet)
    /// paid in full with some of it received after 納期限. Callers need not read the collection rules otherwise.
    /// </summary>
    public bool MayOweLateFee() =>
        Subject is not (CollectionSubject.LateFee or CollectionSubject.DunningFee) && CancelledOn is null && LateFeeChargeId is null && Outstanding == 0
        && LateFeeReceipts.Any(r => r.PaidOn > DueDate);

    // A 充当 counts as paid on its 充当適状日 (地方税法17条の2④ の例), not on the day it was made.
    private List<(DateOnly PaidOn, long Amount)> LateFeeReceipts =>
        [.. Payments.Select(p => (p.PaidOn, p.Amount)).Concat(Appropriations.Where(a => a.Amount > 0).Select(a => (PaidOn: a.TakesEffectOn, a.Amount)))];

    /// <summary>The 延滞金 charge an assessment raises, billed apart with the 納期限 the rules give 延滞金 from the assessment's month.</summary>
    public ChargeAssessed LateFeeCharge(LateFeeAssessed assessed, CollectionRuleSet rules, string collectionNumber) =>
        Assess(collectionNumber, PayerId, HouseholdId, CollectionSubject.LateFee, Month, assessed.Amount,
            rules.DueDateFor(CollectionSubject.LateFee, new DateOnly(assessed.AssessedOn.Year, assessed.AssessedOn.Month, 1)), assessed.AssessedOn, ChargeSource.Manual,
            rules.Version, FacilityNumber, assessed.LateFeeChargeId);

    /// <summary>
    /// 不納欠損の起案: for what is still owed, on a ground that holds on the day (時効: the period has run out; 執行停止: it has
    /// continued 3 years, or was with 即時消滅); once per charge until decided.
    /// </summary>
    public WriteOffProposed ProposeWriteOff(DateOnly on, WriteOffReason reason, string proposedBy)
    {
        RequireNotCancelled();
        if (WriteOff is not null || WriteOffProposal is not null)
            throw new DomainRuleException("write-off.exists", $"{CollectionNumber} already has a 不納欠損 {(WriteOff is not null ? "decided" : "proposed")}.");
        if (AsOf(on).ExtinguishedFrom(reason) is not { } extinguished || on < extinguished) throw NotExtinguished(on, reason);
        var owed = AsOf(on).Outstanding;
        if (owed == 0) throw new DomainRuleException("write-off.nothing-owed", $"Nothing is owed on {CollectionNumber}.");
        return new WriteOffProposed(Id, on, reason, owed, proposedBy);
    }

    /// <summary>不納欠損処分: approves the proposal; the approver must not be the proposer (four eyes).</summary>
    public ChargeWrittenOff ApproveWriteOff(DateOnly on, string approvedBy)
    {
        var proposal = WriteOffProposal ?? throw new DomainRuleException("write-off.not-proposed", $"No 不納欠損 is proposed for {CollectionNumber}.");
        if (string.Equals(proposal.ProposedBy, approvedBy, StringComparison.Ordinal))
            throw new DomainRuleException("write-off.same-person", "The person who proposed a 不納欠損 cannot approve it.");
        if (on < proposal.ProposedOn) throw new DomainRuleException("write-off.before-proposal", "The approval cannot be dated before the proposal.", "approvedOn");
        return new ChargeWrittenOff(Id, on, proposal.Reason, proposal.Amount, proposal.ProposedBy, approvedBy);
    }

    /// <summary>出納閉鎖日 of a 年度: 31 May of the next year (自治法235条の5).</summary>
    public static DateOnly ClosingDayOf(int fiscalYear) => new(fiscalYear + 1, 5, 31);

    /// <summary>
    /// 滞納繰越 at the closing of <paramref name="fiscalYear"/>: a charge in that year's books still unpaid in them on 出納閉鎖日
    /// moves into the next year's books with what is unpaid as 決算繰越調定額; nothing for a charge of another 調定年度, paid,
    /// or cancelled. The 出納整理期間 is about what the books received, so receipts count by 日計日 (<see cref="BooksAsOf"/>),
    /// as in the 収納率: a payment made on 31 May and booked on 1 June is a receipt of the next 年度 against the carried charge.
    /// </summary>
    public ChargeCarriedForward? CarryForwardAt(int fiscalYear)
    {
        var closedOn = ClosingDayOf(fiscalYear);
        if (AssessmentFiscalYear != fiscalYear || CancelledOn is not null) return null;
        var unpaid = BooksAsOf(closedOn).Outstanding;
        return unpaid == 0 ? null : new ChargeCarriedForward(Id, fiscalYear, fiscalYear + 1, closedOn, unpaid);
    }

    /// <summary>調定取消.</summary>
    public ChargeCancelled Cancel(DateOnly cancelledOn, string reason)
    {
        RequireNotCancelled();
        if (cancelledOn < AssessedOn) throw new DomainRuleException("charge.cancellation-date", "A 取消 cannot be dated before the 調定.", "cancelledOn");
        return new ChargeCancelled(Id, cancelledOn, reason);
    }

    /// <summary>
    /// 収納: any positive amount is received, even beyond what is owed (the excess is a 過誤納 to apply or refund); a payment
    /// is a fact, so two received at once are both kept.
    /// </summary>
    public PaymentReceived Receive(long amount, DateOnly paidOn, DateOnly bookedOn, PaymentChannel channel)
    {
        if (amount < 1) throw new DomainRuleException("payment.amount", "A payment is at least 1 yen.", "amount");
        if (bookedOn < paidOn) throw new DomainRuleException("payment.booked-before-paid", "日計日 cannot be before 納付日.", "bookedOn");
        return new PaymentReceived(Id, Guid.CreateVersion7(), amount, paidOn, bookedOn, channel);
    }

    private void RequireNotCancelled()
    {
        if (CancelledOn is not null)
            throw new DomainRuleException("charge.cancelled", $"Charge {CollectionNumber} was cancelled on {CancelledOn:yyyy-MM-dd}.");
    }
}
