namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 categories (法19条): 1号 = 満3歳以上 without 保育必要性; 2号 = 満3歳以上 with it;
/// 3号 = 満3歳未満 with it. Age is judged on the start date; 満3歳 is reached the day before the 3rd birthday (§1).
/// </summary>
public class CategoryTests : CertificationSpec
{
    // Born 2024-04-02: reaches 3 on 2027-04-01, exactly the start date.
    private static readonly DateOnly ReachesThreeOnStart = new(2024, 4, 2);

    // Born 2024-04-03: reaches 3 on 2027-04-02, the day after the start date.
    private static readonly DateOnly ReachesThreeDayAfterStart = new(2024, 4, 3);

    [Fact]
    public void when_a_child_over_three_needs_care_it_is_category_2() =>
        Assess(PreschoolerBirth, April2027, BothWork(100, 170)).Category.ShouldBe(CertificationCategory.Category2);

    [Fact]
    public void when_a_child_reaches_three_on_the_start_date_it_is_category_2()
    {
        var assessment = Assess(ReachesThreeOnStart, April2027, BothWork(100, 170));

        assessment.Category.ShouldBe(CertificationCategory.Category2);
        assessment.ContinuesAsCategory2Until.ShouldBeNull();
    }

    [Fact]
    public void when_a_child_reaches_three_the_day_after_the_start_date_it_is_category_3()
    {
        var assessment = Assess(ReachesThreeDayAfterStart, April2027, BothWork(100, 170));

        assessment.Category.ShouldBe(CertificationCategory.Category3);
        assessment.ValidTo.ShouldBe(April2027);
    }

    [Fact]
    public void when_a_child_under_three_needs_care_it_is_category_3() =>
        Assess(ToddlerBirth, April2027, BothWork(100, 170)).Category.ShouldBe(CertificationCategory.Category3);

    [Fact]
    public void when_a_child_over_three_does_not_need_care_it_is_category_1_without_a_care_level()
    {
        var assessment = Assess(PreschoolerBirth, April2027, [], wantsNurseryCare: false);

        assessment.Category.ShouldBe(CertificationCategory.Category1);
        assessment.CareLevel.ShouldBeNull();
        assessment.PrimaryReason.ShouldBeNull();
        assessment.Basis.Guardians.ShouldBeEmpty();
    }

    [Fact]
    public void when_a_child_reaches_three_on_the_start_date_without_need_it_is_category_1() =>
        Assess(ReachesThreeOnStart, April2027, [], wantsNurseryCare: false).Category.ShouldBe(CertificationCategory.Category1);

    [Fact]
    public void when_a_child_under_three_does_not_need_care_it_cannot_be_certified()
    {
        var error = ShouldBreakRule(() => Assess(ToddlerBirth, April2027, [], wantsNurseryCare: false), "certification.under-three-needs-care");

        error.Field.ShouldBe("wantsNurseryCare");
    }

    [Fact]
    public void when_care_is_wanted_but_no_need_is_given_it_cannot_be_certified() =>
        ShouldBreakRule(() => Assess(PreschoolerBirth, April2027, []), "certification.care-need-required");

    [Fact]
    public void when_the_start_date_is_before_birth_it_cannot_be_certified() =>
        ShouldBreakRule(() => Assess(new DateOnly(2027, 5, 1), April2027, BothWork(100, 170)), "certification.before-birth");
}
