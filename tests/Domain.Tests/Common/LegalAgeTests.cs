using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

/// <summary>REFERENCE.md §1: the legal age (満年齢) goes up on 満N歳に達する日, the day before the birthday.</summary>
public class LegalAgeTests
{
    private static readonly DateOnly BornMay10 = new(2024, 5, 10);
    private static readonly DateOnly BornLeapDay = new(2024, 2, 29);

    [Fact]
    public void when_it_is_the_day_before_the_reaching_day_the_child_is_still_two() =>
        JapaneseDates.LegalAgeOn(BornMay10, new DateOnly(2027, 5, 8)).ShouldBe(2);

    [Fact]
    public void when_it_is_the_reaching_day_the_child_is_three() =>
        JapaneseDates.LegalAgeOn(BornMay10, new DateOnly(2027, 5, 9)).ShouldBe(3);

    [Fact]
    public void when_it_is_the_birthday_the_child_is_still_three() =>
        JapaneseDates.LegalAgeOn(BornMay10, new DateOnly(2027, 5, 10)).ShouldBe(3);

    [Fact]
    public void when_it_is_the_day_before_reaching_four_the_child_is_three() =>
        JapaneseDates.LegalAgeOn(BornMay10, new DateOnly(2028, 5, 8)).ShouldBe(3);

    [Fact]
    public void when_it_is_the_day_of_birth_the_child_is_zero() =>
        JapaneseDates.LegalAgeOn(BornMay10, BornMay10).ShouldBe(0);

    [Fact]
    public void when_the_date_is_before_birth_the_age_is_zero() =>
        JapaneseDates.LegalAgeOn(BornMay10, new DateOnly(2024, 1, 1)).ShouldBe(0);

    [Fact]
    public void when_born_on_29_february_the_child_turns_three_on_28_february_2027()
    {
        JapaneseDates.LegalAgeOn(BornLeapDay, new DateOnly(2027, 2, 27)).ShouldBe(2);
        JapaneseDates.LegalAgeOn(BornLeapDay, new DateOnly(2027, 2, 28)).ShouldBe(3);
    }
}
