using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>The 単価表 and 加算・減算 catalogue as data: the facility's cells by 施設類型 × 地域区分 × 定員区分, and claims priced from it.</summary>
public class PublicPriceTableTests : FacilityPaymentSpec
{
    private static readonly PublicPriceTable Sample = PublicPriceTables.Sample;

    [Fact]
    public void the_sample_is_marked_as_a_sample_and_has_no_problems()
    {
        Sample.Sample.ShouldBeTrue();
        Sample.Notice.ShouldContain("ILLUSTRATIVE");
        Sample.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void e3_priced_from_the_table_and_the_catalogue_codes_the_facility_is_certified_for()
    {
        var input = Sample.InputFor(June2026, PaymentKind.Commission, Rates, FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0,
            ["age3-staffing", "head-nurse"], E1Roster());

        PublicPriceEngine.Compute(input, Rules).Amount.ShouldBe(5_947_680);
    }

    [Theory]
    [InlineData(80, 4_402_160)]  // 定員区分 76–90 (E7)
    [InlineData(15, 40 * 163_730 + 32 * 175_950)] // 15人まで
    public void e7_a_kindergartens_band_comes_from_its_capacity(int capacity, long expected)
    {
        var first = CertificationCategory.Category1;
        List<ClaimChild> roster =
        [
            .. Enumerable.Range(0, 40).Select(_ => Child(4, category: first)), .. Enumerable.Range(0, 30).Select(_ => Child(3, category: first)),
            .. Enumerable.Range(0, 2).Select(_ => Child(2, category: first)),
        ];
        var input = Sample.InputFor(June2026, PaymentKind.Benefit, Rates, FacilityCategory.NewSystemKindergarten, RegionCategory.Percent20, 0, capacity, [], roster);

        PublicPriceEngine.Compute(input, Rules).Amount.ShouldBe(expected);
    }

    [Fact]
    public void a_centers_first_category_child_is_priced_with_the_education_cell_and_a_second_category_child_of_the_same_age_with_the_care_cell()
    {
        var input = Sample.InputFor(June2026, PaymentKind.Benefit, Rates, FacilityCategory.IntegratedCenter, RegionCategory.Percent20, 90, 80, [],
            [Child(3, category: CertificationCategory.Category1), Child(3, category: CertificationCategory.Category2)]);

        var month = PublicPriceEngine.Compute(input, Rules);

        month.Children.Select(c => c.PublicPrice).ShouldBe([67_880, 75_080]);
    }

    [Fact]
    public void a_facility_the_table_has_no_row_for_is_refused_naming_it()
    {
        ShouldBreakRule(() => Sample.CellsFor(FacilityCategory.SmallScaleB, RegionCategory.Percent20, 19), "public-price.no-row").Field.ShouldBe("facility");
        ShouldBreakRule(() => Sample.CellsFor(FacilityCategory.NewSystemKindergarten, RegionCategory.Percent20, 0, 25), "public-price.no-row");
        ShouldBreakRule(() => Sample.InputFor(June2026, PaymentKind.Commission, Rates, FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0, ["nope"], []),
            "public-price.unknown-item");
    }

    [Fact]
    public void overlapping_capacity_bands_and_bad_catalogue_items_are_named()
    {
        var row = Sample.Rows[0];
        var table = Sample with
        {
            Rows = [row with { CapacityFrom = 0, CapacityTo = 90 }, row with { CapacityFrom = 90, CapacityTo = null }, Sample.Rows[1] with { CapacityFrom = 5, CapacityTo = 4 }],
            Catalogue = [.. Sample.Catalogue, Sample.Catalogue[0], new CatalogueItem("x", "x", CatalogueKind.PerChild, Prorated: false, Reducible: true)],
        };

        table.Problems().Select(p => p.Field).ShouldBe(["rows[1]", "rows[2].capacityTo", $"catalogue[{Sample.Catalogue.Count + 1}].prorated", "catalogue"], ignoreOrder: true);
    }

    [Fact]
    public void e10_the_quality_part_is_paid_for_the_certified_persons_divided_over_the_first_day_roster()
    {
        PublicPriceEngine.Compute(Sample.InputFor(June2026, PaymentKind.Commission, Rates, FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0, [], E1Roster(), 3, 2),
            Rules).ShouldSatisfyAllConditions(m => m.AddonTotal.ShouldBe(168_000), m => m.Amount.ShouldBe(5_612_880 + 168_000));
        PublicPriceEngine.Compute(Sample.InputFor(June2026, PaymentKind.Commission, Rates, FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0, [], E1Roster(), 2, 2),
            Rules).AddonTotal.ShouldBe(116_400);
    }

    [Fact]
    public void a_quality_part_that_is_not_reducible_is_left_out_of_the_reductions_base()
    {
        var quality = new AddonPrice("処遇改善等加算区分3", AddonKind.PerFacility, Base: 60_000, Reducible: false);
        var month = PublicPriceEngine.Compute(Month(June2026, [Child(4)], addons: [quality], reductions: [new ReductionRate("分園", 10)]), Rules);

        month.ReductionTotal.ShouldBe(6_292);
        month.Amount.ShouldBe(62_920 + 60_000 - 6_292);
    }
}
