namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// 認定履歴: past months keep the category they had. The toddler (born 2024-05-10) is 3号 短時間 from 2027-04-01 and
/// becomes 2号 on 2027-05-09; a 税更正 recomputing April must still see 3号.
/// </summary>
public class CertifiedPeriodTests : CertificationSpec
{
    private static readonly DateOnly ReachesThree = new(2027, 5, 9);

    [Fact]
    public void when_approved_there_is_one_period_with_the_decided_category()
    {
        var period = GivenCertified().History.ShouldHaveSingleItem();

        period.From.ShouldBe(April2027);
        period.To.ShouldBe(ReachesThree.AddDays(-1));
        period.Category.ShouldBe(CertificationCategory.Category3);
        period.HistoryNumber.ShouldBe(1);
    }

    [Fact]
    public void when_the_child_turns_three_april_stays_category_3_and_june_is_category_2()
    {
        var given = GivenCertified();
        var state = Then(given, [.. given.ChangeAtAgeThree(ReachesThree)]);

        state.History.Count.ShouldBe(2);
        state.PeriodInMonth(April2027)!.Category.ShouldBe(CertificationCategory.Category3);
        state.PeriodInMonth(new DateOnly(2027, 6, 1))!.Category.ShouldBe(CertificationCategory.Category2);
        // Months are judged on their first day: May is still 3号, the change counts from June.
        state.PeriodInMonth(new DateOnly(2027, 5, 1))!.HistoryNumber.ShouldBe(1);
        state.PeriodOn(ReachesThree)!.HistoryNumber.ShouldBe(2);
    }

    [Fact]
    public void when_cancelled_the_months_before_keep_their_period_and_later_months_have_none()
    {
        var state = GivenCertified(new CertificationCancelled(CertificationId, new DateOnly(2027, 4, 20), "転出"));

        state.PeriodInMonth(April2027)!.To.ShouldBe(new DateOnly(2027, 4, 19));
        state.PeriodInMonth(new DateOnly(2027, 5, 1)).ShouldBeNull();
    }

    [Fact]
    public void of_several_certifications_the_month_is_judged_on_the_one_in_force_on_its_first_day()
    {
        // The first certification ends on 20 April (取消); a new one, 2号 標準, starts on 21 April.
        var first = GivenCertified(new CertificationCancelled(CertificationId, new DateOnly(2027, 4, 20), "転居"));
        var second = first with
        {
            Id = Guid.NewGuid(),
            Periods = [new CertifiedPeriod(new DateOnly(2027, 4, 21), new DateOnly(2028, 3, 31), CertificationCategory.Category2, CareLevel.Standard, 1)],
        };

        KosodateShien.Domain.Certification.Certification.PeriodInMonth([second, first], April2027)!.Category.ShouldBe(CertificationCategory.Category3);
        KosodateShien.Domain.Certification.Certification.PeriodInMonth([first, second], new DateOnly(2027, 5, 1))!.Category.ShouldBe(CertificationCategory.Category2);
        // Certified only from within the month: the first period to start counts.
        KosodateShien.Domain.Certification.Certification.PeriodInMonth([second], April2027)!.From.ShouldBe(new DateOnly(2027, 4, 21));
    }

    [Fact]
    public void when_nothing_is_certified_yet_there_is_no_period() =>
        Given(Applied()).PeriodInMonth(April2027).ShouldBeNull();
}
