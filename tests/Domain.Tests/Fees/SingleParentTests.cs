using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>ひとり親世帯等・在宅障害児(者)世帯 under 所得割 77,101 (REFERENCE.md §4.4; §15 example 10).</summary>
public class SingleParentTests
{
    // §15 example 10
    [Fact]
    public void when_a_single_parent_has_a_levy_of_60000_the_only_infant_pays_the_non_taxable_amount_0()
    {
        var fee = QuoteOne(SingleParent(60_000), Infant("a", Age1));

        fee.NationalTier.ShouldBe(4);
        fee.BaseFee.ShouldBe(30_000);
        fee.SingleParentReduction.ShouldBe(30_000);
        fee.Fee.ShouldBe(0);
        fee.Basis.SingleParentOrDisabled.ShouldBeTrue();
        fee.ShouldAddUp();
    }

    // §15 example 10, above the line
    [Fact]
    public void when_a_single_parent_has_a_levy_of_80000_the_infant_pays_the_tier_4_fee_30000()
    {
        var fee = QuoteOne(SingleParent(80_000), Infant("a", Age1));
        fee.SingleParentReduction.ShouldBe(0);
        fee.Fee.ShouldBe(30_000);
    }

    // §4.4: the line is "< 77,101"
    [Fact]
    public void when_a_single_parent_has_a_levy_of_77100_the_infant_pays_0() =>
        QuoteOne(SingleParent(77_100), Infant("a", Age1)).Fee.ShouldBe(0);

    [Fact]
    public void when_a_single_parent_has_a_levy_of_77101_the_infant_pays_30000() =>
        QuoteOne(SingleParent(77_101), Infant("a", Age1)).Fee.ShouldBe(30_000);

    // §4.4: 在宅障害児(者)世帯 is treated the same
    [Fact]
    public void when_a_household_with_a_disabled_member_at_home_has_a_levy_of_60000_the_infant_pays_0()
    {
        var fee = QuoteOne(Household(60_000, disabledAtHome: true), Infant("a", Age1));
        fee.Fee.ShouldBe(0);
        fee.Basis.SingleParentOrDisabled.ShouldBeTrue();
    }

    // §4.4: 2nd and later children 0
    [Fact]
    public void when_a_single_parent_under_the_line_has_two_infants_both_pay_0()
    {
        var fees = Quote(SingleParent(70_000), Infant("two", Age2), Infant("zero", Age0));
        fees.ShouldAllBe(f => f.Fee == 0);
    }

    // §4.4 and §4.2 v1: before 無償化 the 非課税 3号 amount was 9,000, so that is what the 1st child paid
    [Fact]
    public void when_a_single_parent_has_a_levy_of_60000_before_free_education_the_infant_pays_9000()
    {
        var fee = QuoteOne(NationalV1, new DateOnly(2019, 6, 1), SingleParent(60_000), Infant("a", new DateOnly(2018, 3, 15)));
        fee.BaseFee.ShouldBe(30_000);
        fee.SingleParentReduction.ShouldBe(21_000);
        fee.Fee.ShouldBe(9_000);
        fee.ShouldAddUp();
    }
}
