using KosodateShien.Domain.Certification;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>BENEFITS.md §7 E1–E10 and E12, to the yen (E11, the 総合振込 file, is in TransferFileTests).</summary>
public class WorkedExampleTests : FacilityPaymentSpec
{
    [Fact]
    public void e1_a_private_nursery_is_paid_the_full_public_price_as_commission()
    {
        var month = PublicPriceEngine.Compute(Month(June2026, E1Roster()), Rules);

        month.OpeningDays.ShouldBe(26);
        month.Children.Sum(c => c.PublicPrice - c.Treatment).ShouldBe(4_638_000);
        month.Children.Sum(c => c.Treatment).ShouldBe(974_880);
        month.Amount.ShouldBe(5_612_880);
        month.FeeDeductedTotal.ShouldBe(0);
        month.Children.Where(c => c.AgeBand == AgeBand.Age3).ShouldAllBe(c => c.PublicPrice == 75_080); // 620 × 21.1 = 13,082 → 13,080
    }

    [Fact]
    public void e2_the_same_roster_paid_as_a_benefit_has_the_fees_deducted()
    {
        var roster = E1Roster();
        long[] infantFees = [30_000, 44_500, 0], toddlerFees = [30_000, 30_000, 30_000, 30_000, 44_500, 44_500, 44_500, 61_000, 61_000, 0], shortFees = [29_600, 43_900];
        var fees = infantFees.Concat(toddlerFees).Concat(shortFees).ToArray();
        var children = roster.Select((c, i) => i < fees.Length ? c with { Fee = fees[i] } : c).ToList();

        var month = PublicPriceEngine.Compute(Month(June2026, children, payment: PaymentKind.Benefit), Rules);

        month.FeeTotal.ShouldBe(523_500);
        month.Amount.ShouldBe(5_089_380);
    }

    [Fact]
    public void e3_a_per_facility_addon_is_divided_over_the_first_day_roster_and_rounded_down_per_child()
    {
        var month = PublicPriceEngine.Compute(Month(June2026, E1Roster(), addons: [AgeThreeStaffing, HeadNurse]), Rules);

        month.Children.Where(c => c.AgeBand == AgeBand.Age3).Sum(c => c.PublicPrice - 75_080).ShouldBe(145_200);
        var headNurse = month.Lines.Single(l => l.Code == HeadNurse.Code);
        headNurse.Unit.ShouldBe(3_160); // 189,750 ÷ 60 = 3,162.5
        headNurse.Amount.ShouldBe(189_600);
        month.AddonTotal.ShouldBe(189_600);
        month.Amount.ShouldBe(5_947_680);
    }

    [Fact]
    public void e4_a_child_entering_a_small_scale_nursery_mid_month_is_prorated_by_opening_days_and_so_is_its_fee()
    {
        var child = Child(1, fee: 30_000, from: new DateOnly(2026, 6, 15));
        var month = PublicPriceEngine.Compute(Month(June2026, [child], SmallScaleTable, PaymentKind.Benefit), Rules);

        var line = month.Children.Single();
        (line.Days, month.OpeningDays).ShouldBe((14, 26));
        line.PublicPrice.ShouldBe(110_761);
        line.Treatment.ShouldBe(19_223);
        line.Fee.ShouldBe(16_150);
        month.Amount.ShouldBe(94_611);
    }

    [Fact]
    public void e5_a_child_leaving_mid_month_is_prorated_to_its_last_day()
    {
        var child = Child(4, to: new DateOnly(2026, 7, 15));
        var month = PublicPriceEngine.Compute(Month(new DateOnly(2026, 7, 1), [child]), Rules);

        (month.Children.Single().Days, month.OpeningDays).ShouldBe((13, 26));
        month.Children.Single().PublicPrice.ShouldBe(31_460);
        month.Children.Single().Treatment.ShouldBe(5_460);
        month.Amount.ShouldBe(31_460);
    }

    [Fact]
    public void e6_a_mid_month_entrant_gets_its_per_child_addon_prorated_and_no_share_of_the_per_facility_one()
    {
        var entrant = Child(3, from: new DateOnly(2026, 6, 15));
        var month = PublicPriceEngine.Compute(Month(June2026, [.. E1Roster(), entrant], addons: [AgeThreeStaffing, HeadNurse]), Rules);

        var line = month.Children.Single(c => c.Ref == entrant.Ref);
        line.MonthlyPublicPrice.ShouldBe(84_760);
        line.PublicPrice.ShouldBe(45_640);
        line.Treatment.ShouldBe(7_947);
        month.Lines.Single(l => l.Code == HeadNurse.Code).ShouldSatisfyAllConditions(l => l.Unit.ShouldBe(3_160), l => l.Count.ShouldBe(60));
        month.Amount.ShouldBe(5_947_680 + 45_640);
    }

    [Fact]
    public void e7_a_kindergartens_first_category_children_use_the_age_three_price_from_full_three()
    {
        // Table R1, 20/100, 利用定員 80 → row 76–90.
        IReadOnlyList<UnitPrice> r1 = [new(AgeBand.Age4Plus, CareLevel.Standard, 46_510, 440, 2.0m), new(AgeBand.Age3, CareLevel.Standard, 56_490, 540, 2.1m)];
        var first = CertificationCategory.Category1;
        List<ClaimChild> roster =
        [
            .. Enumerable.Range(0, 40).Select(_ => Child(4, category: first)), .. Enumerable.Range(0, 30).Select(_ => Child(3, category: first)),
            .. Enumerable.Range(0, 2).Select(_ => Child(2, category: first)), // 満3歳: still in the 2歳児クラス
        ];

        var month = PublicPriceEngine.Compute(Month(June2026, roster, r1, PaymentKind.Benefit), Rules);

        month.Children.Count(c => c.AgeBand == AgeBand.Age3).ShouldBe(32);
        month.Children.Where(c => c.AgeBand == AgeBand.Age4Plus).ShouldAllBe(c => c.PublicPrice == 55_750);
        month.Children.Where(c => c.AgeBand == AgeBand.Age3).ShouldAllBe(c => c.PublicPrice == 67_880);
        month.Amount.ShouldBe(4_402_160);
    }

    [Fact]
    public void e8_the_provisional_payment_is_the_first_day_roster_and_the_next_payment_settles_the_difference()
    {
        var april = new DateOnly(2026, 4, 1);
        var entrant = Child(1, from: new DateOnly(2026, 4, 16));
        var roster = E1Roster();

        var aprilProvisional = PublicPriceEngine.Provisional(Month(april, [.. roster, entrant]), Rules);
        var aprilConfirmed = PublicPriceEngine.Compute(Month(april, [.. roster, entrant]), Rules);
        var mayProvisional = PublicPriceEngine.Provisional(Month(new DateOnly(2026, 5, 1), [.. roster, entrant with { From = null }]), Rules);

        aprilProvisional.Amount.ShouldBe(5_612_880);
        aprilConfirmed.Children.Single(c => c.Ref == entrant.Ref).ShouldSatisfyAllConditions(c => c.Days.ShouldBe(12), c => c.PublicPrice.ShouldBe(75_504));
        aprilConfirmed.OpeningDays.ShouldBe(25);
        aprilConfirmed.Amount.ShouldBe(5_688_384);
        mayProvisional.Amount.ShouldBe(5_770_180);
        (mayProvisional.Amount + (aprilConfirmed.Amount - aprilProvisional.Amount)).ShouldBe(5_845_684);
    }

    [Fact]
    public void e9_a_treatment_rate_certified_late_is_the_difference_of_the_two_rounded_results()
    {
        var roster = E1Roster();
        var provisional = PublicPriceEngine.Compute(Month(June2026, roster, rates: new TreatmentRates(10, 7)), Rules);
        var certified = PublicPriceEngine.Compute(Month(June2026, roster, rates: new TreatmentRates(12, 7)), Rules);

        (certified.Amount - provisional.Amount).ShouldBe(92_760);
        (3 * (certified.Amount - provisional.Amount)).ShouldBe(278_280);
    }

    [Fact]
    public void e10_a_staffing_shortfall_in_the_quality_part_is_repaid_per_month_of_shortfall()
    {
        AddonPrice QualityPart(int personsA, int personsB) => new("処遇改善等加算区分3", AddonKind.PerFacility, Base: 51_790 * personsA + 6_470 * personsB);
        var roster = E1Roster();

        var paid = PublicPriceEngine.Compute(Month(June2026, roster, addons: [QualityPart(3, 2)]), Rules).Lines.Single(l => l.Kind == PaymentLineKind.PerFacility);
        var earned = PublicPriceEngine.Compute(Month(June2026, roster, addons: [QualityPart(2, 2)]), Rules).Lines.Single(l => l.Kind == PaymentLineKind.PerFacility);

        (paid.Unit, paid.Amount).ShouldBe((2_800, 168_000));
        (earned.Unit, earned.Amount).ShouldBe((1_940, 116_400));
        (6 * (paid.Amount - earned.Amount)).ShouldBe(309_600);
    }

    [Fact]
    public void e12_children_certified_elsewhere_are_claimed_from_their_own_municipality_with_the_facility_wide_divisor()
    {
        const string shinjuku = "131041", nakano = "131148";
        var roster = E1Roster(shinjuku);
        var fourYearOlds = roster.Where(c => c.BirthDate == BornForClassAge(4)).Take(5).Select(c => c.Ref).ToHashSet();
        roster = [.. roster.Select(c => fourYearOlds.Contains(c.Ref) ? c with { Payer = nakano } : c)];
        var input = Month(June2026, roster, addons: [AgeThreeStaffing, HeadNurse]);

        PublicPriceEngine.Compute(input, Rules, nakano).Amount.ShouldBe(330_400);
        PublicPriceEngine.Compute(input, Rules, shinjuku).Amount.ShouldBe(5_617_280);
    }
}
