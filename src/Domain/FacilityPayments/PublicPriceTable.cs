using System.Text.Json.Serialization;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>
/// One row of the 公定価格 単価表: for a 施設類型 × 地域区分 × 定員区分 (利用定員 from–to) × 年齢区分 × 保育必要量, the 基本分単価, the
/// 処遇改善等加算の単価 (円 per 1% of 加算率) and the cell's rate c. <see cref="Education"/> rows are the 1号 (教育標準時間) prices of
/// a こども園 or 幼稚園, which differ from the 2・3号 ones of the same age.
/// </summary>
/// <param name="CapacityFrom">定員区分: lowest 利用定員 of the band</param>
/// <param name="CapacityTo">定員区分: highest 利用定員 of the band (null = and more)</param>
/// <param name="Education">1号 (教育標準時間認定) row</param>
/// <param name="Base">基本分単価 (yen per child per month)</param>
/// <param name="TreatmentUnit">処遇改善等加算の単価 (yen per 1%)</param>
/// <param name="C">加算率 c of the cell (区分2, the former 加算Ⅲ)</param>
public sealed record PriceTableRow(FacilityCategory Category, RegionCategory Region, int CapacityFrom, int? CapacityTo, bool Education, AgeBand AgeBand,
    CareLevel CareLevel, long Base, long TreatmentUnit, decimal C)
{
    public bool CoversCapacity(int capacity) => capacity >= CapacityFrom && (CapacityTo is null || capacity <= CapacityTo);
}

/// <summary>How an item of the 加算・減算 catalogue is paid (BENEFITS.md §2.3).</summary>
public enum CatalogueKind
{
    /// <summary>PC: per eligible child.</summary>
    [JsonStringEnumMemberName("perChild")] PerChild,
    /// <summary>PF: per facility-month, divided over the 1st-day roster.</summary>
    [JsonStringEnumMemberName("perFacility")] PerFacility,
    /// <summary>M: once, in the March claim (年額 ÷ 3月初日人数).</summary>
    [JsonStringEnumMemberName("marchOnly")] MarchOnly,
    /// <summary>R: a rate-based 減算 on other items.</summary>
    [JsonStringEnumMemberName("rateReduction")] RateReduction,
    /// <summary>PT: a fixed amount per exempt child (副食費徴収免除加算).</summary>
    [JsonStringEnumMemberName("perExemptChild")] PerExemptChild,
}

/// <summary>
/// An item of the 加算・減算 catalogue: its kind, whether it is 日割 with the child and whether 減算 applies to it, and its
/// amounts (a per-child or per-facility 基本額 + 処遇改善単価 × (a + b + c), a fixed amount, or a 減算 percent).
/// </summary>
/// <param name="Code">加算項目コード</param>
/// <param name="Name">加算・減算の名称</param>
/// <param name="Prorated">日割対象 (with the child's days)</param>
/// <param name="Reducible">減算対象</param>
/// <param name="AgeBands">PerChild: the 年齢区分 it is paid for (none = all)</param>
/// <param name="Percent">RateReduction: 減算率 (%)</param>
public sealed record CatalogueItem(string Code, string Name, CatalogueKind Kind, bool Prorated, bool Reducible, IReadOnlyList<AgeBand>? AgeBands = null,
    long Base = 0, long TreatmentUnit = 0, decimal C = 0, long Amount = 0, decimal Percent = 0);

/// <summary>
/// 公定価格 単価表 (告示 別表 and the yearly 単価表) with its 加算・減算 catalogue, as immutable versions each in force from its
/// 適用開始日: a 告示 revision published in December and applying back to April is a new version with an April 適用開始日, and
/// the claims it changes are recomputed. Every computed claim line names the version it used.
/// </summary>
/// <param name="Id">document id, <c>public-price-tables/{version}</c></param>
/// <param name="Version">単価表 履歴番号</param>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="Notice">告示番号 (e.g. 令和8年こども家庭庁告示第○号), or where the numbers come from</param>
/// <param name="Sample">ILLUSTRATIVE numbers (a sample for demos and tests), never the national table</param>
public sealed record PublicPriceTable(
    string Id,
    int Version,
    DateOnly EffectiveFrom,
    string Notice,
    string Description,
    bool Sample,
    IReadOnlyList<PriceTableRow> Rows,
    IReadOnlyList<CatalogueItem> Catalogue,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : IVersionedRuleSet
{
    public static string DocumentId(int version) => $"public-price-tables/{version}";

    public static PublicPriceTable InForceOn(IEnumerable<PublicPriceTable> versions, DateOnly date) =>
        RuleSetVersions.InForceOn(versions, date, "公定価格 単価表 (public price table)");

    /// <summary>
    /// The cells a facility is priced with: its 施設類型 and 地域区分, and the 定員区分 its 利用定員 falls in (a こども園's 1号 rows by
    /// its 1号 定員, the others by its 2・3号 定員). A facility the table has no row for is refused, naming what is missing.
    /// </summary>
    public IReadOnlyList<UnitPrice> CellsFor(FacilityCategory category, RegionCategory region, int careCapacity, int educationCapacity = 0)
    {
        var rows = Rows.Where(r => r.Category == category && r.Region == region && r.CoversCapacity(r.Education ? educationCapacity : careCapacity)).ToList();
        if (rows.Count == 0)
            throw new DomainRuleException("public-price.no-row",
                $"単価表 v{Version} has no row for {category} in 地域区分 {region} with 利用定員 {careCapacity}.", "facility");
        return [.. rows.Select(r => new UnitPrice(r.AgeBand, r.CareLevel, r.Base, r.TreatmentUnit, r.C, r.Education))];
    }

    /// <summary>処遇改善等加算 区分3's catalogue codes: the amount per 人数A and per 人数B certified with the 加算率.</summary>
    public const string QualityPartA = "treatment-3a", QualityPartB = "treatment-3b";

    /// <summary>
    /// A facility month priced from this table: its cells, the catalogue items it is certified for (by code) as 加算 and 減算
    /// (a March-only item only in March), 区分3 for its certified 人数A/B (one facility item, not reduced), and the children.
    /// </summary>
    public FacilityMonthInput InputFor(DateOnly month, PaymentKind payment, TreatmentRates rates, FacilityCategory category, RegionCategory region,
        int careCapacity, int educationCapacity, IReadOnlyCollection<string> certifiedItems, IReadOnlyList<ClaimChild> children, int qualityPersonsA = 0,
        int qualityPersonsB = 0)
    {
        var unknown = certifiedItems.FirstOrDefault(code => Catalogue.All(c => c.Code != code));
        if (unknown is not null) throw new DomainRuleException("public-price.unknown-item", $"単価表 v{Version} has no 加算・減算 '{unknown}'.", "facility.items");
        var items = Catalogue.Where(c => certifiedItems.Contains(c.Code) && (c.Kind != CatalogueKind.MarchOnly || month.Month == 3)).ToList();
        var quality = (Catalogue.FirstOrDefault(c => c.Code == QualityPartA)?.Amount ?? 0) * qualityPersonsA
            + (Catalogue.FirstOrDefault(c => c.Code == QualityPartB)?.Amount ?? 0) * qualityPersonsB;
        if (quality == 0 && qualityPersonsA + qualityPersonsB > 0)
            throw new DomainRuleException("public-price.no-quality-part", $"単価表 v{Version} has no 区分3 amounts ({QualityPartA}, {QualityPartB}) for the certified 人数.", "facility.items");
        return new FacilityMonthInput(month, payment, rates, CellsFor(category, region, careCapacity, educationCapacity),
            [
                .. items.Where(i => i.Kind != CatalogueKind.RateReduction).Select(i => i.Kind switch
                {
                    CatalogueKind.PerChild => new AddonPrice(i.Code, AddonKind.PerChild, i.AgeBands, i.Base, i.TreatmentUnit, i.C),
                    CatalogueKind.PerExemptChild => new AddonPrice(i.Code, AddonKind.PerExemptChild, Amount: i.Amount),
                    _ => new AddonPrice(i.Code, AddonKind.PerFacility, Base: i.Base + i.Amount, TreatmentUnit: i.TreatmentUnit, C: i.C, Reducible: i.Reducible),
                }),
                .. quality > 0 ? [new AddonPrice("処遇改善等加算区分3", AddonKind.PerFacility, Base: quality, Reducible: false)] : Array.Empty<AddonPrice>(),
            ],
            [.. items.Where(i => i.Kind == CatalogueKind.RateReduction).Select(i => new ReductionRate(i.Code, i.Percent))],
            children);
    }

    /// <summary>What makes a draft unusable, by field path: overlapping 定員区分, a cell given twice, negative amounts, unknown kinds.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Rows.Count == 0) problems.Add(("rows", "must list at least one row."));
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.CapacityFrom < 0 || row.CapacityTo < row.CapacityFrom) problems.Add(($"rows[{i}].capacityTo", "must not be below capacityFrom (and capacityFrom not negative)."));
            if (row.Base < 0) problems.Add(($"rows[{i}].base", "must not be negative."));
            if (row.TreatmentUnit < 0) problems.Add(($"rows[{i}].treatmentUnit", "must not be negative."));
            if (row.C is < 0 or > 100) problems.Add(($"rows[{i}].c", "must be between 0 and 100."));
            var overlapping = Rows.Take(i).Select((other, j) => (other, j)).FirstOrDefault(o => SameCell(o.other, row) && Overlap(o.other, row));
            if (overlapping.other is not null)
                problems.Add(($"rows[{i}]", $"overlaps rows[{overlapping.j}]: the same 施設類型, 地域区分, 年齢区分 and 保育必要量 in overlapping 定員区分."));
        }
        for (var i = 0; i < Catalogue.Count; i++)
        {
            var item = Catalogue[i];
            if (string.IsNullOrWhiteSpace(item.Code)) problems.Add(($"catalogue[{i}].code", "is required."));
            if (item.Base < 0 || item.TreatmentUnit < 0 || item.Amount < 0) problems.Add(($"catalogue[{i}]", "amounts must not be negative."));
            if (item.Kind == CatalogueKind.RateReduction && item.Percent is <= 0 or > 100) problems.Add(($"catalogue[{i}].percent", "must be more than 0 and at most 100."));
            if (item.Kind == CatalogueKind.PerChild && !item.Prorated) problems.Add(($"catalogue[{i}].prorated", "a per-child 加算 is part of the child's 公定価格 and 日割 with it."));
            if (item.Kind is CatalogueKind.PerFacility or CatalogueKind.MarchOnly or CatalogueKind.PerExemptChild && item.Prorated)
                problems.Add(($"catalogue[{i}].prorated", "施設単位, 3月 and 副食費徴収免除 items are never 日割."));
        }
        if (Catalogue.Select(c => c.Code).Distinct().Count() != Catalogue.Count) problems.Add(("catalogue", "codes must be unique."));
        return problems;
    }

    private static bool SameCell(PriceTableRow a, PriceTableRow b) =>
        a.Category == b.Category && a.Region == b.Region && a.Education == b.Education && a.AgeBand == b.AgeBand && a.CareLevel == b.CareLevel;

    private static bool Overlap(PriceTableRow a, PriceTableRow b) =>
        a.CapacityFrom <= (b.CapacityTo ?? int.MaxValue) && b.CapacityFrom <= (a.CapacityTo ?? int.MaxValue);
}
