using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>副食費 4,500 (v2) and its national exemptions (REFERENCE.md §4.6; §15 example 11).</summary>
public class SideDishTests
{
    // §15 example 11
    [Fact]
    public void when_a_two_parent_household_has_a_levy_of_56000_the_2go_child_is_exempt_from_side_dish_fees()
    {
        var fee = QuoteOne(Household(56_000), Preschooler("a", Class4));
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(0);
        fee.SideDishExempt.ShouldBeTrue();
    }

    // §15 example 11
    [Fact]
    public void when_a_two_parent_household_has_a_levy_of_60000_the_2go_child_pays_4500()
    {
        var fee = QuoteOne(Household(60_000), Preschooler("a", Class4));
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(4_500);
        fee.SideDishExempt.ShouldBeFalse();
    }

    // §4.6: "< 57,700"
    [Fact]
    public void when_a_two_parent_household_has_a_levy_of_exactly_57700_the_2go_child_pays_4500() =>
        QuoteOne(Household(57_700), Preschooler("a", Class4)).SideDishFee.ShouldBe(4_500);

    // §15 example 11 (ひとり親等 2号)
    [Fact]
    public void when_a_single_parent_has_a_levy_of_70000_the_2go_child_is_exempt()
    {
        var fee = QuoteOne(SingleParent(70_000), Preschooler("a", Class4));
        fee.SideDishFee.ShouldBe(0);
        fee.SideDishExempt.ShouldBeTrue();
    }

    // §4.6: ひとり親等 2号 line is < 77,101
    [Fact]
    public void when_a_single_parent_has_a_levy_of_77101_the_2go_child_pays_4500() =>
        QuoteOne(SingleParent(77_101), Preschooler("a", Class4)).SideDishFee.ShouldBe(4_500);

    // §4.6: 1号 line is < 77,101
    [Theory]
    [InlineData(77_100, 0, true)]
    [InlineData(77_101, 4_500, false)]
    public void when_a_1go_child_is_at_the_77101_line_the_side_dish_fee_follows_it(long levy, long sideDish, bool exempt)
    {
        var fee = QuoteOne(Household(levy), Kindergartner("a", Class4));
        fee.Fee.ShouldBe(0);
        fee.Basis.FeeCategory.ShouldBe("1");
        fee.SideDishFee.ShouldBe(sideDish);
        fee.SideDishExempt.ShouldBe(exempt);
    }

    // §4.6: 生活保護 / 非課税
    [Fact]
    public void when_the_household_is_non_taxable_or_on_public_assistance_the_2go_child_is_exempt()
    {
        QuoteOne(NonTaxable(), Preschooler("a", Class4)).SideDishExempt.ShouldBeTrue();
        QuoteOne(NonTaxable(), Preschooler("a", Class4)).SideDishFee.ShouldBe(0);
        QuoteOne(PublicAssistance(), Preschooler("a", Class4)).SideDishFee.ShouldBe(0);
    }

    // §4.6 (b): 第3子以降, counted as for 多子 (2号: 就学前 using a facility)
    [Fact]
    public void when_a_2go_child_is_the_third_preschool_child_in_care_it_is_exempt()
    {
        var fees = Quote(Household(150_000), Preschooler("five", Class5), Preschooler("four", Class4), Preschooler("three", Class3));

        fees.For("five").SideDishFee.ShouldBe(4_500);
        fees.For("four").SideDishFee.ShouldBe(4_500);
        fees.For("three").SiblingOrdinal.ShouldBe(3);
        fees.For("three").SideDishFee.ShouldBe(0);
        fees.For("three").SideDishExempt.ShouldBeTrue();
    }

    // §4.6 (b): a pupil does not count for a 2号 child at 所得割 ≥ 57,700
    [Fact]
    public void when_a_2go_child_has_a_pupil_and_a_preschool_sibling_it_is_the_second_child_and_pays_4500()
    {
        var three = Quote(Household(150_000), Pupil("grade1", Grade1), Preschooler("five", Class5), Preschooler("three", Class3)).For("three");
        three.SiblingOrdinal.ShouldBe(2);
        three.SideDishFee.ShouldBe(4_500);
        three.SideDishExempt.ShouldBeFalse();
    }

    // §4.6 (b): for 1号 children siblings up to 小学校3年生 count
    [Fact]
    public void when_a_1go_child_has_siblings_in_grades_1_and_3_it_is_the_third_child_and_exempt()
    {
        var four = Quote(Household(150_000), Pupil("grade3", Grade3), Pupil("grade1", Grade1), Kindergartner("four", Class4)).For("four");
        four.SiblingOrdinal.ShouldBe(3);
        four.SideDishFee.ShouldBe(0);
        four.SideDishExempt.ShouldBeTrue();
    }

    // §4.6 (b): a 小学校4年生 is beyond the 1号 counting range
    [Fact]
    public void when_a_1go_child_has_siblings_in_grades_1_and_4_it_is_the_second_child_and_pays_4500()
    {
        var four = Quote(Household(150_000), Pupil("grade4", Grade4), Pupil("grade1", Grade1), Kindergartner("four", Class4)).For("four");
        four.SiblingOrdinal.ShouldBe(2);
        four.SideDishFee.ShouldBe(4_500);
    }

    // §4.6: 0–2歳 food is inside the fee
    [Fact]
    public void when_the_child_is_3go_no_side_dish_fee_is_charged() =>
        QuoteOne(Household(150_000), Infant("a", Age1)).SideDishFee.ShouldBe(0);

    // §4.6 / §4.2: 副食費 started with 無償化; v1 has none
    [Fact]
    public void when_the_month_is_before_free_education_no_side_dish_fee_is_charged() =>
        QuoteOne(NationalV1, new DateOnly(2019, 9, 1), Household(150_000), Preschooler("a", new DateOnly(2014, 6, 1))).SideDishFee.ShouldBe(0);
}
