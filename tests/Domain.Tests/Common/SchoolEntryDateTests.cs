using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

/// <summary>
/// REFERENCE.md §1/§2 (学校教育法17条): school starts on the first 1 April after the day the child
/// reached 6; a 1 April child reaches 6 on 31 March and enters school the next day.
/// </summary>
public class SchoolEntryDateTests
{
    [Fact]
    public void when_born_2021_04_01_the_child_enters_school_on_2027_04_01() =>
        JapaneseDates.SchoolEntryDate(new DateOnly(2021, 4, 1)).ShouldBe(new DateOnly(2027, 4, 1));

    [Fact]
    public void when_born_2021_04_02_the_child_enters_school_on_2028_04_01() =>
        JapaneseDates.SchoolEntryDate(new DateOnly(2021, 4, 2)).ShouldBe(new DateOnly(2028, 4, 1));

    [Fact]
    public void when_born_2024_05_10_the_child_enters_school_on_2031_04_01() =>
        JapaneseDates.SchoolEntryDate(new DateOnly(2024, 5, 10)).ShouldBe(new DateOnly(2031, 4, 1));

    [Fact]
    public void when_born_2022_03_31_the_child_enters_school_on_2028_04_01() =>
        JapaneseDates.SchoolEntryDate(new DateOnly(2022, 3, 31)).ShouldBe(new DateOnly(2028, 4, 1));
}
