using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

/// <summary>
/// REFERENCE.md §1: クラス年齢 is the age at the start of the 年度, so children born 2 April to
/// 1 April of the next year share a class (a 1 April child reaches the age on 31 March).
/// </summary>
public class ClassAgeTests
{
    [Fact]
    public void when_born_2022_04_01_the_child_is_in_the_three_year_old_class_of_fiscal_2025() =>
        JapaneseDates.ClassAge(new DateOnly(2022, 4, 1), 2025).ShouldBe(3);

    [Fact]
    public void when_born_2022_04_02_the_child_is_in_the_two_year_old_class_of_fiscal_2025() =>
        JapaneseDates.ClassAge(new DateOnly(2022, 4, 2), 2025).ShouldBe(2);

    [Fact]
    public void when_born_2022_04_02_the_child_moves_to_the_three_year_old_class_in_fiscal_2026() =>
        JapaneseDates.ClassAge(new DateOnly(2022, 4, 2), 2026).ShouldBe(3);

    [Fact]
    public void when_born_2023_03_31_the_child_shares_the_class_of_a_child_born_2022_04_02() =>
        JapaneseDates.ClassAge(new DateOnly(2023, 3, 31), 2025).ShouldBe(2);
}
