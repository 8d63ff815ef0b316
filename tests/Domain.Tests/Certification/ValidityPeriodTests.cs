namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 validity periods (府令8条): 1号/2号 to 就学 (the day before = 3/31); 3号 to the day
/// before 満3歳に達する日, then 2号 by itself; a need's own end and the requested end cap the period.
/// </summary>
public class ValidityPeriodTests : CertificationSpec
{
    [Fact]
    public void when_category_3_is_certified_it_ends_the_day_before_reaching_three_and_continues_as_2_until_school()
    {
        // Born 2024-05-10: 満3歳に達する日 2027-05-09 → 3号 to 2027-05-08; 就学 2031-04-01 → 2号 to 2031-03-31.
        var assessment = Assess(ToddlerBirth, April2027, BothWork(100, 170));

        assessment.ValidFrom.ShouldBe(April2027);
        assessment.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        assessment.ContinuesAsCategory2Until.ShouldBe(new DateOnly(2031, 3, 31));
    }

    [Fact]
    public void when_the_desired_end_is_after_reaching_three_the_continuation_runs_to_the_desired_end()
    {
        var assessment = Assess(ToddlerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2028, 3, 31));

        assessment.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        assessment.ContinuesAsCategory2Until.ShouldBe(new DateOnly(2028, 3, 31));
    }

    [Fact]
    public void when_the_desired_end_comes_before_reaching_three_there_is_no_continuation()
    {
        var assessment = Assess(ToddlerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2027, 4, 30));

        assessment.Category.ShouldBe(CertificationCategory.Category3);
        assessment.ValidTo.ShouldBe(new DateOnly(2027, 4, 30));
        assessment.ContinuesAsCategory2Until.ShouldBeNull();
    }

    [Fact]
    public void when_the_desired_end_is_the_day_before_reaching_three_there_is_no_continuation()
    {
        var assessment = Assess(ToddlerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2027, 5, 8));

        assessment.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        assessment.ContinuesAsCategory2Until.ShouldBeNull();
    }

    [Fact]
    public void when_the_desired_end_is_the_day_of_reaching_three_the_2号_continuation_is_that_one_day()
    {
        var assessment = Assess(ToddlerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2027, 5, 9));

        assessment.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        assessment.ContinuesAsCategory2Until.ShouldBe(new DateOnly(2027, 5, 9));
    }

    [Fact]
    public void when_category_2_is_certified_it_ends_on_31_march_before_school()
    {
        // Born 2022-06-15: 就学 2029-04-01 → 2029-03-31.
        var assessment = Assess(PreschoolerBirth, April2027, BothWork(100, 170));

        assessment.ValidTo.ShouldBe(new DateOnly(2029, 3, 31));
        assessment.ContinuesAsCategory2Until.ShouldBeNull();
    }

    [Fact]
    public void when_category_1_is_certified_it_ends_on_31_march_before_school() =>
        Assess(PreschoolerBirth, April2027, [], wantsNurseryCare: false).ValidTo.ShouldBe(new DateOnly(2029, 3, 31));

    [Fact]
    public void when_a_need_has_an_end_date_the_period_ends_with_it()
    {
        // 妊娠・出産: the need ends 8 weeks after the birth (Until), before 就学.
        CareNeed[] needs = [new(Mother, CareNeedReason.Pregnancy, null, new DateOnly(2027, 8, 31)), Works(Father, 170)];

        Assess(PreschoolerBirth, April2027, needs).ValidTo.ShouldBe(new DateOnly(2027, 8, 31));
    }

    [Fact]
    public void when_the_desired_end_comes_before_school_the_period_ends_on_it() =>
        Assess(PreschoolerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2028, 3, 31))
            .ValidTo.ShouldBe(new DateOnly(2028, 3, 31));

    [Fact]
    public void when_the_desired_end_is_after_school_entry_the_period_still_ends_before_school() =>
        Assess(PreschoolerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2030, 3, 31))
            .ValidTo.ShouldBe(new DateOnly(2029, 3, 31));

    [Fact]
    public void when_the_desired_end_is_before_the_start_the_period_is_empty()
    {
        var error = ShouldBreakRule(
            () => Assess(PreschoolerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2027, 3, 31)), "certification.empty-period");

        error.Field.ShouldBe("desiredTo");
    }

    [Fact]
    public void when_the_start_is_the_school_entry_date_it_cannot_be_certified()
    {
        var error = ShouldBreakRule(() => Assess(PreschoolerBirth, new DateOnly(2029, 4, 1), BothWork(100, 170)), "certification.school-age");

        error.Field.ShouldBe("desiredFrom");
    }

    [Fact]
    public void when_the_start_is_after_school_entry_it_cannot_be_certified() =>
        ShouldBreakRule(() => Assess(PreschoolerBirth, new DateOnly(2029, 6, 1), BothWork(100, 170)), "certification.school-age");

    [Fact]
    public void when_the_start_is_the_last_day_before_school_the_period_is_that_one_day()
    {
        var lastDay = new DateOnly(2029, 3, 31);

        var assessment = Assess(PreschoolerBirth, lastDay, BothWork(100, 170));

        assessment.ValidFrom.ShouldBe(lastDay);
        assessment.ValidTo.ShouldBe(lastDay);
    }
}
