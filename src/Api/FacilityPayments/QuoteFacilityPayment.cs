using System.Globalization;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>処遇改善等加算の加算率: a (区分1, 平均経験年数) and b (区分2), in percent.</summary>
public sealed record QuoteTreatmentRates(decimal A, decimal B);

/// <summary>A cell of the 公定価格 単価表: 年齢区分 × 保育必要量 → 基本分単価, 処遇改善等加算の単価 (円 per 1%) and c.</summary>
/// <param name="Education">a こども園's 1号 (教育標準時間) cell, used for its 1号 children</param>
public sealed record QuoteUnitPrice(AgeBand? AgeBand, CareLevel? CareLevel, long Base, long TreatmentUnit, decimal C, bool Education = false);

/// <summary>
/// An 加算: perChild (基本額 + 処遇改善 per child of the listed 年齢区分, inside its 公定価格), perFacility (a monthly amount divided over
/// the 1st-day roster) or perExemptChild (副食費徴収免除加算: amount per exempt child).
/// </summary>
/// <param name="Code">加算項目コード</param>
public sealed record QuoteAddon(string Code, AddonKind? Kind, IReadOnlyList<AgeBand>? AgeBands = null, long Base = 0, long TreatmentUnit = 0, decimal C = 0, long Amount = 0);

/// <summary>A rate-based 減算 (分園, 土曜閉所, 定員超過 …) in percent.</summary>
public sealed record QuoteReduction(string Code, decimal Percent);

/// <summary>A child of the facility in the month.</summary>
/// <param name="Ref">the child's reference in the quote</param>
/// <param name="BirthDate">生年月日 (the 年齢区分 comes from its クラス年齢)</param>
/// <param name="Category">支給認定区分 "1", "2" or "3"</param>
/// <param name="CareLevel">保育必要量: standard (標準時間) or short (短時間); 1号 uses standard</param>
/// <param name="Fee">利用者負担額 (monthly)</param>
/// <param name="From">入所日 within the month (null = enrolled on the 1st)</param>
/// <param name="To">last day enrolled within the month (null = to the month's end)</param>
/// <param name="MealFeeExempt">副食費徴収免除</param>
public sealed record QuoteFacilityChild(string Ref, DateOnly? BirthDate, CertificationCategory? Category, CareLevel? CareLevel = null, long Fee = 0,
    DateOnly? From = null, DateOnly? To = null, bool MealFeeExempt = false);

/// <summary>
/// A facility priced from the published 公定価格 単価表 instead of unit prices given in the request: its 施設類型, 地域区分, 利用定員
/// (2・3号, and 1号 for a こども園 or 幼稚園) and the catalogue codes of the 加算・減算 it is certified for.
/// </summary>
/// <param name="Category">施設類型</param>
/// <param name="Region">地域区分</param>
/// <param name="CareCapacity">利用定員 (2・3号)</param>
/// <param name="EducationCapacity">利用定員 (1号)</param>
/// <param name="Items">加算・減算 catalogue codes certified for the month</param>
/// <param name="PriceTableVersion">単価表 履歴番号 (default: the version in force on the month's 1st)</param>
public sealed record QuoteFacility(FacilityCategory? Category, RegionCategory? Region, int CareCapacity = 0, int EducationCapacity = 0,
    IReadOnlyList<string>? Items = null, int? PriceTableVersion = null);

/// <summary>
/// 給付費試算: one facility's month under the given unit prices and 加算 (or its 単価表 cells and certified items, with
/// <see cref="Facility"/>), paid as 委託費 (commission) or 給付費 (benefit).
/// </summary>
/// <param name="Month">the service month, YYYY-MM</param>
/// <param name="Payment">commission (委託費: the fee is not deducted) or benefit (施設型/地域型保育給付費: the fee is deducted)</param>
/// <param name="RuleVersion">支払基準 履歴番号 to use (default: the version in force on the month's 1st)</param>
public sealed record QuoteFacilityPaymentRequest(
    string Month,
    PaymentKind? Payment = null,
    QuoteTreatmentRates? TreatmentRates = null,
    IReadOnlyList<QuoteUnitPrice>? UnitPrices = null,
    IReadOnlyList<QuoteFacilityChild>? Children = null,
    IReadOnlyList<QuoteAddon>? Addons = null,
    IReadOnlyList<QuoteReduction>? Reductions = null,
    int? RuleVersion = null,
    QuoteFacility? Facility = null) : IValidatedRequest
{
    private const long MaxYen = 100_000_000;

    public void Validate(FieldErrors errors)
    {
        if (!DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) || month.Year is < 2015 or > 2100)
            errors.Add("month", "must be a month as YYYY-MM (2015–2100).");
        if (Payment is null) errors.Add("payment", "is required: commission (委託費) or benefit (給付費).");
        if (TreatmentRates is null) errors.Add("treatmentRates", "is required (a and b in percent).");
        else
        {
            if (TreatmentRates.A is < 0 or > 100) errors.Add("treatmentRates.a", "must be between 0 and 100 (percent).");
            if (TreatmentRates.B is < 0 or > 100) errors.Add("treatmentRates.b", "must be between 0 and 100 (percent).");
        }
        if (Facility is not null) ValidateFacility(errors);
        else
        {
            ValidateUnitPrices(errors);
            ValidateAddons(errors);
        }
        for (var i = 0; i < (Reductions ?? []).Count; i++)
        {
            errors.Required($"reductions[{i}].code", Reductions![i].Code, 50);
            if (Reductions[i].Percent is <= 0 or > 100) errors.Add($"reductions[{i}].percent", "must be more than 0 and at most 100.");
        }
        ValidateChildren(errors, month);
        if (RuleVersion is < 1) errors.Add("ruleVersion", "must be a published version (1 or more).");
    }

    private void ValidateFacility(FieldErrors errors)
    {
        if (UnitPrices is not null || Addons is not null || Reductions is not null)
            errors.Add("facility", "prices the facility from the 単価表: leave out unitPrices, addons and reductions.");
        if (Facility!.Category is null) errors.Add("facility.category", "is required (施設類型).");
        if (Facility.Region is null) errors.Add("facility.region", "is required (地域区分, e.g. 20/100).");
        errors.Range("facility.careCapacity", Facility.CareCapacity, 0, 1000);
        errors.Range("facility.educationCapacity", Facility.EducationCapacity, 0, 1000);
        if ((Facility.Items ?? []).Count > 100) errors.Add("facility.items", "must list at most 100 codes.");
        if (Facility.PriceTableVersion is < 1) errors.Add("facility.priceTableVersion", "must be a published version (1 or more).");
    }

    private void ValidateUnitPrices(FieldErrors errors)
    {
        if (UnitPrices is not { Count: > 0 and <= 64 }) { errors.Add("unitPrices", "must list 1 to 64 unit prices."); return; }
        for (var i = 0; i < UnitPrices.Count; i++)
        {
            var price = UnitPrices[i];
            if (price is null) { errors.Add($"unitPrices[{i}]", "is required."); continue; }
            if (price.AgeBand is null) errors.Add($"unitPrices[{i}].ageBand", "is required: infant, age1to2, age3 or age4plus.");
            if (price.CareLevel is null) errors.Add($"unitPrices[{i}].careLevel", "is required: standard or short.");
            errors.Range($"unitPrices[{i}].base", price.Base, 0, MaxYen);
            errors.Range($"unitPrices[{i}].treatmentUnit", price.TreatmentUnit, 0, MaxYen);
            if (price.C is < 0 or > 100) errors.Add($"unitPrices[{i}].c", "must be between 0 and 100 (percent).");
        }
    }

    private void ValidateAddons(FieldErrors errors)
    {
        if ((Addons ?? []).Count > 100) errors.Add("addons", "must list at most 100 加算.");
        for (var i = 0; i < (Addons ?? []).Count; i++)
        {
            var addon = Addons![i];
            if (addon is null) { errors.Add($"addons[{i}]", "is required."); continue; }
            errors.Required($"addons[{i}].code", addon.Code, 50);
            if (addon.Kind is null) errors.Add($"addons[{i}].kind", "is required: perChild, perFacility or perExemptChild.");
            errors.Range($"addons[{i}].base", addon.Base, 0, MaxYen);
            errors.Range($"addons[{i}].treatmentUnit", addon.TreatmentUnit, 0, MaxYen);
            errors.Range($"addons[{i}].amount", addon.Amount, 0, MaxYen);
            if (addon.C is < 0 or > 100) errors.Add($"addons[{i}].c", "must be between 0 and 100 (percent).");
        }
    }

    private void ValidateChildren(FieldErrors errors, DateOnly month)
    {
        if (Children is not { Count: > 0 and <= 2000 }) { errors.Add("children", "must list 1 to 2000 children."); return; }
        for (var i = 0; i < Children.Count; i++)
        {
            var child = Children[i];
            if (child is null) { errors.Add($"children[{i}]", "is required."); continue; }
            errors.Required($"children[{i}].ref", child.Ref, 50);
            if (child.BirthDate is null) errors.Add($"children[{i}].birthDate", "is required.");
            else if (month != default && (child.BirthDate > month.AddMonths(1).AddDays(-1) || child.BirthDate < month.AddYears(-8)))
                errors.Add($"children[{i}].birthDate", "must be on or before the month's last day and less than 8 years before it.");
            if (child.Category is null) errors.Add($"children[{i}].category", "is required: \"1\", \"2\" or \"3\".");
            if (child.Category is CertificationCategory.Category2 or CertificationCategory.Category3 && child.CareLevel is null)
                errors.Add($"children[{i}].careLevel", "is required for a 2号/3号 child: standard or short.");
            errors.Range($"children[{i}].fee", child.Fee, 0, MaxYen);
        }
        if (Children.Where(c => c is not null).Select(c => c.Ref).Distinct().Count() != Children.Count) errors.Add("children", "refs must be unique.");
    }

    public DateOnly MonthStart => DateOnly.ParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public FacilityMonthInput ToInput() => new(
        MonthStart,
        Payment!.Value,
        new TreatmentRates(TreatmentRates!.A, TreatmentRates.B),
        [.. (UnitPrices ?? []).Select(p => new UnitPrice(p.AgeBand!.Value, p.CareLevel!.Value, p.Base, p.TreatmentUnit, p.C, p.Education))],
        [.. (Addons ?? []).Select(a => new AddonPrice(a.Code, a.Kind!.Value, a.AgeBands, a.Base, a.TreatmentUnit, a.C, a.Amount))],
        [.. (Reductions ?? []).Select(r => new ReductionRate(r.Code, r.Percent))],
        [.. Children!.Select(c => new ClaimChild(c.Ref, c.BirthDate!.Value, c.Category!.Value, c.CareLevel ?? CareLevel.Standard, c.Fee, c.From, c.To, c.MealFeeExempt))]);
}

/// <summary>One child in the quote.</summary>
/// <param name="AgeBand">年齢区分 (from the クラス年齢)</param>
/// <param name="Days">d: days counted as enrolled (開所日数 under the default rules)</param>
/// <param name="PublicPrice">the child's 公定価格 for the month (日割 when partial), before 減算</param>
/// <param name="Treatment">うち処遇改善等加算分</param>
/// <param name="MonthlyPublicPrice">M: the full monthly 公定価格 the 日割 starts from</param>
/// <param name="Fee">利用者負担額 for the month (日割 when partial)</param>
/// <param name="FeeDeducted">the fee taken off the payment (給付費 only)</param>
/// <param name="OnFirstDay">初日在籍 (counted in 各月初日の利用子ども数)</param>
public sealed record QuotedFacilityChild(string Ref, AgeBand AgeBand, int Days, long PublicPrice, long Treatment, long MonthlyPublicPrice, long Fee, long FeeDeducted,
    bool OnFirstDay);

/// <summary>The facility's month: totals, each child, and the 積算根拠 lines.</summary>
/// <param name="OpeningDays">D: 開所日数 of the month (or the basis the rules name)</param>
/// <param name="PublicPriceTotal">Σ children's 公定価格 (日割 included), before 減算</param>
/// <param name="AddonTotal">施設単位の加算 and 副食費徴収免除加算 (per-child 加算 are inside each child's 公定価格)</param>
/// <param name="ReductionTotal">Σ 減算</param>
/// <param name="FeeTotal">Σ 利用者負担額 (日割 included)</param>
/// <param name="FeeDeductedTotal">the fees taken off (給付費 only)</param>
/// <param name="Amount">what the ward pays: 公定価格 + 加算 − 減算 (− fees for 給付費)</param>
/// <param name="RuleVersion">支払基準 履歴番号 used</param>
/// <param name="PriceTableVersion">単価表 履歴番号 used (when the facility was priced from the table)</param>
public sealed record QuoteFacilityPaymentResponse(
    string Month,
    PaymentKind Payment,
    int OpeningDays,
    IReadOnlyList<QuotedFacilityChild> Children,
    long PublicPriceTotal,
    long AddonTotal,
    long ReductionTotal,
    long FeeTotal,
    long FeeDeductedTotal,
    long Amount,
    IReadOnlyList<PaymentLine> Lines,
    int RuleVersion,
    int? PriceTableVersion = null)
{
    public static QuoteFacilityPaymentResponse From(FacilityMonthAmount m, int? priceTableVersion = null) => new(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.Payment, m.OpeningDays,
        [.. m.Children.Select(c => new QuotedFacilityChild(c.Ref, c.AgeBand, c.Days, c.PublicPrice, c.Treatment, c.MonthlyPublicPrice, c.Fee, c.FeeDeducted, c.OnFirstDay))],
        m.PublicPriceTotal, m.AddonTotal, m.ReductionTotal, m.FeeTotal, m.FeeDeductedTotal, m.Amount, m.Lines, m.RuleVersion, priceTableVersion);
}

public static class QuoteFacilityPaymentEndpoint
{
    /// <summary>
    /// 給付費試算: what the ward would pay one facility for a month — 委託費 (the full 公定価格) or 給付費 (公定価格 − 利用者負担額) —
    /// from the given 単価表 cells, 加算率, 加算 and 減算, under the municipality's 支払基準 (日割 by 開所日数 by default). The 年齢区分
    /// comes from each child's クラス年齢. Stores nothing.
    /// </summary>
    [Tags("FacilityPayments 給付費")]
    [Authorize(Policy = Policies.Simulate)]
    [WolverinePost("/api/facility-payments/quote", OperationId = "QuoteFacilityPayment")]
    public static async Task<QuoteFacilityPaymentResponse> Post(QuoteFacilityPaymentRequest request, IQuerySession session, CancellationToken ct)
    {
        var month = request.MonthStart;
        var versions = await session.FacilityPaymentRuleVersionsAsync(ct);
        var rules = request.RuleVersion is { } version
            ? versions.SingleOrDefault(v => v.Version == version)
              ?? throw new Domain.Common.DomainRuleException("rules.unknown-version", $"No 支払基準 version {version} is published.", "ruleVersion")
            : FacilityPaymentRuleSet.InForceOn(versions, month);
        if (request.Facility is not { } facility) return QuoteFacilityPaymentResponse.From(PublicPriceEngine.Compute(request.ToInput(), rules));

        var tables = await session.PublicPriceTableVersionsAsync(ct);
        var table = facility.PriceTableVersion is { } tableVersion
            ? tables.SingleOrDefault(t => t.Version == tableVersion)
              ?? throw new Domain.Common.DomainRuleException("rules.unknown-version", $"No 単価表 version {tableVersion} is published.", "facility.priceTableVersion")
            : PublicPriceTable.InForceOn(tables, month);
        var input = request.ToInput();
        var priced = table.InputFor(month, input.Payment, input.Rates, facility.Category!.Value, facility.Region!.Value, facility.CareCapacity,
            facility.EducationCapacity, [.. facility.Items ?? []], input.Children);
        return QuoteFacilityPaymentResponse.From(PublicPriceEngine.Compute(priced, rules), table.Version);
    }
}
