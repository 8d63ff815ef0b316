using KosodateShien.Domain.Certification;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>A municipal table (区市町村階層) modelled on 香芝市 (REFERENCE.md §4.3; §15 example 5).</summary>
public class KashibaSampleTests
{
    // §15 example 5
    [Fact]
    public void when_income_levy_is_100000_the_kashiba_standard_fee_is_30000_in_municipal_tier_5()
    {
        var fee = QuoteOne(Kashiba, June2027, Household(100_000), Infant("a", Age1));

        fee.MunicipalTier.ShouldBe("5");
        fee.NationalTier.ShouldBe(5);
        fee.BaseFee.ShouldBe(30_000);
        fee.Fee.ShouldBe(30_000);
        fee.Basis.RuleVersion.ShouldBe(1);
    }

    // §15 example 5 (短時間)
    [Fact]
    public void when_income_levy_is_100000_the_kashiba_short_hours_fee_is_29400() =>
        QuoteOne(Kashiba, June2027, Household(100_000), Infant("a", Age1, CareLevel.Short)).Fee.ShouldBe(29_400);

    // §15 example 5: 第2子以降 0 (municipal add-on)
    [Fact]
    public void when_a_second_infant_is_in_the_same_household_the_kashiba_fee_of_the_second_is_0()
    {
        var fees = Quote(Kashiba, June2027, Household(100_000), Infant("younger", Age1), Infant("elder", Age2));

        fees.For("elder").Fee.ShouldBe(30_000);
        fees.For("elder").SiblingOrdinal.ShouldBe(1);
        fees.For("younger").SiblingOrdinal.ShouldBe(2);
        fees.For("younger").BaseFee.ShouldBe(30_000);
        fees.For("younger").Fee.ShouldBe(0);
        fees.For("younger").ShouldAddUp();
    }

    // §4.3: the municipal tiers split the national ones; ChildFee.NationalTier is still reported
    [Theory]
    [InlineData(48_599, "3", 3, 15_000)]
    [InlineData(48_600, "4A", 4, 23_000)]
    [InlineData(77_101, "4B", 4, 23_000)]
    [InlineData(119_999, "5", 5, 30_000)]
    [InlineData(120_000, "6", 5, 36_000)]
    [InlineData(169_000, "7", 6, 44_000)]
    [InlineData(190_000, "8", 6, 50_000)]
    [InlineData(301_000, "9", 7, 55_000)]
    [InlineData(320_000, "10", 7, 63_000)]
    [InlineData(397_000, "11", 8, 65_000)]
    public void when_the_levy_falls_in_a_kashiba_tier_its_code_national_tier_and_fee_apply(long levy, string code, int national, long amount)
    {
        var fee = QuoteOne(Kashiba, June2027, Household(levy), Infant("a", Age1));
        fee.MunicipalTier.ShouldBe(code);
        fee.NationalTier.ShouldBe(national);
        fee.Fee.ShouldBe(amount);
    }

    // §4.3 香芝市: 第3/第4 (<77,101) ひとり親・在宅障害 0
    [Fact]
    public void when_a_single_parent_has_a_levy_of_60000_the_kashiba_fee_is_0()
    {
        var fee = QuoteOne(Kashiba, June2027, SingleParent(60_000), Infant("a", Age1));
        fee.MunicipalTier.ShouldBe("4A");
        fee.Fee.ShouldBe(0);
    }

    // §4.3: 生活保護 / 非課税 tiers of the municipal table
    [Fact]
    public void when_the_household_is_non_taxable_the_kashiba_tier_is_2_and_the_fee_0()
    {
        var fee = QuoteOne(Kashiba, June2027, NonTaxable(), Infant("a", Age1));
        fee.MunicipalTier.ShouldBe("2");
        fee.NationalTier.ShouldBe(2);
        fee.Fee.ShouldBe(0);
    }
}
