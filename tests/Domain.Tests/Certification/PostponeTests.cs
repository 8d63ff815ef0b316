namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

/// <summary>
/// REFERENCE.md §2 (法20条6項ただし書): a 延期通知 moves the 30-day decision limit later. The law lets the
/// municipality postpone only by a notice given "当該申請のあった日から30日以内" (applied 2026-12-10 → by 2027-01-09).
/// </summary>
public class PostponeTests : CertificationSpec
{
    private static readonly DateOnly NoticeDate = new(2027, 1, 8);

    [Fact]
    public void when_the_decision_is_postponed_the_due_date_moves_later()
    {
        var given = Given(Applied());

        var postponed = given.Postpone(NoticeDate, new DateOnly(2027, 2, 8), "勤務先への確認に時間を要するため");

        postponed.NewDueDate.ShouldBe(new DateOnly(2027, 2, 8));
        Then(given, postponed).DecisionDueDate.ShouldBe(new DateOnly(2027, 2, 8));
    }

    [Fact]
    public void when_the_new_due_date_is_the_current_one_postponing_is_refused()
    {
        var error = ShouldBreakRule(() => Given(Applied()).Postpone(NoticeDate, new DateOnly(2027, 1, 9), "確認中"), "certification.postpone-earlier");

        error.Field.ShouldBe("newDueDate");
    }

    [Fact]
    public void when_the_new_due_date_is_earlier_postponing_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).Postpone(NoticeDate, new DateOnly(2027, 1, 1), "確認中"), "certification.postpone-earlier");

    [Fact]
    public void when_no_reason_is_given_postponing_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).Postpone(NoticeDate, new DateOnly(2027, 2, 8), " "), "reason-required");

    [Fact]
    public void when_the_certification_is_decided_it_can_no_longer_be_postponed() =>
        ShouldBreakRule(() => GivenCertified().Postpone(NoticeDate, new DateOnly(2027, 2, 8), "確認中"), "certification.not-applied");

    [Fact]
    public void when_the_notice_is_given_on_the_last_day_of_the_30_days_postponing_is_allowed() =>
        Given(Applied()).Postpone(new DateOnly(2027, 1, 9), new DateOnly(2027, 2, 8), "確認中").NoticeDate.ShouldBe(new DateOnly(2027, 1, 9));

    [Fact]
    public void when_the_notice_is_given_after_the_30_day_limit_postponing_is_refused() =>
        // 法20条6項ただし書: the 延期通知 itself must reach the guardian within 30 days of the application;
        // a notice on day 31 (2027-01-10) cannot extend a limit that has already passed.
        Should.Throw<DomainRuleException>(() => Given(Applied()).Postpone(new DateOnly(2027, 1, 10), new DateOnly(2027, 2, 8), "確認中"));
}
