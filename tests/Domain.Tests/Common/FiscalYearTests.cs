using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

/// <summary>REFERENCE.md §1: 年度 runs from 1 April to 31 March.</summary>
public class FiscalYearTests
{
    [Fact]
    public void when_the_date_is_31_march_2027_it_belongs_to_fiscal_year_2026() =>
        JapaneseDates.FiscalYearOf(new DateOnly(2027, 3, 31)).ShouldBe(2026);

    [Fact]
    public void when_the_date_is_1_april_2027_it_belongs_to_fiscal_year_2027() =>
        JapaneseDates.FiscalYearOf(new DateOnly(2027, 4, 1)).ShouldBe(2027);

    [Fact]
    public void when_the_date_is_31_december_it_belongs_to_the_fiscal_year_of_its_calendar_year() =>
        JapaneseDates.FiscalYearOf(new DateOnly(2026, 12, 31)).ShouldBe(2026);

    [Fact]
    public void when_the_date_is_1_january_it_belongs_to_the_previous_fiscal_year() =>
        JapaneseDates.FiscalYearOf(new DateOnly(2027, 1, 1)).ShouldBe(2026);
}
