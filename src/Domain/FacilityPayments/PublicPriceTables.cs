using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>
/// A <b>sample</b> 公定価格 単価表 for demos and tests. Its numbers are ILLUSTRATIVE (BENEFITS.md §7 T-HO and T-SA) or a third
/// party's 幼稚園 1号 rows (Table R1): the current national 20/100 単価 for 保育所 and 小規模保育 were not found. It is never stored
/// by itself: the demo seeding stores it, and a ward publishes the real table from the こども家庭庁 単価表 instead.
/// </summary>
public static class PublicPriceTables
{
    public const string SampleNotice = "SAMPLE (ILLUSTRATIVE): BENEFITS.md T-HO / T-SA and third-party Table R1 — not the national 単価表";

    private static readonly RegionCategory Ward = RegionCategory.Percent20;

    /// <summary>T-HO (保育所 20/100, given for every 利用定員 here; the real table has 20-odd 定員区分).</summary>
    private static IEnumerable<PriceTableRow> NurseryRows(FacilityCategory category) =>
    [
        new(category, Ward, 0, null, false, AgeBand.Infant, CareLevel.Standard, 200_000, 2_000, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Infant, CareLevel.Short, 194_000, 1_940, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Standard, 130_000, 1_300, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Short, 124_000, 1_240, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age3, CareLevel.Standard, 62_000, 620, 2.1m),
        new(category, Ward, 0, null, false, AgeBand.Age3, CareLevel.Short, 56_000, 560, 2.1m),
        new(category, Ward, 0, null, false, AgeBand.Age4Plus, CareLevel.Standard, 52_000, 520, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age4Plus, CareLevel.Short, 46_000, 460, 2.0m),
    ];

    /// <summary>Table R1 (幼稚園 1号, 20/100): the 定員区分 rows the third-party tool shows.</summary>
    private static IEnumerable<PriceTableRow> EducationRows(FacilityCategory category) =>
        new (int From, int? To, long Base4, long Unit4, decimal C4, long Base3, long Unit3, decimal C3)[]
        {
            (0, 15, 135_800, 1_330, 2.0m, 145_780, 1_430, 2.1m),
            (16, 20, 103_020, 1_000, 2.0m, 113_000, 1_100, 2.1m),
            (31, 35, 77_930, 750, 1.6m, 87_910, 850, 1.6m),
            (61, 75, 50_900, 480, 2.0m, 60_880, 580, 2.1m),
            (76, 90, 46_510, 440, 2.0m, 56_490, 540, 2.1m),
            (91, 105, 43_380, 410, 2.0m, 53_360, 510, 2.1m),
            (151, 180, 35_600, 330, 2.0m, 45_580, 430, 2.1m),
            (301, null, 28_810, 260, 2.0m, 38_790, 360, 2.1m),
        }.SelectMany(r => new PriceTableRow[]
        {
            new(category, Ward, r.From, r.To, true, AgeBand.Age4Plus, CareLevel.Standard, r.Base4, r.Unit4, r.C4),
            new(category, Ward, r.From, r.To, true, AgeBand.Age3, CareLevel.Standard, r.Base3, r.Unit3, r.C3),
        });

    /// <summary>T-SA (小規模保育事業A型 20/100).</summary>
    private static readonly PriceTableRow[] SmallScaleRows =
    [
        new(FacilityCategory.SmallScaleA, Ward, 0, null, false, AgeBand.Infant, CareLevel.Standard, 260_000, 2_600, 2.0m),
        new(FacilityCategory.SmallScaleA, Ward, 0, null, false, AgeBand.Infant, CareLevel.Short, 252_000, 2_520, 2.0m),
        new(FacilityCategory.SmallScaleA, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Standard, 170_000, 1_700, 2.0m),
        new(FacilityCategory.SmallScaleA, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Short, 162_000, 1_620, 2.0m),
    ];

    /// <summary>家庭的保育 and 事業所内保育 (ILLUSTRATIVE: the 処遇改善単価 1,610 of the H27 draft's 家庭的保育 row, bases made up).</summary>
    private static IEnumerable<PriceTableRow> HomeBasedRows(FacilityCategory category) =>
    [
        new(category, Ward, 0, null, false, AgeBand.Infant, CareLevel.Standard, 200_000, 1_610, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Infant, CareLevel.Short, 194_000, 1_560, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Standard, 165_000, 1_610, 2.0m),
        new(category, Ward, 0, null, false, AgeBand.Age1To2, CareLevel.Short, 159_000, 1_560, 2.0m),
    ];

    /// <summary>The sample catalogue: T-HO's 加算 (ILLUSTRATIVE), a 副食費徴収免除加算 of 4,800, 分園 10% and 区分3's amounts per person.</summary>
    private static readonly CatalogueItem[] SampleCatalogue =
    [
        new("age3-staffing", "3歳児配置改善加算", CatalogueKind.PerChild, Prorated: true, Reducible: true, [AgeBand.Age3], Base: 8_000, TreatmentUnit: 80, C: 2.0m),
        new("head-nurse", "主任保育士専任加算", CatalogueKind.PerFacility, Prorated: false, Reducible: true, Base: 150_000, TreatmentUnit: 1_500, C: 7.5m),
        new("meal-exemption", "副食費徴収免除加算", CatalogueKind.PerExemptChild, Prorated: false, Reducible: false, Amount: 4_800),
        new("branch", "分園の場合 (減算)", CatalogueKind.RateReduction, Prorated: false, Reducible: false, Percent: 10),
        // 区分3 per 人数A / 人数B: the third-party 1号 tool's 51,790 and 6,470, used ILLUSTRATIVELY (BENEFITS.md E10). Paid through the
        // 加算率 certification's 人数, never certified as items themselves.
        new(PublicPriceTable.QualityPartA, "処遇改善等加算 区分3 (人数A 1人当たり)", CatalogueKind.PerFacility, Prorated: false, Reducible: false, Amount: 51_790),
        new(PublicPriceTable.QualityPartB, "処遇改善等加算 区分3 (人数B 1人当たり)", CatalogueKind.PerFacility, Prorated: false, Reducible: false, Amount: 6_470),
    ];

    /// <summary>The sample as version 1 from 2025-04-01.</summary>
    public static readonly PublicPriceTable Sample = new(
        PublicPriceTable.DocumentId(1), 1, new DateOnly(2025, 4, 1), SampleNotice,
        "見本: 私立保育所・こども園 (T-HO), 小規模保育A型 (T-SA), 幼稚園・こども園の1号 (Table R1), 家庭的保育・事業所内保育 (架空)。国の単価表ではありません。", Sample: true,
        [
            .. NurseryRows(FacilityCategory.PrivateNursery), .. NurseryRows(FacilityCategory.IntegratedCenter), .. NurseryRows(FacilityCategory.NurseryTypeCenter),
            .. EducationRows(FacilityCategory.IntegratedCenter), .. EducationRows(FacilityCategory.NurseryTypeCenter),
            .. EducationRows(FacilityCategory.NewSystemKindergarten), .. SmallScaleRows, .. HomeBasedRows(FacilityCategory.FamilyDayCare),
            .. HomeBasedRows(FacilityCategory.WorkplaceNursery),
        ],
        SampleCatalogue);
}
