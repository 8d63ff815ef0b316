namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 procedure: Certified → Changed (事由/必要量/区分, new 履歴番号) → Certified;
/// Certified → Cancelled (取消日, 取消理由).
/// </summary>
public class ChangeAndCancelTests : CertificationSpec
{
    private static readonly DateOnly ChangeDate = new(2027, 4, 20);
    private static readonly CareNeed[] BothFullTime = BothWork(160, 170);

    [Fact]
    public void when_changed_within_the_valid_period_the_history_number_goes_up_by_one()
    {
        var given = GivenCertified();
        var assessment = Assess(ToddlerBirth, ChangeDate, BothFullTime);

        var changed = given.Change(ChangeDate, "就労時間の増加", BothFullTime, assessment);
        var state = Then(given, changed);

        changed.HistoryNumber.ShouldBe(2);
        state.HistoryNumber.ShouldBe(2);
        state.CareLevel.ShouldBe(CareLevel.Standard);
        state.ValidFrom.ShouldBe(ChangeDate);
        state.Needs.ShouldBe(BothFullTime);
        state.Status.ShouldBe(CertificationStatus.Certified);
    }

    [Fact]
    public void when_changed_twice_the_history_number_is_3()
    {
        var given = GivenCertified();
        var first = given.Change(ChangeDate, "就労時間の増加", BothFullTime, Assess(ToddlerBirth, ChangeDate, BothFullTime));
        var afterFirst = Then(given, first);

        var second = afterFirst.Change(new DateOnly(2027, 5, 1), "就労時間の減少", BothWork(100, 170),
            Assess(ToddlerBirth, new DateOnly(2027, 5, 1), BothWork(100, 170)));

        second.HistoryNumber.ShouldBe(3);
        Then(afterFirst, second).CareLevel.ShouldBe(CareLevel.Short);
    }

    [Fact]
    public void when_the_change_date_is_the_last_valid_day_it_is_allowed() =>
        GivenCertified().Change(new DateOnly(2027, 5, 8), "就労時間の増加", BothFullTime, Assess(ToddlerBirth, new DateOnly(2027, 5, 8), BothFullTime))
            .ChangeDate.ShouldBe(new DateOnly(2027, 5, 8));

    [Fact]
    public void when_the_change_date_is_after_the_valid_period_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => GivenCertified().Change(new DateOnly(2031, 4, 1), "就労時間の増加", BothFullTime, ToddlerAssessment()), "certification.change-outside-period");

        error.Field.ShouldBe("changeDate");
    }

    [Fact]
    public void when_the_change_date_is_before_the_valid_period_it_is_refused() =>
        ShouldBreakRule(
            () => GivenCertified().Change(new DateOnly(2027, 3, 31), "就労時間の増加", BothFullTime, ToddlerAssessment()), "certification.change-outside-period");

    [Fact]
    public void when_the_certification_is_only_applied_for_it_cannot_be_changed() =>
        ShouldBreakRule(() => Given(Applied()).Change(ChangeDate, "就労時間の増加", BothFullTime, ToddlerAssessment()), "certification.not-certified");

    [Fact]
    public void when_changing_without_a_reason_it_is_refused() =>
        ShouldBreakRule(() => GivenCertified().Change(ChangeDate, " ", BothFullTime, ToddlerAssessment()), "reason-required");

    [Fact]
    public void when_cancelled_the_certification_is_closed_with_date_and_reason()
    {
        var given = GivenCertified();

        var cancelled = given.Cancel(new DateOnly(2027, 6, 30), "転出");
        var state = Then(given, cancelled);

        state.Status.ShouldBe(CertificationStatus.Cancelled);
        state.ClosedOn.ShouldBe(new DateOnly(2027, 6, 30));
        state.ClosingReason.ShouldBe("転出");
    }

    [Fact]
    public void when_the_cancellation_date_is_before_the_decision_it_is_refused() =>
        ShouldBreakRule(() => GivenCertified().Cancel(new DateOnly(2027, 1, 4), "転出"), "certification.cancel-before-decision");

    [Fact]
    public void when_already_cancelled_it_cannot_be_cancelled_again() =>
        ShouldBreakRule(
            () => GivenCertified(new CertificationCancelled(CertificationId, ChangeDate, "転出")).Cancel(ChangeDate, "転出"), "certification.not-certified");

    [Fact]
    public void when_cancelled_it_cannot_be_changed() =>
        ShouldBreakRule(
            () => GivenCertified(new CertificationCancelled(CertificationId, ChangeDate, "転出"))
                .Change(ChangeDate, "就労時間の増加", BothFullTime, ToddlerAssessment()),
            "certification.not-certified");

    [Fact]
    public void when_the_application_was_withdrawn_it_cannot_be_cancelled() =>
        ShouldBreakRule(
            () => Given(Applied(), new CertificationWithdrawn(CertificationId, DecisionDate, "不要")).Cancel(DecisionDate, "転出"),
            "certification.not-certified");
}
