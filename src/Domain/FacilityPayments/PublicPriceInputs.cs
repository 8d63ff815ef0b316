using System.Text.Json.Serialization;
using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>What the ward pays a facility for the month.</summary>
public enum PaymentKind
{
    /// <summary>委託費 (私立保育所, 法附則6条1項): the full 公定価格; the ward collects the 利用者負担額 itself.</summary>
    [JsonStringEnumMemberName("commission")] Commission,
    /// <summary>施設型給付費 / 地域型保育給付費 (法27条・29条, 法定代理受領): 公定価格 − 利用者負担額; the facility collects the fee.</summary>
    [JsonStringEnumMemberName("benefit")] Benefit,
}

/// <summary>処遇改善等加算の加算率 certified for the facility: 区分1 (a, by 平均経験年数) and 区分2 (b); c comes with each unit price.</summary>
public sealed record TreatmentRates(decimal A, decimal B)
{
    public decimal Sum => A + B;
}

/// <summary>
/// One cell of the 公定価格 単価表 for the facility (its 施設類型 × 地域区分 × 定員区分 already chosen): 基本分単価, the 処遇改善等加算
/// 単価 ("○円 × 加算率") and the cell's own rate c. <see cref="Education"/> marks a こども園's 1号 cell; a 1号 child is priced with
/// it when the facility has one, otherwise with the cell of its age (a 幼稚園 has 1号 cells only). 1号 cells use careLevel standard.
/// </summary>
public sealed record UnitPrice(AgeBand AgeBand, CareLevel CareLevel, long Base, long TreatmentUnit, decimal C, bool Education = false);

/// <summary>How an 加算 item is paid (BENEFITS.md §2.3).</summary>
public enum AddonKind
{
    /// <summary>PC: per child of the named 年齢区分, inside the child's monthly 公定価格 (so 日割 with it).</summary>
    [JsonStringEnumMemberName("perChild")] PerChild,
    /// <summary>PF: a monthly amount for the facility, divided per child of the 1st-day roster (rounded down), never 日割.</summary>
    [JsonStringEnumMemberName("perFacility")] PerFacility,
    /// <summary>PT: a fixed amount per child exempt from the 副食費 (副食費徴収免除加算), never reduced (減算).</summary>
    [JsonStringEnumMemberName("perExemptChild")] PerExemptChild,
}

/// <summary>
/// An 加算 the facility is certified for this month. PerChild and PerFacility items are 基本額 + floor10(処遇改善単価 × (a + b + c));
/// PerExemptChild items are <see cref="Amount"/> per exempt child.
/// </summary>
/// <param name="Code">加算項目コード</param>
/// <param name="AgeBands">PerChild only: the 年齢区分 it is paid for (none = every child)</param>
/// <param name="Reducible">PerFacility only: 減算 applies to it (処遇改善等加算 区分3 is not reduced)</param>
public sealed record AddonPrice(string Code, AddonKind Kind, IReadOnlyList<AgeBand>? AgeBands = null, long Base = 0, long TreatmentUnit = 0, decimal C = 0,
    long Amount = 0, bool Reducible = true)
{
    public bool AppliesTo(AgeBand band) => AgeBands is not { Count: > 0 } || AgeBands.Contains(band);
}

/// <summary>A rate-based 減算 (分園, 土曜閉所, 定員超過 …): <see cref="Percent"/> of everything but the per-exempt-child items, rounded down.</summary>
public sealed record ReductionRate(string Code, decimal Percent);

/// <summary>
/// A child the facility cares for in the month: its 認定区分 and 保育必要量 as of the 1st, its monthly 利用者負担額, and the days it
/// entered or left within the month.
/// </summary>
/// <param name="Ref">the child's reference in the claim</param>
/// <param name="From">入所日 when the child enters within the month (null = enrolled on the 1st)</param>
/// <param name="To">last day enrolled when the child leaves within the month (null = to the month's end)</param>
/// <param name="MealFeeExempt">副食費徴収免除</param>
/// <param name="Payer">the municipality that certified the child (支給認定市町村); null = the facility's own</param>
public sealed record ClaimChild(string Ref, DateOnly BirthDate, CertificationCategory Category, CareLevel CareLevel, long Fee, DateOnly? From = null,
    DateOnly? To = null, bool MealFeeExempt = false, string? Payer = null);

/// <summary>Everything the month's 公定価格 of one facility is computed from.</summary>
/// <param name="Month">the service month (its first day)</param>
public sealed record FacilityMonthInput(
    DateOnly Month,
    PaymentKind Payment,
    TreatmentRates Rates,
    IReadOnlyList<UnitPrice> UnitPrices,
    IReadOnlyList<AddonPrice> Addons,
    IReadOnlyList<ReductionRate> Reductions,
    IReadOnlyList<ClaimChild> Children);
