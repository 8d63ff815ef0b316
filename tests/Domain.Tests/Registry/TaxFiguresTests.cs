using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>課税情報 consistency (REFERENCE.md §1 tax basis): no negative levies; 非課税 means neither 所得割 nor 均等割.</summary>
public class TaxFiguresTests
{
    [Fact]
    public void when_the_figures_are_consistent_they_are_kept_as_given()
    {
        var figures = TaxFigures.Create(95_000, 5_000, false, FilingType.SalaryReport);

        figures.IncomeLevy.ShouldBe(95_000);
        figures.PerCapitaLevy.ShouldBe(5_000);
        figures.NonTaxable.ShouldBeFalse();
        figures.FilingType.ShouldBe(FilingType.SalaryReport);
    }

    [Fact]
    public void when_the_person_is_non_taxable_with_no_levy_the_figures_are_accepted() =>
        TaxFigures.Create(0, 0, true, FilingType.ResidentTaxReturn).NonTaxable.ShouldBeTrue();

    [Fact]
    public void when_the_income_levy_is_negative_it_is_refused() =>
        ShouldBreakRule(() => TaxFigures.Create(-1, 5_000, false, FilingType.SalaryReport), "tax.negative-amount").Field.ShouldBe("incomeLevy");

    [Fact]
    public void when_the_per_capita_levy_is_negative_it_is_refused() =>
        ShouldBreakRule(() => TaxFigures.Create(0, -1, false, FilingType.SalaryReport), "tax.negative-amount").Field.ShouldBe("perCapitaLevy");

    [Fact]
    public void when_a_non_taxable_person_has_an_income_levy_it_is_refused() =>
        ShouldBreakRule(() => TaxFigures.Create(1_000, 0, true, FilingType.FinalReturn), "tax.non-taxable-with-levy").Field.ShouldBe("nonTaxable");

    [Fact]
    public void when_a_non_taxable_person_has_a_per_capita_levy_it_is_refused() =>
        ShouldBreakRule(() => TaxFigures.Create(0, 5_000, true, FilingType.FinalReturn), "tax.non-taxable-with-levy");

    [Fact]
    public void when_only_the_per_capita_levy_is_charged_the_person_is_taxable_with_zero_income_levy() =>
        TaxFigures.Create(0, 5_000, false, FilingType.SalaryReport).IncomeLevy.ShouldBe(0);
}
