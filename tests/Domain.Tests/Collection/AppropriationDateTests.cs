namespace KosodateShien.Domain.Tests.Collection;

using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;

/// <summary>
/// 充当適状日 (地方税法17条の2④ with 施行令6条の15, applied to 保育料 by analogy): a 充当 takes effect on the later of the
/// target's 納期限 and the day the 過誤納 arose, whatever day it is made; the event keeps both days.
/// </summary>
public class AppropriationDateTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000009");

    private static Charge Charged(int year, int month, long amount, string number, params object[] later)
    {
        var first = new DateOnly(year, month, 1);
        var assessed = Charge.Assess(number, Payer, null, CollectionSubject.UserFee, first, amount, CollectionRuleSet.Default.DueDateFor(CollectionSubject.UserFee, first),
            first, ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Charge.Evolve)!;
    }

    private static Charge Paying(Charge charge, long amount, DateOnly paidOn, DateOnly? bookedOn = null) =>
        Charge.Evolve(charge, charge.Receive(amount, paidOn, bookedOn ?? paidOn, PaymentChannel.Slip))!;

    private static IReadOnlyList<Charge> Settled(IReadOnlyList<Charge> charges, DateOnly on, out IReadOnlyList<object> events)
    {
        var settled = OverpaymentSettlement.Settle(charges, AppropriationOrder.OldestDueFirst, on);
        events = [.. settled.Select(e => e.Event)];
        return [.. charges.Select(c => settled.Where(e => e.ChargeId == c.Id).Aggregate(c, (state, e) => Charge.Evolve(state, e.Event)!))];
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void a_double_payment_applied_days_later_pays_the_overdue_charge_from_the_day_of_the_payment()
    {
        // May paid on 05-20 and again on 07-10; June (納期限 2025-06-30) unpaid; the 充当 is made on 07-15.
        var may = Paying(Paying(Charged(2025, 5, 30_000, "C1"), 30_000, D(2025, 5, 20)), 30_000, D(2025, 7, 10));
        var june = Charged(2025, 6, 30_000, "C2");

        var after = Settled([may, june], D(2025, 7, 15), out var events);

        var received = events.OfType<AppropriationReceived>().ShouldHaveSingleItem();
        (received.AppropriatedOn, received.EffectiveOn, received.BookedOn).ShouldBe((D(2025, 7, 15), D(2025, 7, 10), D(2025, 7, 10)));
        var given = events.OfType<OverpaymentAppropriated>().ShouldHaveSingleItem();
        (given.AppropriatedOn, given.EffectiveOn).ShouldBe((D(2025, 7, 15), D(2025, 7, 10)));
        var paidJune = after[1];
        (paidJune.AsOf(D(2025, 7, 11)).Outstanding, paidJune.AsOf(D(2025, 7, 11)).StatusOn(D(2025, 7, 11))).ShouldBe((0L, ChargeStatus.Paid));
        (paidJune.AsOf(D(2025, 7, 9)).Outstanding, paidJune.AsOf(D(2025, 7, 9)).StatusOn(D(2025, 7, 9))).ShouldBe((30_000L, ChargeStatus.Overdue));
        after[0].AsOf(D(2025, 7, 11)).Overpaid.ShouldBe(0);
        paidJune.LastReductionOn.ShouldBe(D(2025, 7, 10));
        paidJune.Appropriations.ShouldHaveSingleItem().On.ShouldBe(D(2025, 7, 15));
    }

    [Fact]
    public void a_charge_not_yet_due_counts_as_paid_by_the_appropriation_on_its_due_date()
    {
        var april = Paying(Charged(2027, 4, 30_000, "C1"), 35_000, D(2027, 4, 20));
        var may = Charged(2027, 5, 30_000, "C2");

        var after = Settled([april, may], D(2027, 4, 22), out var events);

        events.OfType<AppropriationReceived>().ShouldHaveSingleItem().EffectiveOn.ShouldBe(D(2027, 5, 31));
        (after[1].AsOf(D(2027, 5, 30)).Outstanding, after[1].AsOf(D(2027, 5, 31)).Outstanding).ShouldBe((30_000L, 25_000L));
        (after[0].AsOf(D(2027, 5, 30)).Overpaid, after[0].AsOf(D(2027, 5, 31)).Overpaid).ShouldBe((5_000L, 0L));
    }

    [Fact]
    public void what_an_appropriation_not_yet_in_effect_leaves_beyond_a_payment_is_refunded_from_the_day_it_takes_effect()
    {
        // 20,000 of April's 過誤納 was applied to May (not yet due) on 05-02; the payer then pays 60,000 on May on 05-10.
        var april = Paying(Charged(2027, 4, 30_000, "C1"), 50_000, D(2027, 4, 25));
        var applied = Settled([april, Charged(2027, 5, 30_000, "C2")], D(2027, 5, 2), out _);
        var may = Paying(applied[1], 60_000, D(2027, 5, 10));

        var after = Settled([applied[0], may], D(2027, 5, 10), out var events);

        // 30,000 beyond May's 30,000 from 05-10; the 20,000 applied into it is beyond it only from its 納期限, when the 充当 takes effect.
        events.OfType<RefundDetermined>().Select(r => (r.Amount, r.NotifiedOn)).ShouldBe([(30_000L, D(2027, 5, 10)), (20_000L, D(2027, 5, 31))]);
        (after[1].AsOf(D(2027, 5, 10)).Outstanding, after[1].AsOf(D(2027, 5, 10)).Overpaid, after[1].AsOf(D(2027, 5, 31)).Overpaid).ShouldBe((0L, 0L, 0L));
    }

    [Fact]
    public void each_part_of_an_overpayment_takes_effect_from_the_day_it_arose_and_counts_in_the_books_from_its_booking()
    {
        var april = Charged(2027, 4, 20_000, "C1");
        // 5,000 beyond May's 30,000 on 06-10, and 10,000 more on 06-20 that the bank booked on 06-23.
        var may = Paying(Paying(Charged(2027, 5, 30_000, "C2"), 35_000, D(2027, 6, 10)), 10_000, D(2027, 6, 20), D(2027, 6, 23));

        var after = Settled([april, may], D(2027, 6, 25), out var events);

        events.OfType<AppropriationReceived>().Select(e => (e.Amount, e.EffectiveOn, e.BookedOn))
            .ShouldBe([(5_000L, (DateOnly?)D(2027, 6, 10), (DateOnly?)D(2027, 6, 10)), (10_000L, D(2027, 6, 20), D(2027, 6, 23))]);
        (after[0].AsOf(D(2027, 6, 10)).Outstanding, after[0].AsOf(D(2027, 6, 20)).Outstanding).ShouldBe((15_000L, 5_000L));
        after[0].BooksAsOf(D(2027, 6, 22)).Outstanding.ShouldBe(15_000);
        after[0].BooksAsOf(D(2027, 6, 23)).Outstanding.ShouldBe(5_000);
    }

    [Fact]
    public void the_excess_arises_when_the_second_payment_in_time_was_made_not_when_it_was_recorded()
    {
        // Paid on 07-12 and recorded; a payment made on 07-10 is recorded later: the charge was overpaid from 07-12.
        var june = Charged(2025, 6, 30_000, "C1");
        var may = Paying(Paying(Charged(2025, 5, 30_000, "C2"), 30_000, D(2025, 7, 12)), 30_000, D(2025, 7, 10));

        Settled([june, may], D(2025, 7, 20), out var events);

        events.OfType<AppropriationReceived>().ShouldHaveSingleItem().EffectiveOn.ShouldBe(D(2025, 7, 12));
    }

    [Fact]
    public void a_correction_below_what_was_paid_makes_the_excess_on_its_correction_day()
    {
        var april = Charged(2027, 4, 30_000, "C1");
        var may = Paying(Charged(2027, 5, 30_000, "C2"), 30_000, D(2027, 5, 20));
        var corrected = Charge.Evolve(may, may.Correct(22_000, D(2027, 6, 3), "税更正")!)!;

        Settled([april, corrected], D(2027, 6, 5), out var events);

        events.OfType<AppropriationReceived>().ShouldHaveSingleItem().EffectiveOn.ShouldBe(D(2027, 6, 3));
    }

    [Fact]
    public void a_claim_prescribed_before_the_excess_arose_takes_none_of_it_but_one_prescribed_after_does_even_when_applied_later()
    {
        // April 2025 prescribes at the end of 2030-04-30 (REFERENCE.md §15 example 20).
        var prescribed = Charged(2025, 4, 10_000, "C1");
        var late = Paying(Charged(2030, 4, 30_000, "C2"), 40_000, D(2030, 5, 1));
        Settled([prescribed, late], D(2030, 5, 2), out var events);
        events.OfType<AppropriationReceived>().ShouldBeEmpty();
        events.OfType<RefundDetermined>().ShouldHaveSingleItem().Amount.ShouldBe(10_000);

        var inTime = Paying(Charged(2030, 4, 30_000, "C2"), 40_000, D(2030, 4, 20));
        var after = Settled([prescribed, inTime], D(2030, 5, 10), out events);
        events.OfType<AppropriationReceived>().ShouldHaveSingleItem().EffectiveOn.ShouldBe(D(2030, 4, 20));
        after[0].Outstanding.ShouldBe(0);
    }

    [Fact]
    public void the_late_fee_on_a_charge_paid_off_by_an_appropriation_runs_to_the_day_it_took_effect()
    {
        var april = Charged(2025, 4, 100_000, "C1");
        var august = Paying(Charged(2025, 8, 20_000, "C2"), 120_000, D(2025, 7, 10));

        var after = Settled([april, august], D(2025, 9, 30), out _);

        // 100,000 × 2.4 % × 31/365 (05-01〜05-31) + 100,000 × 8.7 % × 40/365 (06-01〜07-10) = 203.84 + 953.42 = 1,157.26 → 1,100
        // (run to the day the 充当 was made, 09-30, it would be 3,100).
        after[0].LastReceiptOn.ShouldBe(D(2025, 7, 10));
        var lateFee = after[0].AssessLateFee(CollectionRuleSet.Default, D(2025, 7, 10)).ShouldNotBeNull();
        lateFee.Amount.ShouldBe(1_100);
        lateFee.Periods[^1].To.ShouldBe(D(2025, 7, 10));
    }

    [Fact]
    public void an_appropriation_stored_before_the_day_was_kept_takes_effect_on_the_day_it_was_made()
    {
        var june = Charged(2027, 6, 30_000, "C1", new AppropriationReceived(Guid.Empty, Guid.NewGuid(), "C0", 30_000, D(2027, 7, 1), "充当"));

        june.Appropriations.ShouldHaveSingleItem().TakesEffectOn.ShouldBe(D(2027, 7, 1));
        (june.AsOf(D(2027, 6, 30)).Outstanding, june.AsOf(D(2027, 7, 1)).Outstanding).ShouldBe((30_000L, 0L));
        new ChargeAppropriation(D(2027, 7, 1), Guid.NewGuid(), "C0", 30_000, "充当").BooksOn.ShouldBe(D(2027, 7, 1));
    }
}
