namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>REFERENCE.md §2 procedure: an application ends in 認定, 却下 or 取下, each only while it is pending.</summary>
public class DecisionTests : CertificationSpec
{
    [Fact]
    public void when_approved_the_certification_carries_the_assessment_with_history_number_1()
    {
        var given = Given(Applied());

        var approved = given.Approve(DecisionDate, "N-0001", ToddlerAssessment());
        var state = Then(given, approved);

        approved.HistoryNumber.ShouldBe(1);
        state.Status.ShouldBe(CertificationStatus.Certified);
        state.CertificationNumber.ShouldBe("N-0001");
        state.Category.ShouldBe(CertificationCategory.Category3);
        state.CareLevel.ShouldBe(CareLevel.Short);
        state.PrimaryReason.ShouldBe(CareNeedReason.Employment);
        state.ValidFrom.ShouldBe(April2027);
        state.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        state.ContinuesAsCategory2Until.ShouldBe(new DateOnly(2031, 3, 31));
        state.DecisionDate.ShouldBe(DecisionDate);
        state.HistoryNumber.ShouldBe(1);
    }

    [Fact]
    public void when_the_decision_date_is_before_the_application_approval_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).Approve(new DateOnly(2026, 12, 9), "N-0001", ToddlerAssessment()),
            "certification.decision-before-application");

    [Fact]
    public void when_rejected_the_certification_is_closed_with_the_reason()
    {
        var given = Given(Applied());

        var state = Then(given, given.Reject(DecisionDate, "保育の必要性が認められないため"));

        state.Status.ShouldBe(CertificationStatus.Rejected);
        state.ClosingReason.ShouldBe("保育の必要性が認められないため");
        state.ClosedOn.ShouldBe(DecisionDate);
        state.DecisionDate.ShouldBe(DecisionDate);
    }

    [Fact]
    public void when_rejecting_without_a_reason_it_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).Reject(DecisionDate, ""), "reason-required");

    [Fact]
    public void when_withdrawn_the_certification_is_closed_with_the_reason()
    {
        var given = Given(Applied());

        var state = Then(given, given.Withdraw(new DateOnly(2026, 12, 20), "転居のため"));

        state.Status.ShouldBe(CertificationStatus.Withdrawn);
        state.ClosingReason.ShouldBe("転居のため");
        state.ClosedOn.ShouldBe(new DateOnly(2026, 12, 20));
    }

    [Fact]
    public void when_already_approved_it_cannot_be_approved_again() =>
        ShouldBreakRule(() => GivenCertified().Approve(DecisionDate, "N-0002", ToddlerAssessment()), "certification.not-applied");

    [Fact]
    public void when_already_approved_it_cannot_be_rejected() =>
        ShouldBreakRule(() => GivenCertified().Reject(DecisionDate, "誤り"), "certification.not-applied");

    [Fact]
    public void when_already_approved_it_cannot_be_withdrawn() =>
        ShouldBreakRule(() => GivenCertified().Withdraw(DecisionDate, "不要"), "certification.not-applied");

    [Fact]
    public void when_rejected_it_cannot_be_approved() =>
        ShouldBreakRule(
            () => Given(Applied(), new CertificationRejected(CertificationId, DecisionDate, "要件なし")).Approve(DecisionDate, "N-0001", ToddlerAssessment()),
            "certification.not-applied");

    [Fact]
    public void when_withdrawn_it_cannot_be_rejected() =>
        ShouldBreakRule(
            () => Given(Applied(), new CertificationWithdrawn(CertificationId, DecisionDate, "不要")).Reject(DecisionDate, "要件なし"),
            "certification.not-applied");
}
