using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>月途中入退所: 日割 by calendar days, 10円未満切捨て (REFERENCE.md §4.5, MUN:下妻).</summary>
public class ProrationTests
{
    private static readonly DateOnly July2027 = new(2027, 7, 1);

    // §4.5: 2027-06 has 30 days; entering on the 16th = 15 days; 44,500 × 15 / 30 = 22,250
    [Fact]
    public void when_an_infant_enters_on_the_16th_of_a_30_day_month_it_pays_22250()
    {
        var fee = QuoteOne(Household(150_000), Infant("a", Age1) with { EnrolledFrom = new DateOnly(2027, 6, 16) });

        fee.MonthlyFee.ShouldBe(44_500);
        fee.Fee.ShouldBe(22_250);
        fee.Basis.EnrolledDays.ShouldBe(15);
        fee.Basis.DaysInMonth.ShouldBe(30);
    }

    // §4.5: 2027-07 has 31 days; leaving on the 10th = 10 days; 44,500 × 10 / 31 = 14,354.8… → 14,350
    [Fact]
    public void when_an_infant_leaves_on_the_10th_of_a_31_day_month_it_pays_14350()
    {
        var fee = QuoteOne(National, July2027, Household(150_000), Infant("a", Age1) with { EnrolledUntil = new DateOnly(2027, 7, 10) });

        fee.MonthlyFee.ShouldBe(44_500);
        fee.Fee.ShouldBe(14_350);
        fee.Basis.EnrolledDays.ShouldBe(10);
        fee.Basis.DaysInMonth.ShouldBe(31);
    }

    // §4.5: entering and leaving in the same month (10th–19th of June = 10 days): 44,500 × 10 / 30 = 14,833.3 → 14,830
    [Fact]
    public void when_an_infant_enters_and_leaves_within_the_month_the_days_between_count()
    {
        var fee = QuoteOne(Household(150_000), Infant("a", Age1) with { EnrolledFrom = new DateOnly(2027, 6, 10), EnrolledUntil = new DateOnly(2027, 6, 19) });
        fee.Basis.EnrolledDays.ShouldBe(10);
        fee.Fee.ShouldBe(14_830);
    }

    // §4.5: 副食費 is prorated the same way: 4,500 × 15 / 30 = 2,250
    [Fact]
    public void when_a_2go_child_enters_on_the_16th_of_a_30_day_month_the_side_dish_fee_is_2250() =>
        QuoteOne(Household(150_000), Preschooler("a", Class4) with { EnrolledFrom = new DateOnly(2027, 6, 16) }).SideDishFee.ShouldBe(2_250);

    // §4.5: 4,500 × 10 / 31 = 1,451.6… → 1,450
    [Fact]
    public void when_a_2go_child_leaves_on_the_10th_of_a_31_day_month_the_side_dish_fee_is_1450() =>
        QuoteOne(National, July2027, Household(150_000), Preschooler("a", Class4) with { EnrolledUntil = new DateOnly(2027, 7, 10) }).SideDishFee.ShouldBe(1_450);

    // §4.5: the sibling reduction comes first, then 日割: 22,250 × 15 / 30 = 11,125 → 11,120
    [Fact]
    public void when_a_second_child_enters_mid_month_the_half_fee_is_prorated()
    {
        var one = Quote(Household(150_000), Preschooler("five", Class5), Infant("one", Age1) with { EnrolledFrom = new DateOnly(2027, 6, 16) }).For("one");
        one.MonthlyFee.ShouldBe(22_250);
        one.Fee.ShouldBe(11_120);
    }

    // Contract: enrolment dates covering the whole month are a whole month
    [Fact]
    public void when_the_enrolment_covers_the_whole_month_there_is_no_proration()
    {
        var fee = QuoteOne(Household(150_000), Infant("a", Age1) with { EnrolledFrom = new DateOnly(2027, 4, 1), EnrolledUntil = new DateOnly(2028, 3, 31) });
        fee.Fee.ShouldBe(44_500);
        fee.Basis.EnrolledDays.ShouldBeNull();
        fee.Basis.DaysInMonth.ShouldBe(30);
    }

    // Contract: a child not enrolled at all in the month pays nothing
    [Fact]
    public void when_the_enrolment_starts_after_the_month_the_child_pays_0()
    {
        var fee = QuoteOne(Household(150_000), Preschooler("a", Class4) with { EnrolledFrom = new DateOnly(2027, 7, 1) });
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(0);
    }

    [Fact]
    public void when_the_enrolment_ended_before_the_month_the_child_pays_0()
    {
        var fee = QuoteOne(Household(150_000), Infant("a", Age1) with { EnrolledUntil = new DateOnly(2027, 5, 31) });
        fee.Fee.ShouldBe(0);
        fee.SideDishFee.ShouldBe(0);
    }

    // §4.5: leap February has 29 days: 30,000 × 1 / 29 = 1,034.4… → 1,030
    [Fact]
    public void when_an_infant_enters_on_the_last_day_of_a_leap_february_it_pays_one_29th()
    {
        var fee = QuoteOne(National, new DateOnly(2028, 2, 1), Household(95_000), Infant("a", Age1) with { EnrolledFrom = new DateOnly(2028, 2, 29) });
        fee.Basis.DaysInMonth.ShouldBe(29);
        fee.Basis.EnrolledDays.ShouldBe(1);
        fee.Fee.ShouldBe(1_030);
    }
}
