using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

/// <summary>
/// REFERENCE.md §1: under 年齢計算ニ関スル法律 a child reaches age N on the day before the Nth
/// birthday (満N歳に達する日).
/// </summary>
public class DateOfReachingAgeTests
{
    [Fact]
    public void when_born_2024_05_10_the_child_reaches_three_on_2027_05_09() =>
        JapaneseDates.DateOfReachingAge(new DateOnly(2024, 5, 10), 3).ShouldBe(new DateOnly(2027, 5, 9));

    [Fact]
    public void when_born_on_29_february_the_child_reaches_an_age_on_28_february_of_a_common_year() =>
        JapaneseDates.DateOfReachingAge(new DateOnly(2024, 2, 29), 3).ShouldBe(new DateOnly(2027, 2, 28));

    [Fact]
    public void when_born_on_29_february_the_child_reaches_an_age_on_28_february_of_a_leap_year_too() =>
        // The 4th birthday is 2028-02-29 itself, so the reaching day is the day before it.
        JapaneseDates.DateOfReachingAge(new DateOnly(2024, 2, 29), 4).ShouldBe(new DateOnly(2028, 2, 28));

    [Fact]
    public void when_born_on_1_january_the_child_reaches_an_age_on_31_december_of_the_previous_year() =>
        JapaneseDates.DateOfReachingAge(new DateOnly(2024, 1, 1), 6).ShouldBe(new DateOnly(2029, 12, 31));
}
