namespace KosodateShien.Domain.Tests.Collection;

using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;

/// <summary>調定, 収納, 更正 and 時効 dates on one charge (REFERENCE.md §7, §15 examples 18 and 20).</summary>
public class ChargeTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    private static readonly DateOnly April2027 = new(2027, 4, 1);

    private static Charge Assessed(long amount = 30_000, params object[] later)
    {
        var dueDate = CollectionRuleSet.Default.DueDateFor(CollectionSubject.UserFee, April2027);
        var assessed = Charge.Assess("C2027000001", Payer, null, CollectionSubject.UserFee, April2027, amount, dueDate, new DateOnly(2027, 4, 1), ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    [Fact]
    public void the_basic_fee_for_april_is_due_at_the_end_of_april_and_a_month_later_things_are_due_next_month()
    {
        // Example 18: 基本保育料 for April 2027 → 納期限 2027-04-30.
        CollectionRuleSet.Default.DueDateFor(CollectionSubject.UserFee, April2027).ShouldBe(new DateOnly(2027, 4, 30));
        CollectionRuleSet.Default.DueDateFor(CollectionSubject.Other, new DateOnly(2027, 12, 1)).ShouldBe(new DateOnly(2028, 1, 31));
        CollectionRuleSet.Default.DueDateFor(CollectionSubject.ExtendedCare, new DateOnly(2028, 2, 1)).ShouldBe(new DateOnly(2028, 2, 29));
    }

    [Theory]
    [InlineData("2025-04-30", "2030-04-30")]   // Example 20: period starts 2025-05-01, ends at the end of 2030-04-30
    [InlineData("2027-04-30", "2032-04-30")]
    [InlineData("2028-02-28", "2033-02-28")]   // starts 2028-02-29; 2033 has no 29 February → last day of February
    [InlineData("2024-02-28", "2029-02-28")]
    [InlineData("2027-12-31", "2032-12-31")]
    public void prescription_completes_five_years_after_the_day_after_the_due_date(string due, string completes) =>
        Prescription.ForDueDate(DateOnly.Parse(due)).ShouldBe(DateOnly.Parse(completes));

    [Fact]
    public void the_charge_keys_its_stream_on_payer_year_month_and_subject()
    {
        var charge = Assessed();
        charge.Id.ShouldBe(Charge.IdFor(Payer, 2027, April2027, CollectionSubject.UserFee));
        charge.Id.ShouldNotBe(Charge.IdFor(Payer, 2027, April2027, CollectionSubject.SideDish));
        charge.PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));
        charge.FiscalYear.ShouldBe(2027);
    }

    [Fact]
    public void payments_settle_it_in_steps_and_the_status_follows_the_day()
    {
        var charge = Assessed();
        charge.StatusOn(new DateOnly(2027, 4, 30)).ShouldBe(ChargeStatus.Open);
        charge.StatusOn(new DateOnly(2027, 5, 1)).ShouldBe(ChargeStatus.Overdue);

        var part = charge.Receive(10_000, new DateOnly(2027, 4, 20), new DateOnly(2027, 4, 21), PaymentChannel.Slip);
        var rest = Charge.Evolve(charge, part)!.Receive(20_000, new DateOnly(2027, 5, 10), new DateOnly(2027, 5, 10), PaymentChannel.Counter);
        var paid = Assessed(30_000, part, rest);

        paid.Outstanding.ShouldBe(0);
        paid.StatusOn(new DateOnly(2027, 6, 1)).ShouldBe(ChargeStatus.Paid);
        paid.AsOf(new DateOnly(2027, 4, 25)).StatusOn(new DateOnly(2027, 4, 25)).ShouldBe(ChargeStatus.PartiallyPaid);
        paid.AsOf(new DateOnly(2027, 5, 5)).Outstanding.ShouldBe(20_000);
        paid.AsOf(new DateOnly(2027, 5, 5)).StatusOn(new DateOnly(2027, 5, 5)).ShouldBe(ChargeStatus.Overdue);
    }

    [Fact]
    public void a_payment_beyond_the_amount_or_a_correction_below_what_was_paid_leaves_an_overpayment()
    {
        var charge = Assessed();
        var payment = charge.Receive(35_000, new DateOnly(2027, 4, 28), new DateOnly(2027, 4, 28), PaymentChannel.DirectDebit);
        var overpaid = Assessed(30_000, payment);
        overpaid.Overpaid.ShouldBe(5_000);
        overpaid.StatusOn(new DateOnly(2027, 5, 1)).ShouldBe(ChargeStatus.Overpaid);

        var corrected = overpaid.Correct(22_250, new DateOnly(2027, 6, 1), "税更正")!;
        corrected.Delta.ShouldBe(-7_750);
        var after = Assessed(30_000, payment, corrected);
        after.Overpaid.ShouldBe(12_750);
        after.AsOf(new DateOnly(2027, 5, 31)).Amount.ShouldBe(30_000);
        overpaid.Correct(30_000, new DateOnly(2027, 6, 1), "同額").ShouldBeNull();
    }

    [Fact]
    public void a_cancelled_charge_owes_nothing_refunds_what_was_paid_and_takes_no_more_changes()
    {
        var charge = Assessed();
        var payment = charge.Receive(30_000, new DateOnly(2027, 4, 28), new DateOnly(2027, 4, 28), PaymentChannel.Slip);
        var cancelled = Assessed(30_000, payment, Charge.Evolve(charge, payment)!.Cancel(new DateOnly(2027, 5, 10), "二重調定"));

        cancelled.Outstanding.ShouldBe(0);
        cancelled.Overpaid.ShouldBe(30_000);
        cancelled.AsOf(new DateOnly(2027, 5, 9)).StatusOn(new DateOnly(2027, 5, 9)).ShouldBe(ChargeStatus.Paid);
        Should.Throw<DomainRuleException>(() => cancelled.Correct(1_000, new DateOnly(2027, 6, 1), "x")).Rule.ShouldBe("charge.cancelled");
    }

    [Theory]
    [InlineData(0, 1, "charge.amount")]
    [InlineData(30_000, 15, "charge.month")]
    public void an_assessment_needs_a_positive_amount_and_a_month(long amount, int day, string rule) =>
        Should.Throw<DomainRuleException>(() => Charge.Assess("C1", Payer, null, CollectionSubject.UserFee, new DateOnly(2027, 4, day), amount, new DateOnly(2027, 4, 30),
            new DateOnly(2027, 4, 1), ChargeSource.Manual, null)).Rule.ShouldBe(rule);
}

/// <summary>督促 and 時効の更新 (REFERENCE.md §7; §15 examples 18 and 20).</summary>
public class DunningAndRenewalTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000002");

    private static Charge Assessed(DateOnly month, long amount, params object[] later)
    {
        var dueDate = CollectionRuleSet.Default.DueDateFor(CollectionSubject.UserFee, month);
        var assessed = Charge.Assess("C1", Payer, null, CollectionSubject.UserFee, month, amount, dueDate, month, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    private static CollectionRuleSet WithFee(long fee) => CollectionRuleSet.Default with { Dunning = CollectionRuleSet.Default.Dunning with { Fee = fee } };

    [Fact]
    public void a_dunning_on_the_twentieth_day_sets_a_ten_day_deadline_and_renews_prescription_from_the_day_after_the_tenth_day()
    {
        // Example 18: 納期限 2027-04-30; 督促 by 2027-05-20; issued that day with a 10-day 指定期限 → pay by 2027-05-30.
        var charge = Assessed(new DateOnly(2027, 4, 1), 30_000);
        var dunning = charge.Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default);

        dunning.DesignatedDeadline.ShouldBe(new DateOnly(2027, 5, 30));
        dunning.WithinPeriod.ShouldBeTrue();
        dunning.RenewalStartsOn.ShouldBe(new DateOnly(2027, 5, 30));
        dunning.FeeChargeId.ShouldBeNull();
        var dunned = Charge.Evolve(charge, dunning)!;
        dunned.PrescriptionDate.ShouldBe(new DateOnly(2032, 5, 29));
        dunned.AsOf(new DateOnly(2027, 5, 19)).PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));
        dunned.AsOf(new DateOnly(2027, 5, 20)).PrescriptionDate.ShouldBe(new DateOnly(2032, 5, 29));
        Should.Throw<DomainRuleException>(() => dunned.Dun(new DateOnly(2027, 6, 1), CollectionRuleSet.Default)).Rule.ShouldBe("dunning.already-issued");
    }

    [Fact]
    public void a_dunning_before_the_due_date_or_for_a_paid_charge_is_refused_and_a_late_one_says_so()
    {
        var charge = Assessed(new DateOnly(2027, 4, 1), 30_000);
        Should.Throw<DomainRuleException>(() => charge.Dun(new DateOnly(2027, 4, 30), CollectionRuleSet.Default)).Rule.ShouldBe("dunning.not-yet-due");
        charge.Dun(new DateOnly(2027, 5, 21), CollectionRuleSet.Default).WithinPeriod.ShouldBeFalse();

        var paid = Assessed(new DateOnly(2027, 4, 1), 30_000, charge.Receive(30_000, new DateOnly(2027, 5, 2), new DateOnly(2027, 5, 2), PaymentChannel.Slip));
        Should.Throw<DomainRuleException>(() => paid.Dun(new DateOnly(2027, 5, 10), CollectionRuleSet.Default)).Rule.ShouldBe("dunning.nothing-owed");
    }

    [Fact]
    public void a_dunning_fee_is_its_own_charge_due_on_the_designated_deadline()
    {
        var charge = Assessed(new DateOnly(2027, 4, 1), 30_000);
        var dunning = charge.Dun(new DateOnly(2027, 5, 10), WithFee(100));

        var fee = charge.DunningFeeCharge(dunning, "C2")!;
        (fee.ChargeId, fee.Subject, fee.Amount, fee.DueDate).ShouldBe((charge.DunningFeeChargeId, CollectionSubject.DunningFee, 100L, new DateOnly(2027, 5, 20)));
        charge.DunningFeeCharge(charge.Dun(new DateOnly(2027, 5, 10), CollectionRuleSet.Default), "C3").ShouldBeNull();
    }

    [Fact]
    public void a_partial_payment_renews_prescription_from_the_next_day_but_full_payment_or_one_after_expiry_does_not()
    {
        // Example 20: 納期限 2025-04-30 → 時効完成 2030-04-30 without 更新.
        var charge = Assessed(new DateOnly(2025, 4, 1), 30_000);
        charge.PrescriptionDate.ShouldBe(new DateOnly(2030, 4, 30));

        var partial = charge.Receive(10_000, new DateOnly(2028, 1, 10), new DateOnly(2028, 1, 10), PaymentChannel.Counter);
        var renewed = Assessed(new DateOnly(2025, 4, 1), 30_000, partial);
        renewed.PrescriptionDate.ShouldBe(new DateOnly(2033, 1, 10));
        renewed.Renewals.Single().Cause.ShouldBe("承認 (一部納付)");
        renewed.AsOf(new DateOnly(2028, 1, 9)).PrescriptionDate.ShouldBe(new DateOnly(2030, 4, 30));

        var rest = renewed.Receive(20_000, new DateOnly(2029, 3, 1), new DateOnly(2029, 3, 1), PaymentChannel.Counter);
        Assessed(new DateOnly(2025, 4, 1), 30_000, partial, rest).Renewals.Count.ShouldBe(1);

        var tooLate = charge.Receive(5_000, new DateOnly(2030, 5, 1), new DateOnly(2030, 5, 1), PaymentChannel.Counter);
        Assessed(new DateOnly(2025, 4, 1), 30_000, tooLate).PrescriptionDate.ShouldBe(new DateOnly(2030, 4, 30));
    }
}

/// <summary>過誤納: 充当 to the payer's unpaid charges in the rules' order, the rest 還付.</summary>
public class OverpaymentSettlementTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    private static readonly DateOnly June10 = new(2027, 6, 10);

    private static Charge Charge(int month, CollectionSubject subject, long amount, long paid = 0)
    {
        var first = new DateOnly(2027, month, 1);
        var assessed = Domain.Collection.Charge.Assess($"C{month}{subject}", Payer, null, subject, first, amount, CollectionRuleSet.Default.DueDateFor(subject, first), first,
            ChargeSource.Manual, 1);
        var charge = Domain.Collection.Charge.Evolve(null, assessed)!;
        return paid == 0 ? charge : Domain.Collection.Charge.Evolve(charge, charge.Receive(paid, first, first, PaymentChannel.Slip))!;
    }

    private static IReadOnlyList<Charge> Apply(IReadOnlyList<Charge> charges, IReadOnlyList<(Guid ChargeId, object Event)> events) =>
        [.. charges.Select(c => events.Where(e => e.ChargeId == c.Id).Aggregate(c, (state, e) => Domain.Collection.Charge.Evolve(state, e.Event)!))];

    [Fact]
    public void an_overpayment_pays_the_oldest_unpaid_charges_first_and_the_rest_is_refunded()
    {
        IReadOnlyList<Charge> charges = [Charge(4, CollectionSubject.UserFee, 30_000, paid: 35_000), Charge(6, CollectionSubject.UserFee, 10_000), Charge(5, CollectionSubject.SideDish, 3_000)];

        var events = OverpaymentSettlement.Settle(charges, AppropriationOrder.OldestDueFirst, June10);

        var appropriated = events.Select(e => e.Event).OfType<OverpaymentAppropriated>().Select(a => (a.TargetCollectionNumber, a.Amount)).ToList();
        appropriated.ShouldBe([("C5SideDish", 3_000L), ("C6UserFee", 2_000L)]);
        events.Select(e => e.Event).OfType<RefundDetermined>().ShouldBeEmpty();
        var after = Apply(charges, events);
        (after[0].Overpaid, after[1].Outstanding, after[2].Outstanding).ShouldBe((0L, 8_000L, 0L));
        after[2].Paid.ShouldBe(3_000);
        OverpaymentSettlement.Settle(after, AppropriationOrder.OldestDueFirst, June10).ShouldBeEmpty();
    }

    [Fact]
    public void same_subject_first_is_an_order_the_rules_may_choose_and_what_no_charge_takes_is_refunded()
    {
        IReadOnlyList<Charge> charges = [Charge(4, CollectionSubject.UserFee, 30_000, paid: 40_000), Charge(5, CollectionSubject.SideDish, 3_000), Charge(6, CollectionSubject.UserFee, 4_000)];

        var events = OverpaymentSettlement.Settle(charges, AppropriationOrder.SameSubjectFirst, June10);

        events.Select(e => e.Event).OfType<OverpaymentAppropriated>().Select(a => (a.TargetCollectionNumber, a.Amount)).ShouldBe([("C6UserFee", 4_000L), ("C5SideDish", 3_000L)]);
        var refund = events.Select(e => e.Event).OfType<RefundDetermined>().ShouldHaveSingleItem();
        refund.Amount.ShouldBe(3_000);
        var after = Apply(charges, events);
        (after[0].Overpaid, after[0].RefundDue).ShouldBe((0L, 3_000L));
        // Each 充当 counts from its 充当適状日 (the 納期限 of a charge paid in advance), the 還付 from its 通知日.
        new[] { new DateOnly(2027, 5, 30), new DateOnly(2027, 5, 31), new DateOnly(2027, 6, 10), new DateOnly(2027, 6, 30) }
            .Select(day => after[0].AsOf(day).Overpaid).ShouldBe([10_000L, 7_000L, 4_000L, 0L]);
    }
}

/// <summary>What the reports read off a charge: 収納額 kept against the 調定額, and the last day what is owed went down.</summary>
public class ChargeLedgerTests
{
    private static readonly DateOnly Month = new(2027, 4, 1);

    private static Charge April(params object[] later)
    {
        var assessed = Charge.Assess("C1", Guid.Parse("c0000000-0000-0000-0000-000000000005"), null, CollectionSubject.UserFee, Month, 30_000, new DateOnly(2027, 4, 30),
            Month, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    private static PaymentReceived Paid(long amount, int month, int day) => new(Guid.Empty, Guid.NewGuid(), amount, new DateOnly(2027, month, day), new DateOnly(2027, month, day), PaymentChannel.Slip);

    public static TheoryData<string, object[], long, long, long> Cases() => new()
    {
        { "unpaid", [], 30_000, 0, 30_000 },
        { "part paid", [Paid(10_000, 5, 10)], 30_000, 10_000, 20_000 },
        { "overpaid, 5,000 not yet settled", [Paid(35_000, 5, 10)], 30_000, 30_000, 0 },
        { "overpaid, 5,000 applied elsewhere", [Paid(35_000, 5, 10), new OverpaymentAppropriated(Guid.Empty, Guid.NewGuid(), "C2", 5_000, new DateOnly(2027, 5, 11), "充当")], 30_000, 30_000, 0 },
        { "corrected below what was paid, 8,000 refunded", [Paid(30_000, 5, 10), new ChargeCorrected(Guid.Empty, -8_000, 22_000, new DateOnly(2027, 6, 1), "税更正", null),
            new RefundDetermined(Guid.Empty, Guid.NewGuid(), 8_000, new DateOnly(2027, 6, 1))], 22_000, 22_000, 0 },
        { "paid from another charge's 過誤納", [new AppropriationReceived(Guid.Empty, Guid.NewGuid(), "C0", 12_000, new DateOnly(2027, 6, 1), "充当")], 30_000, 12_000, 18_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void what_is_assessed_is_what_was_kept_plus_what_is_owed(string _, object[] later, long assessed, long collected, long outstanding)
    {
        var charge = April(later);
        (charge.Amount, charge.Collected, charge.Outstanding).ShouldBe((assessed, collected, outstanding));
        charge.Amount.ShouldBe(charge.Collected + (charge.WriteOff?.Amount ?? 0) + charge.Outstanding);
    }

    [Fact]
    public void a_written_off_charge_keeps_what_was_paid_and_a_cancelled_one_nothing()
    {
        var writtenOff = April(Paid(10_000, 5, 10), new ChargeWrittenOff(Guid.Empty, new DateOnly(2032, 6, 1), WriteOffReason.Prescription, 20_000, "a", "b"));
        (writtenOff.Collected, writtenOff.Outstanding, writtenOff.Amount - writtenOff.Collected - writtenOff.Outstanding).ShouldBe((10_000L, 0L, 20_000L));
        var cancelled = April(Paid(10_000, 5, 10), new ChargeCancelled(Guid.Empty, new DateOnly(2027, 6, 1), "二重調定"));
        (cancelled.Collected, cancelled.Outstanding, cancelled.Overpaid).ShouldBe((0L, 0L, 10_000L));
    }

    [Fact]
    public void the_last_reduction_is_the_latest_payment_application_correction_cancellation_or_write_off()
    {
        April().LastReductionOn.ShouldBeNull();
        April(Paid(10_000, 5, 10), Paid(5_000, 4, 20)).LastReductionOn.ShouldBe(new DateOnly(2027, 5, 10));
        April(Paid(10_000, 5, 10), new AppropriationReceived(Guid.Empty, Guid.NewGuid(), "C0", 1_000, new DateOnly(2027, 7, 1), "充当")).LastReductionOn
            .ShouldBe(new DateOnly(2027, 7, 1));
        // A refund raises what is owed: not a reduction.
        April(Paid(10_000, 5, 10), new RefundDetermined(Guid.Empty, Guid.NewGuid(), 1_000, new DateOnly(2027, 8, 1))).LastReductionOn.ShouldBe(new DateOnly(2027, 5, 10));
        April(new ChargeCancelled(Guid.Empty, new DateOnly(2027, 9, 1), "x")).LastReductionOn.ShouldBe(new DateOnly(2027, 9, 1));
    }
}

/// <summary>滞納繰越 at 出納閉鎖 (REFERENCE.md §15 example 22).</summary>
public class CarryForwardTests
{
    private static Charge April2027(params object[] later)
    {
        var month = new DateOnly(2027, 4, 1);
        var assessed = Charge.Assess("C1", Guid.Parse("c0000000-0000-0000-0000-000000000004"), null, CollectionSubject.UserFee, month, 30_000,
            new DateOnly(2027, 4, 30), month, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    [Fact]
    public void an_april_fee_unpaid_at_the_closing_on_31_may_2028_is_carried_into_2028_with_due_date_and_prescription_unchanged()
    {
        var charge = April2027();
        var partial = charge.Receive(10_000, new DateOnly(2028, 5, 1), new DateOnly(2028, 5, 1), PaymentChannel.Slip);
        var owing = April2027(partial);

        var carried = owing.CarryForwardAt(2027)!;
        (carried.FromFiscalYear, carried.ToFiscalYear, carried.CarriedOn, carried.Amount).ShouldBe((2027, 2028, new DateOnly(2028, 5, 31), 20_000L));
        var after = April2027(partial, carried);
        (after.AssessmentFiscalYear, after.FiscalYear, after.DueDate).ShouldBe((2028, 2027, new DateOnly(2027, 4, 30)));
        after.PrescriptionDate.ShouldBe(owing.PrescriptionDate);
        after.AsOf(new DateOnly(2028, 5, 30)).AssessmentFiscalYear.ShouldBe(2027);
        after.CarryForwardAt(2027).ShouldBeNull();
        after.CarryForwardAt(2028)!.ToFiscalYear.ShouldBe(2029);
    }

    [Fact]
    public void a_charge_the_books_hold_paid_by_the_closing_or_of_another_year_is_not_carried()
    {
        var charge = April2027();
        April2027(charge.Receive(30_000, new DateOnly(2028, 5, 30), new DateOnly(2028, 5, 31), PaymentChannel.Slip)).CarryForwardAt(2027).ShouldBeNull();
        charge.CarryForwardAt(2026).ShouldBeNull();
        Charge.ClosingDayOf(2027).ShouldBe(new DateOnly(2028, 5, 31));
    }

    [Fact]
    public void a_payment_made_on_31_may_but_booked_on_1_june_is_a_receipt_of_the_next_year_so_the_charge_is_carried_with_it()
    {
        // 出納整理期間 is about what the books received (自治法235条の5): the closing goes by 日計日, as the 収納率 does.
        var charge = April2027();
        var paid = April2027(charge.Receive(30_000, new DateOnly(2028, 5, 31), new DateOnly(2028, 6, 1), PaymentChannel.Slip));

        var carried = paid.CarryForwardAt(2027).ShouldNotBeNull();
        (carried.ToFiscalYear, carried.Amount).ShouldBe((2028, 30_000L));
        paid.AsOf(new DateOnly(2028, 5, 31)).Outstanding.ShouldBe(0);   // paid, in law, on 納付日
    }
}

/// <summary>延滞金: the first month and later rates, 365-day years, 地方税-style rounding (REFERENCE.md §7, 2024: 2.4 % / 8.7 %).</summary>
public class LateFeeTests
{
    private static readonly DateOnly Due = new(2024, 4, 30);

    private static long Fee(long principal, params (string PaidOn, long Amount)[] payments) =>
        LateFees.Compute(principal, Due, payments.Select(p => (DateOnly.Parse(p.PaidOn), p.Amount)), LateFeeRule.Standard, 1).Amount;

    [Fact]
    public void a_month_at_the_first_rate_and_then_the_later_rate_rounded_down_to_100_yen()
    {
        // 300,000 × 2.4 % × 31/365 (5/1–5/31) + 300,000 × 8.7 % × 45/365 (6/1–7/15) = 611.5 + 3,217.8 = 3,829.3 → 3,800; 2024 is a leap year, still 365 days.
        var computed = LateFees.Compute(300_000, Due, [(new DateOnly(2024, 7, 15), 300_000L)], LateFeeRule.Standard, 1);
        computed.Amount.ShouldBe(3_800);
        computed.Periods.Select(p => (p.From, p.To, p.Percent, p.Days)).ShouldBe([(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31), 2.4m, 31), (new DateOnly(2024, 6, 1), new DateOnly(2024, 7, 15), 8.7m, 45)]);
    }

    [Fact]
    public void a_partial_payment_lowers_the_principal_from_the_next_day()
    {
        // 300,000 for 5/1–5/15 at 2.4 % = 295.9; 200,000 for 5/16–5/31 at 2.4 % = 210.4 and 6/1–7/15 at 8.7 % = 2,145.2 → 2,651.5 → 2,600.
        Fee(300_000, ("2024-05-15", 100_000), ("2024-07-15", 200_000)).ShouldBe(2_600);
    }

    [Theory]
    [InlineData(1_999, "2024-12-31", 0)]      // principal under 2,000: none
    [InlineData(61_000, "2024-07-15", 0)]     // 124.3 + 654.3 = 778.6 → 700, under 1,000: none
    [InlineData(61_500, "2024-12-31", 3_200)] // principal rounded down to 61,000: 124.3 (5/1–5/31) + 61,000 × 8.7 % × 214/365 (6/1–12/31) = 3,111.6 → 3,235.9 → 3,200
    [InlineData(30_000, "2024-04-30", 0)]     // paid on time
    public void rounding_and_minimums_follow_the_local_tax_style(long principal, string paidOn, long expected) =>
        Fee(principal, (paidOn, principal)).ShouldBe(expected);

    [Fact]
    public void the_first_month_after_a_due_date_on_the_30th_of_january_ends_on_the_last_day_of_february() =>
        LateFees.OneMonthFrom(new DateOnly(2025, 1, 31)).ShouldBe(new DateOnly(2025, 2, 28));

    [Fact]
    public void a_year_without_a_published_rate_is_refused() =>
        Should.Throw<DomainRuleException>(() => LateFees.Compute(300_000, new DateOnly(2030, 4, 30), [(new DateOnly(2030, 7, 1), 300_000L)], LateFeeRule.Standard, 1))
            .Rule.ShouldBe("late-fee.no-rate");
}

/// <summary>延滞金 on a charge: assessed once when a late charge is settled, as a charge of its own.</summary>
public class ChargeLateFeeTests
{
    private static Charge Charge(params object[] later)
    {
        var month = new DateOnly(2024, 4, 1);
        var assessed = Domain.Collection.Charge.Assess("C1", Guid.Parse("c0000000-0000-0000-0000-000000000005"), null, CollectionSubject.UserFee, month, 300_000,
            new DateOnly(2024, 4, 30), month, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Domain.Collection.Charge.Evolve)!;
    }

    [Fact]
    public void a_late_charge_settled_in_full_is_assessed_its_late_fee_once_and_it_becomes_a_charge()
    {
        var charge = Charge();
        var onTime = charge.Receive(100_000, new DateOnly(2024, 4, 30), new DateOnly(2024, 4, 30), PaymentChannel.Slip);
        var late = Domain.Collection.Charge.Evolve(charge, onTime)!.Receive(200_000, new DateOnly(2024, 7, 15), new DateOnly(2024, 7, 15), PaymentChannel.Slip);
        Charge(onTime).AssessLateFee(CollectionRuleSet.Default, new DateOnly(2024, 7, 15)).ShouldBeNull();   // still owing

        var settled = Charge(onTime, late);
        var assessed = settled.AssessLateFee(CollectionRuleSet.Default, new DateOnly(2024, 7, 15))!;
        // 200,000 × 2.4 % × 31/365 + 200,000 × 8.7 % × 45/365 = 407.7 + 2,145.2 = 2,552.9 → 2,500
        assessed.Amount.ShouldBe(2_500);
        var lateFee = settled.LateFeeCharge(assessed, CollectionRuleSet.Default, "C2");
        (lateFee.Subject, lateFee.Amount, lateFee.DueDate).ShouldBe((CollectionSubject.LateFee, 2_500L, new DateOnly(2024, 8, 31)));
        var after = Charge(onTime, late, assessed);
        after.LateFee.ShouldBe(2_500);
        after.AsOf(new DateOnly(2024, 7, 14)).LateFee.ShouldBe(0);
        after.AssessLateFee(CollectionRuleSet.Default, new DateOnly(2024, 8, 1)).ShouldBeNull();
    }

    [Fact]
    public void a_charge_paid_on_time_or_in_a_year_without_published_rates_gets_no_late_fee()
    {
        var charge = Charge();
        Charge(charge.Receive(300_000, new DateOnly(2024, 4, 30), new DateOnly(2024, 4, 30), PaymentChannel.Slip))
            .AssessLateFee(CollectionRuleSet.Default, new DateOnly(2024, 4, 30)).ShouldBeNull();
        Charge(charge.Receive(300_000, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), PaymentChannel.Slip))
            .AssessLateFee(CollectionRuleSet.Default, new DateOnly(2026, 5, 1)).ShouldBeNull();
    }
}

/// <summary>不納欠損: proposed once the 時効 has completed, approved by someone else (REFERENCE.md §15 example 20).</summary>
public class WriteOffTests
{
    private static Charge April2025(params object[] later)
    {
        var month = new DateOnly(2025, 4, 1);
        var assessed = Charge.Assess("C1", Guid.Parse("c0000000-0000-0000-0000-000000000006"), null, CollectionSubject.UserFee, month, 30_000, new DateOnly(2025, 4, 30),
            month, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    [Fact]
    public void a_charge_prescribed_at_the_end_of_30_april_2030_can_be_written_off_from_1_may_by_a_second_person()
    {
        var charge = April2025();
        Should.Throw<DomainRuleException>(() => charge.ProposeWriteOff(new DateOnly(2030, 4, 30), WriteOffReason.Prescription, "clerk-a")).Rule.ShouldBe("write-off.not-prescribed");

        var proposed = charge.ProposeWriteOff(new DateOnly(2030, 5, 1), WriteOffReason.Prescription, "clerk-a");
        proposed.Amount.ShouldBe(30_000);
        var pending = April2025(proposed);
        Should.Throw<DomainRuleException>(() => pending.ApproveWriteOff(new DateOnly(2030, 5, 2), "clerk-a")).Rule.ShouldBe("write-off.same-person");

        var writtenOff = April2025(proposed, pending.ApproveWriteOff(new DateOnly(2030, 5, 2), "supervisor-b"));
        (writtenOff.Outstanding, writtenOff.StatusOn(new DateOnly(2030, 5, 2))).ShouldBe((0L, ChargeStatus.WrittenOff));
        writtenOff.AsOf(new DateOnly(2030, 5, 1)).Outstanding.ShouldBe(30_000);
        var paidAfter = writtenOff.Receive(5_000, new DateOnly(2030, 6, 1), new DateOnly(2030, 6, 1), PaymentChannel.Slip);
        April2025(proposed, pending.ApproveWriteOff(new DateOnly(2030, 5, 2), "supervisor-b"), paidAfter).Overpaid.ShouldBe(5_000);
    }
}

/// <summary>分納誓約: its checks, and the 承認 it gives each charge covered.</summary>
public class InstallmentPlanTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000007");

    private static Charge Owing(long amount = 30_000)
    {
        var month = new DateOnly(2027, 4, 1);
        return Charge.Evolve(null, Charge.Assess("C1", Payer, null, CollectionSubject.UserFee, month, amount, new DateOnly(2027, 4, 30), month, ChargeSource.Manual, 1))!;
    }

    [Theory]
    [InlineData("2027-06-30", "2027-07-31", "installments.due-dates")]   // first due before the 誓約日
    [InlineData("2027-08-31", "2027-07-31", "installments.due-dates")]   // not in order
    public void installments_fall_due_in_order_from_the_agreement(string first, string second, string rule) =>
        Should.Throw<DomainRuleException>(() => InstallmentPlan.Agree(Payer, new DateOnly(2027, 7, 1), [Owing()],
            [new Installment(15_000, DateOnly.Parse(first)), new Installment(15_000, DateOnly.Parse(second))])).Rule.ShouldBe(rule);

    [Fact]
    public void another_payers_charge_cannot_be_covered() =>
        Should.Throw<DomainRuleException>(() => InstallmentPlan.Agree(Guid.NewGuid(), new DateOnly(2027, 7, 1), [Owing()], [new Installment(30_000, new DateOnly(2027, 7, 31))]))
            .Rule.ShouldBe("installments.other-payer");

    [Fact]
    public void the_agreement_renews_each_charge_from_the_next_day()
    {
        var charge = Owing();
        var agreed = InstallmentPlan.Agree(Payer, new DateOnly(2027, 7, 1), [charge], [new Installment(30_000, new DateOnly(2027, 7, 31))]);
        var acknowledged = Charge.Evolve(charge, new InstallmentPlanAcknowledged(charge.Id, agreed.PlanId, agreed.AgreedOn))!;
        acknowledged.PrescriptionDate.ShouldBe(new DateOnly(2032, 7, 1));
        acknowledged.AsOf(new DateOnly(2027, 6, 30)).PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));
    }
}
