using KosodateShien.Domain.Common;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>
/// 特定満三歳以上保育認定子ども (REFERENCE.md §2, §4.2): a 2号 child between 満3歳に達する日 and the following 3/31 keeps paying
/// the 0–2歳 fee; free 保育 starts in the April of the 3歳児クラス.
/// </summary>
public class SpecificThreeYearOldTests
{
    private static readonly DateOnly Birth = new(2024, 5, 10); // reaches 3 on 2027-05-09; 3歳児クラス from 年度2028

    [Fact]
    public void given_the_birth_date_the_class_age_in_fiscal_2027_is_2_and_in_2028_is_3()
    {
        JapaneseDates.ClassAge(Birth, 2027).ShouldBe(2);
        JapaneseDates.ClassAge(Birth, 2028).ShouldBe(3);
    }

    // §4.2 特定満三歳
    [Fact]
    public void when_a_2go_child_in_the_2_year_old_class_is_quoted_for_2027_06_it_pays_the_3go_fee()
    {
        var fee = QuoteOne(Household(150_000), Preschooler("a", Birth));

        fee.Basis.FeeCategory.ShouldBe("3 (特定満3歳)");
        fee.BaseFee.ShouldBe(44_500);
        fee.Fee.ShouldBe(44_500);
        fee.SideDishFee.ShouldBe(0); // food is inside the 0–2歳 fee (§4.6)
    }

    // §4.2: the April after, 3歳児クラス: fee 0 and 副食費 instead
    [Fact]
    public void when_the_same_child_is_quoted_for_2028_04_it_pays_0_and_the_side_dish_fee()
    {
        var fee = QuoteOne(National, new DateOnly(2028, 4, 1), Household(150_000), Preschooler("a", Birth));

        fee.Basis.FeeCategory.ShouldBe("2");
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(4_500);
        fee.SideDishExempt.ShouldBeFalse();
    }

    // §4.2: still 特定満三歳 in March of the 2歳児クラス
    [Fact]
    public void when_the_same_child_is_quoted_for_2028_03_it_still_pays_the_3go_fee() =>
        QuoteOne(National, new DateOnly(2028, 3, 1), Household(150_000), Preschooler("a", Birth)).Fee.ShouldBe(44_500);

    // §4.2: "0 if 非課税"
    [Fact]
    public void when_the_household_is_non_taxable_the_specific_three_year_old_pays_0() =>
        QuoteOne(NonTaxable(), Preschooler("a", Birth)).Fee.ShouldBe(0);

    // §4.4: 多子軽減 applies to the 3号 fee it pays
    [Fact]
    public void when_the_specific_three_year_old_has_an_elder_sibling_in_a_nursery_it_pays_half()
    {
        var fee = Quote(Household(150_000), Preschooler("five", Class5), Preschooler("a", Birth)).For("a");
        fee.SiblingOrdinal.ShouldBe(2);
        fee.Fee.ShouldBe(22_250);
    }
}
