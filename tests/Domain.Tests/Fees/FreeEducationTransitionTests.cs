using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>national v1 (2015-04 – 2019-09) vs v2 (幼児教育・保育の無償化, 2019-10-01) (REFERENCE.md §4.2).</summary>
public class FreeEducationTransitionTests
{
    private static readonly FeeChild ThreeYearClass = Preschooler("a", new DateOnly(2015, 6, 1)); // クラス年齢 3 in 年度2019
    private static readonly DateOnly September2019 = new(2019, 9, 1);
    private static readonly DateOnly October2019 = new(2019, 10, 1);

    private static FeeRuleSet InForce(DateOnly month) => FeeRuleSet.InForceOn(FeeRuleSets.Shipped, FeeRuleSets.National, month);

    [Fact]
    public void given_the_shipped_sets_v1_is_in_force_in_2019_09_and_v2_in_2019_10()
    {
        InForce(September2019).Version.ShouldBe(1);
        InForce(October2019).Version.ShouldBe(2);
    }

    // §4.2: 2号 ceiling before 無償化, 第5階層 41,500
    [Fact]
    public void when_a_2go_child_is_quoted_for_2019_09_it_pays_the_2go_table()
    {
        var fee = QuoteOne(InForce(September2019), September2019, Household(150_000), ThreeYearClass);

        fee.Basis.RuleVersion.ShouldBe(1);
        fee.NationalTier.ShouldBe(5);
        fee.Basis.FeeCategory.ShouldBe("2");
        fee.Fee.ShouldBe(41_500);
    }

    // §4.2: 短時間 2号 before 無償化
    [Fact]
    public void when_a_short_hours_2go_child_is_quoted_for_2019_09_it_pays_40900() =>
        QuoteOne(InForce(September2019), September2019, Household(150_000), ThreeYearClass with { CareLevel = CareLevel.Short }).Fee.ShouldBe(40_900);

    // §4.2: since 2019-10-01 2号 pays 0 (and 副食費)
    [Fact]
    public void when_the_same_2go_child_is_quoted_for_2019_10_it_pays_0()
    {
        var fee = QuoteOne(InForce(October2019), October2019, Household(150_000), ThreeYearClass);

        fee.Basis.RuleVersion.ShouldBe(2);
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(4_500);
    }

    // §4.2: 非課税 3号 was 9,000 before 無償化
    [Fact]
    public void when_a_non_taxable_infant_is_quoted_for_2019_09_it_pays_9000_and_for_2019_10_0()
    {
        var infant = Infant("b", new DateOnly(2018, 5, 1));
        QuoteOne(InForce(September2019), September2019, NonTaxable(), infant).Fee.ShouldBe(9_000);
        QuoteOne(InForce(October2019), October2019, NonTaxable(), infant).Fee.ShouldBe(0);
    }

    // §4.4 under v1: the 2号 elder pays 41,500 and the 3号 second child half of 44,500
    [Fact]
    public void when_a_2go_and_a_3go_sibling_are_quoted_for_2019_09_the_first_pays_the_2go_table_and_the_second_half()
    {
        var fees = Quote(InForce(September2019), September2019, Household(150_000), ThreeYearClass, Infant("b", new DateOnly(2018, 5, 1)));
        fees.For("a").Fee.ShouldBe(41_500);
        fees.For("b").Fee.ShouldBe(22_250);
    }
}
