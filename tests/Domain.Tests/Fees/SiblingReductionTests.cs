using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>多子軽減 (REFERENCE.md §4.4; §15 examples 7 and 8).</summary>
public class SiblingReductionTests
{
    // §15 example 7
    [Fact]
    public void when_a_5_year_old_in_a_nursery_has_a_1_year_old_sibling_the_younger_is_the_second_child_and_pays_22250()
    {
        var fees = Quote(Household(150_000), Preschooler("five", Class5), Infant("one", Age1));

        var one = fees.For("one");
        one.NationalTier.ShouldBe(5);
        one.SiblingOrdinal.ShouldBe(2);
        one.BaseFee.ShouldBe(44_500);
        one.SiblingReduction.ShouldBe(22_250);
        one.MonthlyFee.ShouldBe(22_250);
        one.Fee.ShouldBe(22_250);
        one.Basis.CountedSiblings.ShouldBe(["five", "one"]);
        one.ShouldAddUp();
    }

    // §15 example 7: the 3–5歳 sibling pays 0 (無償化) but counts as 第1子
    [Fact]
    public void when_a_5_year_old_in_a_nursery_has_a_1_year_old_sibling_the_elder_pays_0_and_is_the_first_child()
    {
        var five = Quote(Household(150_000), Preschooler("five", Class5), Infant("one", Age1)).For("five");

        five.SiblingOrdinal.ShouldBe(1);
        five.Fee.ShouldBe(0);
        five.Basis.FeeCategory.ShouldBe("2");
    }

    // §15 example 7 with 伊賀市 rounding (100円未満切捨て)
    [Fact]
    public void when_the_half_is_rounded_down_to_100_yen_the_second_child_pays_22200()
    {
        var one = Quote(IgaRounding, June2027, Household(150_000), Preschooler("five", Class5), Infant("one", Age1)).For("one");

        one.MonthlyFee.ShouldBe(22_200);
        one.Fee.ShouldBe(22_200);
        one.ShouldAddUp();
    }

    // §15 example 8: age limit applies at 所得割 ≥ 57,700
    [Fact]
    public void when_the_elder_sibling_is_in_the_second_school_grade_the_infant_is_the_first_child_and_pays_44500()
    {
        var fees = Quote(Household(150_000), Pupil("pupil", Grade2), Infant("one", Age1));

        var one = fees.For("one");
        one.SiblingOrdinal.ShouldBe(1);
        one.Fee.ShouldBe(44_500);
        one.Basis.CountedSiblings.ShouldBe(["one"]);
        fees.For("pupil").Fee.ShouldBe(0);
        fees.For("pupil").SiblingOrdinal.ShouldBeNull();
    }

    // §4.4: 第3子以降 0
    [Fact]
    public void when_an_infant_has_two_elder_siblings_in_nurseries_it_is_the_third_child_and_pays_0()
    {
        var fees = Quote(Household(150_000), Preschooler("five", Class5), Infant("two", Age2), Infant("zero", Age0));

        fees.For("two").SiblingOrdinal.ShouldBe(2);
        fees.For("two").Fee.ShouldBe(22_250);
        fees.For("zero").SiblingOrdinal.ShouldBe(3);
        fees.For("zero").Fee.ShouldBe(0);
        fees.For("zero").SiblingReduction.ShouldBe(44_500);
    }

    // §4.4: 幼稚園 (1号) siblings before 就学 count for the 3号 child
    [Fact]
    public void when_the_elder_sibling_is_in_a_kindergarten_the_infant_is_the_second_child()
    {
        var one = Quote(Household(150_000), Kindergartner("four", Class4), Infant("one", Age1)).For("one");
        one.SiblingOrdinal.ShouldBe(2);
        one.Fee.ShouldBe(22_250);
    }

    // §4.4: a sibling at home does not count at 所得割 ≥ 57,700
    [Fact]
    public void when_the_elder_sibling_stays_at_home_the_infant_is_the_first_child()
    {
        var one = Quote(Household(150_000), AtHome("four", Class4), Infant("one", Age1)).For("one");
        one.SiblingOrdinal.ShouldBe(1);
        one.Fee.ShouldBe(44_500);
    }

    // §4.4: 年収約360万円未満相当 (所得割 < 57,700) counts every child, at home or at school
    [Fact]
    public void when_the_levy_is_below_57700_the_infant_with_two_pupil_siblings_is_the_third_child_and_pays_0()
    {
        var one = Quote(Household(57_699), Pupil("grade2", Grade2), Pupil("grade4", Grade4), Infant("one", Age1)).For("one");
        one.NationalTier.ShouldBe(4);
        one.SiblingOrdinal.ShouldBe(3);
        one.BaseFee.ShouldBe(30_000);
        one.Fee.ShouldBe(0);
    }

    // §4.4: the 57,700 line is "未満": at exactly 57,700 the age limit applies
    [Fact]
    public void when_the_levy_is_exactly_57700_pupil_siblings_do_not_count()
    {
        var one = Quote(Household(57_700), Pupil("grade2", Grade2), Pupil("grade4", Grade4), Infant("one", Age1)).For("one");
        one.SiblingOrdinal.ShouldBe(1);
        one.Fee.ShouldBe(30_000);
    }

    // §4.4: under the 360万 line a sibling at home counts too
    [Fact]
    public void when_the_levy_is_below_57700_a_sibling_at_home_counts_and_the_infant_pays_half()
    {
        var one = Quote(Household(50_000), AtHome("four", Class4), Infant("one", Age1)).For("one");
        one.SiblingOrdinal.ShouldBe(2);
        one.Fee.ShouldBe(15_000);
    }

    // §4.4: counted from the eldest, whatever the order of the input
    [Fact]
    public void when_the_children_are_given_youngest_first_the_ordinals_still_follow_age()
    {
        var fees = Quote(Household(250_000), Infant("zero", Age0), Infant("two", Age2));
        fees.For("two").SiblingOrdinal.ShouldBe(1);
        fees.For("two").Fee.ShouldBe(61_000);
        fees.For("zero").SiblingOrdinal.ShouldBe(2);
        fees.For("zero").Fee.ShouldBe(30_500);
    }

    // §4.4 (and the agreed counting rule: "use a facility" on the month's first day): a sibling whose enrolment ended
    // before the month does not use a facility in it, so it is not counted
    [Fact]
    public void when_the_elder_sibling_left_the_nursery_before_the_month_the_infant_is_the_first_child()
    {
        var fees = Quote(Household(150_000), Preschooler("five", Class5) with { EnrolledUntil = new DateOnly(2027, 5, 31) }, Infant("one", Age1));
        fees.For("five").Fee.ShouldBe(0);
        fees.For("one").SiblingOrdinal.ShouldBe(1);
        fees.For("one").Fee.ShouldBe(44_500);
    }

    // §4.4: likewise a sibling whose enrolment starts after the month
    [Fact]
    public void when_the_elder_sibling_enters_the_nursery_after_the_month_the_infant_is_the_first_child()
    {
        var fees = Quote(Household(150_000), Preschooler("five", Class5) with { EnrolledFrom = new DateOnly(2027, 7, 1) }, Infant("one", Age1));
        fees.For("one").SiblingOrdinal.ShouldBe(1);
        fees.For("one").Fee.ShouldBe(44_500);
    }
}
