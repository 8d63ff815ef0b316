namespace KosodateShien.Domain.Tests.Collection;

using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;

/// <summary>
/// What follows a 督促 (REFERENCE.md §7): 返戻 and 公示送達, 督促停止・催告停止, 催告, 債務承認 in a 納付相談 and 滞納処分の執行停止,
/// with the 時効 and 不納欠損 they lead to. Dates in the comments are worked by hand.
/// </summary>
public class DunningFollowUpTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000011");

    /// <summary>A 30,000-yen 基本保育料 for the month, due at its end, followed by <paramref name="later"/>.</summary>
    private static Charge Charge(DateOnly month, params object[] later)
    {
        var assessed = Domain.Collection.Charge.Assess("C1", Payer, null, CollectionSubject.UserFee, month, 30_000, JapaneseDates.EndOfMonth(month), month,
            ChargeSource.Manual, 1);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Domain.Collection.Charge.Evolve)!;
    }

    private static readonly DateOnly April2027 = new(2027, 4, 1);
    private static readonly DateOnly April2025 = new(2025, 4, 1);

    private static Charge Then(Charge charge, object e) => Domain.Collection.Charge.Evolve(charge, e)!;

    [Fact]
    public void a_returned_dunning_renews_nothing_until_its_public_notice_takes_effect_seven_days_on()
    {
        // 納期限 2027-04-30. 督促 2027-05-20: 指定期限 05-30, 時効 renewed from 05-30 → 時効完成 2032-05-29.
        var dunned = Then(Charge(April2027), Charge(April2027).Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default));
        dunned.PrescriptionDate.ShouldBe(new DateOnly(2032, 5, 29));

        // 返戻 2027-05-25: not served, so no 指定期限 runs and the 時効 is back to 納期限's: from 2027-05-01 to 2032-04-30.
        var returned = Then(dunned, dunned.ReturnDunning(new DateOnly(2027, 5, 25)));
        (returned.Dunning!.DeadlineInForce, returned.Dunning.ServedOn, returned.Renewals.Count).ShouldBe(((DateOnly?)null, (DateOnly?)null, 0));
        returned.PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));
        returned.AsOf(new DateOnly(2027, 5, 24)).PrescriptionDate.ShouldBe(new DateOnly(2032, 5, 29));

        // 公示 2027-06-01 (地方税法20条の2③): counting 06-01 as day 1, 7 days have passed at the end of 06-07, so it is served
        // on 06-08 (= 公示日 + 7). 指定期限 = 06-08 + 10 = 06-18; the new 時効 period starts 06-08 + 10 = 2027-06-18 and ends the
        // day before 2032-06-18: 2032-06-17.
        var notice = returned.PostDunningPublicNotice(new DateOnly(2027, 6, 1), CollectionRuleSet.Default);
        (notice.ServedOn, notice.DesignatedDeadline, notice.RenewalStartsOn)
            .ShouldBe((new DateOnly(2027, 6, 8), new DateOnly(2027, 6, 18), new DateOnly(2027, 6, 18)));
        var served = Then(returned, notice);
        (served.Dunning!.ServedOn, served.Dunning.DeadlineInForce).ShouldBe(((DateOnly?)new DateOnly(2027, 6, 8), (DateOnly?)new DateOnly(2027, 6, 18)));
        served.PrescriptionDate.ShouldBe(new DateOnly(2032, 6, 17));
        served.Renewals.ShouldHaveSingleItem().ShouldBe(new PrescriptionRenewal(new DateOnly(2027, 6, 8), new DateOnly(2027, 6, 18), "督促 (公示送達)"));
        served.AsOf(new DateOnly(2027, 5, 31)).PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));
    }

    [Fact]
    public void a_return_comes_after_an_issued_dunning_and_a_public_notice_after_a_return_each_once()
    {
        var charge = Charge(April2027);
        Should.Throw<DomainRuleException>(() => charge.ReturnDunning(new DateOnly(2027, 5, 25))).Rule.ShouldBe("dunning.not-issued");
        var dunned = Then(charge, charge.Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default));
        Should.Throw<DomainRuleException>(() => dunned.PostDunningPublicNotice(new DateOnly(2027, 6, 1), CollectionRuleSet.Default)).Rule.ShouldBe("dunning.not-returned");
        var early = Should.Throw<DomainRuleException>(() => dunned.ReturnDunning(new DateOnly(2027, 5, 19)));
        (early.Rule, early.Field).ShouldBe(("dunning.returned-before-issue", "returnedOn"));

        var returned = Then(dunned, dunned.ReturnDunning(new DateOnly(2027, 5, 25)));
        Should.Throw<DomainRuleException>(() => returned.ReturnDunning(new DateOnly(2027, 5, 26))).Rule.ShouldBe("dunning.already-returned");
        var beforeReturn = Should.Throw<DomainRuleException>(() => returned.PostDunningPublicNotice(new DateOnly(2027, 5, 24), CollectionRuleSet.Default));
        (beforeReturn.Rule, beforeReturn.Field).ShouldBe(("dunning.posted-before-return", "postedOn"));
        var posted = Then(returned, returned.PostDunningPublicNotice(new DateOnly(2027, 6, 1), CollectionRuleSet.Default));
        Should.Throw<DomainRuleException>(() => posted.PostDunningPublicNotice(new DateOnly(2027, 6, 2), CollectionRuleSet.Default)).Rule.ShouldBe("dunning.already-posted");
    }

    [Fact]
    public void a_stop_holds_from_its_day_to_the_day_before_its_lifting_and_refuses_dunning_and_reminders_meanwhile()
    {
        var charge = Charge(April2027);
        var stopped = Then(charge, charge.StopCollection(new DateOnly(2027, 5, 10), "生活保護申請中"));
        Should.Throw<DomainRuleException>(() => stopped.StopCollection(new DateOnly(2027, 5, 11), "重複")).Rule.ShouldBe("collection-stop.already-stopped");
        var refused = Should.Throw<DomainRuleException>(() => stopped.Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default));
        (refused.Rule, refused.Field).ShouldBe(("collection.stopped", "issuedOn"));
        Should.Throw<DomainRuleException>(() => stopped.Remind(new DateOnly(2027, 5, 20), new DateOnly(2027, 5, 31))).Rule.ShouldBe("collection.stopped");
        var liftEarly = Should.Throw<DomainRuleException>(() => stopped.LiftCollectionStop(new DateOnly(2027, 5, 9)));
        (liftEarly.Rule, liftEarly.Field).ShouldBe(("collection-stop.lifted-before-stop", "liftedOn"));

        var lifted = Then(stopped, stopped.LiftCollectionStop(new DateOnly(2027, 5, 20)));
        (lifted.IsStoppedOn(new DateOnly(2027, 5, 9)), lifted.IsStoppedOn(new DateOnly(2027, 5, 10)), lifted.IsStoppedOn(new DateOnly(2027, 5, 19)),
            lifted.IsStoppedOn(new DateOnly(2027, 5, 20))).ShouldBe((false, true, true, false));
        lifted.Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default).IssuedOn.ShouldBe(new DateOnly(2027, 5, 20));
        Should.Throw<DomainRuleException>(() => lifted.LiftCollectionStop(new DateOnly(2027, 5, 21))).Rule.ShouldBe("collection-stop.not-stopped");
        lifted.AsOf(new DateOnly(2027, 5, 15)).IsStoppedOn(new DateOnly(2027, 5, 30)).ShouldBeTrue();
    }

    [Fact]
    public void reminders_follow_the_due_date_one_a_day_renew_nothing_and_show_the_stop_that_halted_them()
    {
        var dunned = Then(Charge(April2027), Charge(April2027).Dun(new DateOnly(2027, 5, 20), CollectionRuleSet.Default));
        Should.Throw<DomainRuleException>(() => Charge(April2027).Remind(new DateOnly(2027, 4, 30), new DateOnly(2027, 5, 15))).Rule.ShouldBe("reminder.not-yet-due");
        Should.Throw<DomainRuleException>(() => dunned.Remind(new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 1))).Field.ShouldBe("payBy");

        // 催告 2027-07-01 and 2027-08-02: 時効 stays at the 督促's 2032-05-29 (a 催告 is no 督促 under 自治法236条④).
        var first = Then(dunned, dunned.Remind(new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 15)));
        Should.Throw<DomainRuleException>(() => first.Remind(new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 20))).Rule.ShouldBe("reminder.already-issued");
        var second = Then(first, first.Remind(new DateOnly(2027, 8, 2), new DateOnly(2027, 8, 16)));
        second.PrescriptionDate.ShouldBe(new DateOnly(2032, 5, 29));
        second.Renewals.ShouldHaveSingleItem().Cause.ShouldBe("督促");

        // Stopped on 2027-08-10, while the second 催告 ran (納付期限 08-16): it shows that 停止日; the first had run out.
        var stopped = Then(second, second.StopCollection(new DateOnly(2027, 8, 10), "分納相談中"));
        stopped.Reminders!.Select(r => r.StoppedOn).ShouldBe([null, new DateOnly(2027, 8, 10)]);
        stopped.AsOf(new DateOnly(2027, 8, 9)).Reminders!.Select(r => r.StoppedOn).ShouldBe([null, null]);

        var paid = Then(dunned, dunned.Receive(30_000, new DateOnly(2027, 6, 30), new DateOnly(2027, 6, 30), PaymentChannel.Slip));
        Should.Throw<DomainRuleException>(() => paid.Remind(new DateOnly(2027, 7, 1), new DateOnly(2027, 7, 15))).Rule.ShouldBe("reminder.nothing-owed");
    }

    [Fact]
    public void an_acknowledgement_in_a_payment_consultation_renews_prescription_from_the_next_day_unless_it_came_too_late()
    {
        // 納期限 2027-04-30 → 時効完成 2032-04-30. 債務承認 on 2028-03-10 (民法152条): new period from 2028-03-11, ending the
        // day before 2033-03-11: 2033-03-10.
        var charge = Charge(April2027);
        var (entry, acknowledgements) = NegotiationLog.Record(Payer, new DateOnly(2028, 3, 10), NegotiationKind.Counter, "来庁。分納の相談、滞納額を認める。", "clerk-a", [charge]);
        entry.AcknowledgedChargeIds.ShouldBe([charge.Id]);
        var acknowledged = Then(charge, acknowledgements.ShouldHaveSingleItem());
        acknowledged.PrescriptionDate.ShouldBe(new DateOnly(2033, 3, 10));
        acknowledged.Renewals.ShouldHaveSingleItem().ShouldBe(new PrescriptionRenewal(new DateOnly(2028, 3, 10), new DateOnly(2028, 3, 11), "承認 (納付相談)"));
        acknowledged.AsOf(new DateOnly(2028, 3, 9)).PrescriptionDate.ShouldBe(new DateOnly(2032, 4, 30));

        // 納期限 2025-04-30 → 時効完成 2030-04-30: an acknowledgement on 2030-05-01 comes after the claim is gone and renews nothing.
        var old = Charge(April2025);
        Then(old, old.AcknowledgeDebt(new DateOnly(2030, 5, 1), Guid.NewGuid(), Guid.NewGuid())).PrescriptionDate.ShouldBe(new DateOnly(2030, 4, 30));

        Should.Throw<DomainRuleException>(() => NegotiationLog.Record(Guid.NewGuid(), new DateOnly(2028, 3, 10), NegotiationKind.Phone, "架電", "clerk-a", [charge]))
            .Field.ShouldBe("acknowledgedChargeIds");
        var paid = Then(charge, charge.Receive(30_000, new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 1), PaymentChannel.Slip));
        Should.Throw<DomainRuleException>(() => NegotiationLog.Record(Payer, new DateOnly(2028, 3, 10), NegotiationKind.Phone, "架電", "clerk-a", [paid]))
            .Rule.ShouldBe("negotiation.nothing-owed");
    }

    [Fact]
    public void a_negotiation_log_is_one_stream_per_payer_keeping_its_entries_in_order()
    {
        var (first, _) = NegotiationLog.Record(Payer, new DateOnly(2028, 3, 10), NegotiationKind.Phone, "架電、不在。", "clerk-a", []);
        var (second, _) = NegotiationLog.Record(Payer, new DateOnly(2028, 3, 12), NegotiationKind.Visit, "臨戸、本人と面談。", "clerk-b", []);
        var log = new object[] { first, second }.Aggregate((NegotiationLog?)null, NegotiationLog.Evolve)!;
        (log.Id, log.PayerId).ShouldBe((NegotiationLog.IdFor(Payer), Payer));
        log.Entries.Select(e => (e.Kind, e.StaffUser)).ShouldBe([(NegotiationKind.Phone, "clerk-a"), (NegotiationKind.Visit, "clerk-b")]);
        NegotiationLog.IdFor(Payer).ShouldNotBe(NegotiationLog.IdFor(Guid.NewGuid()));
    }

    [Theory]
    // 停止 2028-06-10: the 3 years count from 2028-06-11 (民法140条) and end the day before 2031-06-11 (民法143条): 2031-06-10.
    [InlineData("2028-06-10", "2031-06-10")]
    // 停止 2028-02-28: counted from 2028-02-29; 2031 has no 29 February, so the period ends at the end of February 2031.
    [InlineData("2028-02-28", "2031-02-28")]
    // 停止 2027-12-31: counted from 2028-01-01, ending 2030-12-31.
    [InlineData("2027-12-31", "2030-12-31")]
    public void an_execution_suspension_extinguishes_the_claim_at_the_end_of_three_years(string suspendedOn, string extinctionDate)
    {
        var charge = Charge(April2027);
        var suspended = Then(charge, charge.SuspendExecution(DateOnly.Parse(suspendedOn), SuspensionGround.Livelihood, false));
        suspended.Suspension!.ExtinctionDate.ShouldBe(DateOnly.Parse(extinctionDate));
    }

    [Fact]
    public void a_suspension_that_continued_three_years_may_be_written_off_from_the_next_day_and_not_a_day_before()
    {
        // 納期限 2027-04-30 (時効 2032-04-30); 執行停止 2028-06-10 (無財産) → 消滅日 2031-06-10, 不納欠損 from 2031-06-11.
        var charge = Charge(April2027);
        var suspended = Then(charge, charge.SuspendExecution(new DateOnly(2028, 6, 10), SuspensionGround.NoAssets, false));

        var early = Should.Throw<DomainRuleException>(() => suspended.ProposeWriteOff(new DateOnly(2031, 6, 10), WriteOffReason.SuspensionMatured, "clerk-a"));
        (early.Rule, early.Field).ShouldBe(("write-off.suspension-not-matured", "reason"));
        suspended.Extinction(new DateOnly(2031, 6, 10)).ShouldBeNull();
        suspended.Extinction(new DateOnly(2031, 6, 11)).ShouldBe((WriteOffReason.SuspensionMatured, new DateOnly(2031, 6, 11)));
        var proposed = suspended.ProposeWriteOff(new DateOnly(2031, 6, 11), WriteOffReason.SuspensionMatured, "clerk-a");
        (proposed.Reason, proposed.Amount).ShouldBe((WriteOffReason.SuspensionMatured, 30_000L));
        Should.Throw<DomainRuleException>(() => suspended.ProposeWriteOff(new DateOnly(2031, 6, 11), WriteOffReason.ImmediateExtinction, "clerk-a"))
            .Rule.ShouldBe("write-off.not-extinguished");
        Should.Throw<DomainRuleException>(() => suspended.ProposeWriteOff(new DateOnly(2031, 6, 11), WriteOffReason.Prescription, "clerk-a"))
            .Rule.ShouldBe("write-off.not-prescribed");

        // Revoked on 2031-06-10, the last day: the claim lives on and the run has nothing to propose; a day later is too late.
        var revoked = Then(suspended, suspended.RevokeSuspension(new DateOnly(2031, 6, 10), "財産判明"));
        revoked.Extinction(new DateOnly(2031, 6, 11)).ShouldBeNull();
        Should.Throw<DomainRuleException>(() => revoked.ProposeWriteOff(new DateOnly(2031, 6, 11), WriteOffReason.SuspensionMatured, "clerk-a"))
            .Rule.ShouldBe("write-off.suspension-not-matured");
        var late = Should.Throw<DomainRuleException>(() => suspended.RevokeSuspension(new DateOnly(2031, 6, 11), null));
        (late.Rule, late.Field).ShouldBe(("suspension.extinguished", "revokedOn"));
        revoked.AsOf(new DateOnly(2031, 6, 9)).Suspension!.RevokedOn.ShouldBeNull();
    }

    [Fact]
    public void immediate_extinction_is_for_no_assets_and_extinguishes_on_the_day_of_the_suspension()
    {
        var charge = Charge(April2027);
        var wrongGround = Should.Throw<DomainRuleException>(() => charge.SuspendExecution(new DateOnly(2028, 6, 10), SuspensionGround.Livelihood, true));
        (wrongGround.Rule, wrongGround.Field).ShouldBe(("suspension.immediate-extinction-ground", "immediateExtinction"));

        var extinguished = Then(charge, charge.SuspendExecution(new DateOnly(2028, 6, 10), SuspensionGround.NoAssets, true));
        extinguished.Suspension!.ExtinctionDate.ShouldBe(new DateOnly(2028, 6, 10));
        extinguished.Extinction(new DateOnly(2028, 6, 10)).ShouldBe((WriteOffReason.ImmediateExtinction, new DateOnly(2028, 6, 10)));
        Should.Throw<DomainRuleException>(() => extinguished.ProposeWriteOff(new DateOnly(2028, 6, 9), WriteOffReason.ImmediateExtinction, "clerk-a"))
            .Rule.ShouldBe("write-off.not-extinguished");
        extinguished.ProposeWriteOff(new DateOnly(2028, 6, 10), WriteOffReason.ImmediateExtinction, "clerk-a").Reason.ShouldBe(WriteOffReason.ImmediateExtinction);
        Should.Throw<DomainRuleException>(() => extinguished.ProposeWriteOff(new DateOnly(2031, 6, 11), WriteOffReason.SuspensionMatured, "clerk-a"))
            .Rule.ShouldBe("write-off.suspension-not-matured");
        Should.Throw<DomainRuleException>(() => extinguished.RevokeSuspension(new DateOnly(2028, 7, 1), null)).Rule.ShouldBe("suspension.extinguished");
        Should.Throw<DomainRuleException>(() => extinguished.Remind(new DateOnly(2028, 7, 1), new DateOnly(2028, 7, 15))).Rule.ShouldBe("reminder.extinguished");
    }

    [Fact]
    public void a_suspension_needs_an_overdue_charge_and_one_at_a_time_and_a_new_one_counts_afresh()
    {
        var charge = Charge(April2027);
        var early = Should.Throw<DomainRuleException>(() => charge.SuspendExecution(new DateOnly(2027, 4, 30), SuspensionGround.Unknown, false));
        (early.Rule, early.Field).ShouldBe(("suspension.not-yet-due", "suspendedOn"));
        var suspended = Then(charge, charge.SuspendExecution(new DateOnly(2028, 6, 10), SuspensionGround.Unknown, false));
        Should.Throw<DomainRuleException>(() => suspended.SuspendExecution(new DateOnly(2028, 7, 1), SuspensionGround.NoAssets, false)).Rule.ShouldBe("suspension.already-suspended");
        Should.Throw<DomainRuleException>(() => charge.RevokeSuspension(new DateOnly(2028, 7, 1), null)).Rule.ShouldBe("suspension.not-suspended");

        // Revoked 2029-01-10, suspended again 2029-03-01: the 3 years start over, to 2032-03-01.
        var revoked = Then(suspended, suspended.RevokeSuspension(new DateOnly(2029, 1, 10), "所在判明"));
        Should.Throw<DomainRuleException>(() => revoked.SuspendExecution(new DateOnly(2029, 1, 9), SuspensionGround.NoAssets, false)).Field.ShouldBe("suspendedOn");
        var again = Then(revoked, revoked.SuspendExecution(new DateOnly(2029, 3, 1), SuspensionGround.NoAssets, false));
        again.Suspension!.ExtinctionDate.ShouldBe(new DateOnly(2032, 3, 1));
        again.Suspensions!.Count.ShouldBe(2);
    }

    [Fact]
    public void the_proposer_takes_the_ground_that_extinguished_the_claim_first()
    {
        // 納期限 2025-04-30: 時効 completes 2030-04-30 (gone from 2030-05-01). A stop from 2027-06-10 would mature at the end of
        // 2030-06-10: later, so the ground is 時効.
        var april2025 = Charge(April2025);
        var late = Then(april2025, april2025.SuspendExecution(new DateOnly(2027, 6, 10), SuspensionGround.NoAssets, false));
        late.Extinction(new DateOnly(2030, 6, 11)).ShouldBe((WriteOffReason.Prescription, new DateOnly(2030, 5, 1)));

        // A stop from 2026-01-15 matures at the end of 2029-01-15, before the 時効: the ground is 執行停止3年継続, from 2029-01-16.
        var early = Then(april2025, april2025.SuspendExecution(new DateOnly(2026, 1, 15), SuspensionGround.NoAssets, false));
        early.Extinction(new DateOnly(2029, 1, 15)).ShouldBeNull();
        early.Extinction(new DateOnly(2030, 6, 11)).ShouldBe((WriteOffReason.SuspensionMatured, new DateOnly(2029, 1, 16)));
    }
}
