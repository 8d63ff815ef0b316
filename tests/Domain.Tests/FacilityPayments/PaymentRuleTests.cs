using KosodateShien.Domain.Certification;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>The municipality's payment rules as parameters (BENEFITS.md §4): 開所日, 日割 basis, exit day, full month for the 1st-day roster.</summary>
public class PaymentRuleTests : FacilityPaymentSpec
{
    [Theory]
    [InlineData(2026, 4, 25)]  // 4/29 昭和の日
    [InlineData(2026, 5, 23)]  // 5/4–5/6 (5/6 振替休日 for 5/3, a Sunday)
    [InlineData(2026, 6, 26)]
    [InlineData(2026, 7, 26)]  // 7/20 海の日
    [InlineData(2026, 9, 23)]  // 9/21 敬老の日, 9/22 国民の休日, 9/23 秋分の日
    [InlineData(2026, 12, 24)] // 12/29–12/31 closed
    [InlineData(2027, 1, 23)]  // 1/1–1/2 closed (1/3 a Sunday), 1/11 成人の日
    public void opening_days_are_monday_to_saturday_less_holidays_and_the_year_end(int year, int month, int expected)
    {
        var first = new DateOnly(year, month, 1);
        Rules.Calendar.Count(first, first.AddMonths(1).AddDays(-1)).ShouldBe(expected);
    }

    [Fact]
    public void a_child_entering_on_the_first_opening_day_is_paid_and_counted_as_on_the_first()
    {
        var november = new DateOnly(2026, 11, 1); // a Sunday
        var roster = E1Roster();
        var onTheFirst = PublicPriceEngine.Compute(Month(november, [.. roster, Child(4, from: november)], addons: [HeadNurse]), Rules);
        var onMonday = PublicPriceEngine.Compute(Month(november, [.. roster, Child(4, from: november.AddDays(1))], addons: [HeadNurse]), Rules);

        onMonday.Amount.ShouldBe(onTheFirst.Amount);
        onMonday.Lines.Single(l => l.Code == HeadNurse.Code).Count.ShouldBe(61);
    }

    [Fact]
    public void calendar_days_prorate_by_every_day_of_the_month()
    {
        var rules = Rules with { Proration = ProrationBasis.CalendarDays };
        var child = Child(4, to: new DateOnly(2026, 6, 15));

        var month = PublicPriceEngine.Compute(Month(June2026, [child]), rules);

        (month.Children.Single().Days, month.OpeningDays).ShouldBe((15, 30));
        month.Amount.ShouldBe(62_920 * 15 / 30);
    }

    [Fact]
    public void a_fixed_25_day_basis_caps_the_days_enrolled_at_25()
    {
        var rules = Rules with { Proration = ProrationBasis.Fixed25 };
        var month = PublicPriceEngine.Compute(Month(June2026, [Child(4, from: new DateOnly(2026, 6, 2))]), rules);

        (month.Children.Single().Days, month.OpeningDays).ShouldBe((25, 25));
        month.Amount.ShouldBe(62_920);
    }

    [Fact]
    public void a_municipality_may_pay_the_whole_month_for_a_child_on_the_first_day_roster()
    {
        var leaving = Child(4, to: new DateOnly(2026, 6, 10));
        var prorated = PublicPriceEngine.Compute(Month(June2026, [leaving]), Rules);
        var whole = PublicPriceEngine.Compute(Month(June2026, [leaving]), Rules with { FirstDayRosterPaysFullMonth = true });

        prorated.Amount.ShouldBeLessThan(62_920);
        whole.Amount.ShouldBe(62_920);
    }

    [Fact]
    public void the_exit_day_rule_turns_a_leaving_date_into_the_last_day_enrolled()
    {
        var exit = new DateOnly(2026, 7, 16);
        Rules.LastEnrolledDay(exit).ShouldBe(exit);
        (Rules with { ExitDay = ExitDayRule.DayBeforeExit }).LastEnrolledDay(exit).ShouldBe(new DateOnly(2026, 7, 15));
    }

    [Fact]
    public void an_exempt_child_entering_mid_month_counts_only_when_the_rules_say_so()
    {
        var exemptAddon = new AddonPrice("副食費徴収免除加算", AddonKind.PerExemptChild, Amount: 4_800);
        ClaimChild[] children = [Child(4, mealFeeExempt: true), Child(4, from: new DateOnly(2026, 6, 15), mealFeeExempt: true)];

        PublicPriceEngine.Compute(Month(June2026, children, addons: [exemptAddon]), Rules).AddonTotal.ShouldBe(4_800);
        PublicPriceEngine.Compute(Month(June2026, children, addons: [exemptAddon]), Rules with { ExemptChildren = ExemptChildCount.AnyDay }).AddonTotal.ShouldBe(9_600);
    }

    [Fact]
    public void a_reduction_takes_its_percent_of_everything_but_the_exempt_child_item()
    {
        var input = Month(June2026, [Child(4, mealFeeExempt: true)], addons: [new AddonPrice("副食費徴収免除加算", AddonKind.PerExemptChild, Amount: 4_800)],
            reductions: [new ReductionRate("分園", 10)]);

        var month = PublicPriceEngine.Compute(input, Rules);

        month.ReductionTotal.ShouldBe(6_292);
        month.Amount.ShouldBe(62_920 - 6_292 + 4_800);
    }

    [Fact]
    public void a_fee_larger_than_the_childs_prorated_price_is_deducted_only_up_to_it()
    {
        var month = PublicPriceEngine.Compute(Month(June2026, [Child(4, fee: 70_000)], payment: PaymentKind.Benefit), Rules);

        month.FeeDeductedTotal.ShouldBe(62_920);
        month.Amount.ShouldBe(0);
    }

    [Fact]
    public void a_table_that_leaves_a_childs_cell_empty_is_refused_naming_the_cell_and_the_child()
    {
        var error = ShouldBreakRule(() => PublicPriceEngine.Compute(Month(June2026, [Child(4), Child(0, CareLevel.Short)], SmallScaleTable), Rules),
            "facility-payment.unit-price-missing");
        error.Field.ShouldBe("unitPrices");
        error.AlsoFields.ShouldBe(["children[0]"]);
    }

    [Fact]
    public void a_cell_given_twice_is_refused() =>
        ShouldBreakRule(() => PublicPriceEngine.Compute(Month(June2026, [Child(4)], [.. NurseryTable, NurseryTable[^1]]), Rules),
            "facility-payment.unit-price-duplicate").Field.ShouldBe("unitPrices");

    [Fact]
    public void enrolment_dates_outside_the_month_are_refused() =>
        ShouldBreakRule(() => PublicPriceEngine.Compute(Month(June2026, [Child(4), Child(4, from: new DateOnly(2026, 7, 1))]), Rules),
            "facility-payment.outside-month").Field.ShouldBe("children[1].from");

    [Fact]
    public void a_month_the_holiday_list_does_not_cover_is_refused_rather_than_counted_without_holidays() =>
        ShouldBreakRule(() => PublicPriceEngine.Compute(Month(new DateOnly(2028, 6, 1), [Child(4)]), Rules), "facility-payment.calendar-not-covered");

    [Fact]
    public void the_age_band_follows_the_class_age_not_the_birthday_in_the_month()
    {
        var turnsThreeInJune = new DateOnly(2023, 6, 10);
        AgeBands.For(turnsThreeInJune, new DateOnly(2026, 7, 1), CertificationCategory.Category2).ShouldBe(AgeBand.Age1To2);
        AgeBands.For(turnsThreeInJune, new DateOnly(2026, 7, 1), CertificationCategory.Category1).ShouldBe(AgeBand.Age3);
        AgeBands.For(turnsThreeInJune, new DateOnly(2027, 4, 1), CertificationCategory.Category2).ShouldBe(AgeBand.Age3);
    }

    [Fact]
    public void the_shipped_rules_have_no_problems_and_bad_ones_are_named() =>
        (Rules with { ChildRoundDownTo = 3, PaymentDay = 31 }).Problems().Select(p => p.Field).ShouldBe(["childRoundDownTo", "paymentDay"], ignoreOrder: true);
}
