using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>
/// 国階層 and the national 3号 ceilings (REFERENCE.md §4.2; §15 examples 1–4): 所得割 bounds 48,600 / 97,000 / 169,000 /
/// 301,000 / 397,000, each "未満".
/// </summary>
public class NationalTierTests
{
    // §15 example 1
    [Fact]
    public void when_income_levy_is_95000_the_3go_standard_fee_is_30000()
    {
        var fee = QuoteOne(Household(95_000), Infant("a", Age1));

        fee.NationalTier.ShouldBe(4);
        fee.MunicipalTier.ShouldBe("4");
        fee.BaseFee.ShouldBe(30_000);
        fee.MonthlyFee.ShouldBe(30_000);
        fee.Fee.ShouldBe(30_000);
        fee.Basis.FeeCategory.ShouldBe("3");
        fee.Basis.IncomeLevy.ShouldBe(95_000);
        fee.Basis.EvaluatedOn.ShouldBe(June2027);
        fee.Basis.RuleVersion.ShouldBe(2);
        fee.ShouldAddUp();
    }

    // §15 example 1 (短時間)
    [Fact]
    public void when_income_levy_is_95000_the_3go_short_hours_fee_is_29600() =>
        QuoteOne(Household(95_000), Infant("a", Age1, CareLevel.Short)).Fee.ShouldBe(29_600);

    // §15 example 1, upper boundary is "未満"
    [Fact]
    public void when_income_levy_is_exactly_97000_the_tier_is_5_and_the_fee_44500()
    {
        var fee = QuoteOne(Household(97_000), Infant("a", Age1));
        fee.NationalTier.ShouldBe(5);
        fee.Fee.ShouldBe(44_500);
    }

    // §15 example 1, one yen below the boundary
    [Fact]
    public void when_income_levy_is_96999_the_tier_is_4_and_the_fee_30000()
    {
        var fee = QuoteOne(Household(96_999), Infant("a", Age1));
        fee.NationalTier.ShouldBe(4);
        fee.Fee.ShouldBe(30_000);
    }

    // §15 example 2
    [Fact]
    public void when_income_levy_is_250000_the_tier_is_6_and_the_fee_61000()
    {
        var fee = QuoteOne(Household(250_000), Infant("a", Age2));
        fee.NationalTier.ShouldBe(6);
        fee.Fee.ShouldBe(61_000);
    }

    // §15 example 3
    [Fact]
    public void when_income_levy_is_400000_the_tier_is_8_and_the_standard_fee_104000()
    {
        var fee = QuoteOne(Household(400_000), Infant("a", Age0));
        fee.NationalTier.ShouldBe(8);
        fee.Fee.ShouldBe(104_000);
    }

    // §15 example 3 (短時間)
    [Fact]
    public void when_income_levy_is_400000_the_short_hours_fee_is_102400() =>
        QuoteOne(Household(400_000), Infant("a", Age0, CareLevel.Short)).Fee.ShouldBe(102_400);

    // §15 example 4: 非課税 3号 since 無償化
    [Fact]
    public void when_the_household_is_non_taxable_the_3go_fee_in_2027_06_is_0()
    {
        var fee = QuoteOne(NonTaxable(), Infant("a", Age1));
        fee.NationalTier.ShouldBe(2);
        fee.Fee.ShouldBe(0);
        fee.Basis.NonTaxable.ShouldBeTrue();
    }

    // §4.2: 第1階層 生活保護 (whatever the levy on record)
    [Fact]
    public void when_the_household_receives_public_assistance_the_tier_is_1_and_the_fee_0()
    {
        var fee = QuoteOne(PublicAssistance(levy: 150_000), Infant("a", Age1));
        fee.NationalTier.ShouldBe(1);
        fee.Fee.ShouldBe(0);
        fee.Basis.PublicAssistance.ShouldBeTrue();
    }

    // §4.2: 第3階層 includes 均等割のみ (所得割 0 but taxable)
    [Fact]
    public void when_the_levy_is_0_but_the_household_is_taxable_the_tier_is_3_and_the_fee_19500()
    {
        var fee = QuoteOne(Household(0), Infant("a", Age1));
        fee.NationalTier.ShouldBe(3);
        fee.Fee.ShouldBe(19_500);
    }

    // §4.2: every bound is "未満"
    [Theory]
    [InlineData(48_599, 3, 19_500)]
    [InlineData(48_600, 4, 30_000)]
    [InlineData(168_999, 5, 44_500)]
    [InlineData(169_000, 6, 61_000)]
    [InlineData(300_999, 6, 61_000)]
    [InlineData(301_000, 7, 80_000)]
    [InlineData(396_999, 7, 80_000)]
    [InlineData(397_000, 8, 104_000)]
    public void when_the_levy_is_at_a_tier_bound_the_upper_tier_applies(long levy, int tier, long fee)
    {
        var quoted = QuoteOne(Household(levy), Infant("a", Age1));
        quoted.NationalTier.ShouldBe(tier);
        quoted.Fee.ShouldBe(fee);
    }

    // Agreed with the implementer (unknown income = top tier), REFERENCE.md §1 tax basis
    [Fact]
    public void when_no_tax_year_is_on_record_the_top_tier_applies()
    {
        var fee = QuoteOne(WithTaxYears(), Infant("a", Age1));
        fee.NationalTier.ShouldBe(8);
        fee.Fee.ShouldBe(104_000);
    }

    // Contract: children not using care pay nothing
    [Fact]
    public void when_a_certified_child_does_not_use_a_facility_it_pays_0()
    {
        var fees = Quote(Household(150_000), Infant("a", Age1) with { Enrollment = Enrollment.None },
            Pupil("b", Grade2), new FeeChild("c", Age2, null, null, Enrollment.Nursery));
        fees.ShouldAllBe(f => f.Fee == 0 && f.SideDishFee == 0);
    }
}
