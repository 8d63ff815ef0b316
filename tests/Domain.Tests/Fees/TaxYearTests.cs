using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>
/// Which 年度's tax decides the tier (REFERENCE.md §1): April–August the previous 年度's, September–March the current
/// 年度's (9月切替); tiers are read on the month's first day (各月初日).
/// </summary>
public class TaxYearTests
{
    // 年度2026: 95,000 (第4, 30,000); 年度2027: 250,000 (第6, 61,000)
    private static readonly FeeHousehold Household = WithTaxYears(
        new HouseholdTaxYear(2026, 95_000, false),
        new HouseholdTaxYear(2027, 250_000, false));

    private static readonly FeeChild Child = Infant("a", new DateOnly(2026, 1, 15));

    // §1: April–August use 前年度 課税
    [Theory]
    [InlineData(2027, 4)]
    [InlineData(2027, 5)]
    [InlineData(2027, 6)]
    [InlineData(2027, 7)]
    [InlineData(2027, 8)]
    public void when_the_month_is_april_to_august_the_previous_fiscal_years_tax_decides_the_fee(int year, int month)
    {
        var fee = QuoteOne(National, new DateOnly(year, month, 1), Household, Child);

        fee.Basis.TaxFiscalYear.ShouldBe(2026);
        fee.Basis.IncomeLevy.ShouldBe(95_000);
        fee.NationalTier.ShouldBe(4);
        fee.Fee.ShouldBe(30_000);
    }

    // §1: September–March use 当年度 課税
    [Theory]
    [InlineData(2027, 9)]
    [InlineData(2027, 10)]
    [InlineData(2027, 11)]
    [InlineData(2027, 12)]
    [InlineData(2028, 1)]
    [InlineData(2028, 2)]
    [InlineData(2028, 3)]
    public void when_the_month_is_september_to_march_the_current_fiscal_years_tax_decides_the_fee(int year, int month)
    {
        var fee = QuoteOne(National, new DateOnly(year, month, 1), Household, Child);

        fee.Basis.TaxFiscalYear.ShouldBe(2027);
        fee.Basis.IncomeLevy.ShouldBe(250_000);
        fee.NationalTier.ShouldBe(6);
        fee.Fee.ShouldBe(61_000);
    }

    // §1: 各月初日
    [Fact]
    public void when_a_month_is_quoted_the_tiers_are_evaluated_on_its_first_day() =>
        QuoteOne(National, new DateOnly(2027, 9, 1), Household, Child).Basis.EvaluatedOn.ShouldBe(new DateOnly(2027, 9, 1));

    // §1: January–March belong to the 年度 that began the previous April
    [Fact]
    public void when_the_month_is_march_2028_the_tax_of_fiscal_2027_is_used_not_2028()
    {
        var household = WithTaxYears(
            new HouseholdTaxYear(2026, 95_000, false),
            new HouseholdTaxYear(2027, 250_000, false),
            new HouseholdTaxYear(2028, 400_000, false));
        QuoteOne(National, new DateOnly(2028, 3, 1), household, Child).Fee.ShouldBe(61_000);
        QuoteOne(National, new DateOnly(2028, 4, 1), household, Child).Fee.ShouldBe(61_000);
        QuoteOne(National, new DateOnly(2028, 9, 1), household, Child).Fee.ShouldBe(104_000);
    }
}
