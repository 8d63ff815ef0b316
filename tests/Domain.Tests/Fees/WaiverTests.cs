using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>減免 as a ratio (負担額減免率 分子/分母), applied after 多子 and ひとり親 (REFERENCE.md §4.5).</summary>
public class WaiverTests
{
    private static readonly FeeWaiver Half = new("disaster", 1, 2);

    // §4.5
    [Fact]
    public void when_half_of_a_61000_fee_is_waived_the_child_pays_30500()
    {
        var fee = QuoteOne(Household(250_000), Infant("a", Age1) with { Waivers = [Half] });

        fee.BaseFee.ShouldBe(61_000);
        fee.WaiverReduction.ShouldBe(30_500);
        fee.MonthlyFee.ShouldBe(30_500);
        fee.Fee.ShouldBe(30_500);
        fee.ShouldAddUp();
    }

    // §4.5: the waiver applies to the fee after 多子: 61,000 → 30,500 (第2子) → 15,250
    [Fact]
    public void when_half_is_waived_for_a_second_child_the_waiver_halves_the_half_fee()
    {
        var one = Quote(Household(250_000), Preschooler("five", Class5), Infant("one", Age1) with { Waivers = [Half] }).For("one");

        one.SiblingReduction.ShouldBe(30_500);
        one.WaiverReduction.ShouldBe(15_250);
        one.MonthlyFee.ShouldBe(15_250);
        one.Fee.ShouldBe(15_250);
        one.ShouldAddUp();
    }

    // §4.5: floor(44,500 × 1 / 3) = 14,833
    [Fact]
    public void when_a_third_is_waived_the_reduction_is_rounded_down_to_the_yen()
    {
        var fee = QuoteOne(Household(150_000), Infant("a", Age1) with { Waivers = [new FeeWaiver("incomeDrop", 1, 3)] });
        fee.WaiverReduction.ShouldBe(14_833);
        fee.MonthlyFee.ShouldBe(29_667);
    }

    // §4.5: the waiver reduces 利用者負担額, not 副食費
    [Fact]
    public void when_a_2go_child_has_a_waiver_its_side_dish_fee_is_unchanged() =>
        QuoteOne(Household(150_000), Preschooler("a", Class4) with { Waivers = [new FeeWaiver("closure", 1, 1)] }).SideDishFee.ShouldBe(4_500);

    // §4.5: 日割 applies to the fee after 減免: 30,500 × 15 / 30 = 15,250
    [Fact]
    public void when_a_child_with_a_waiver_enters_mid_month_the_waived_fee_is_prorated()
    {
        var fee = QuoteOne(Household(250_000), Infant("a", Age1) with { Waivers = [Half], EnrolledFrom = new DateOnly(2027, 6, 16) });
        fee.MonthlyFee.ShouldBe(30_500);
        fee.Fee.ShouldBe(15_250);
    }
}
