using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.ExtendedCare;

/// <summary>延長保育料減免 applied: why the household pays nothing.</summary>
public enum ExtendedCareExemption
{
    /// <summary>none</summary>
    None,
    /// <summary>生活保護世帯</summary>
    PublicAssistance,
    /// <summary>市町村民税非課税世帯</summary>
    NonTaxable,
}

/// <summary>Where the household's 階層 came from: the 利用者負担額決定 (FeeDetermined) of the placement for the month.</summary>
/// <param name="EventVersion">the version of that event in the placement stream</param>
/// <param name="FeeRuleSet">利用者負担額の基準 it used (name)</param>
public sealed record TierSource(Guid PlacementId, DateOnly Month, long EventVersion, string FeeRuleSet, int FeeRuleVersion);

/// <summary>
/// The household as the month's 利用者負担額決定 saw it (所得階層, 生活保護, 非課税, 子の順位), reused rather than re-reading taxes.
/// </summary>
/// <param name="NationalTier">国階層 1–8</param>
/// <param name="MunicipalTier">区市町村階層 code</param>
/// <param name="SiblingOrdinal">子の順位 counted by the 多子軽減 rules (null when the child is not counted)</param>
public sealed record HouseholdTier(int NationalTier, string MunicipalTier, bool PublicAssistance, bool NonTaxable, int? SiblingOrdinal, TierSource Source)
{
    public static HouseholdTier From(ChildFee quote, Guid placementId, DateOnly month, long eventVersion) =>
        new(quote.NationalTier, quote.MunicipalTier, quote.Basis.PublicAssistance, quote.Basis.NonTaxable, quote.SiblingOrdinal,
            new TierSource(placementId, month, eventVersion, quote.Basis.RuleSet, quote.Basis.RuleVersion));
}

/// <summary>
/// What one month's 延長保育料 depends on: the 料金体系, クラス年齢, the days the contract and the placement both cover in the
/// month, the household's 階層 (needed when any day is covered), and the month's 利用実績 (needed for 日単位).
/// </summary>
public sealed record ExtendedCareFeeInput(
    DateOnly Month,
    ExtendedCareFeeSystem FeeSystem,
    int ClassAge,
    DateOnly CoveredFrom,
    DateOnly CoveredUntil,
    HouseholdTier? Tier,
    ExtendedCareUsage? Usage);

/// <summary>
/// 延長保育料の算定根拠: the rule version and every input and step, so the fee can be re-checked, explained and corrected.
/// </summary>
/// <param name="RuleSetId">延長保育料の基準 document id</param>
/// <param name="RuleVersion">its version</param>
/// <param name="EvaluatedOn">算定基準日 (各月初日)</param>
/// <param name="FeeSystem">延長保育料金体系</param>
/// <param name="TierBand">延長保育料算定区分 (所得階層) code, "-" when no day is covered</param>
/// <param name="NationalTier">国階層 (0 when no day is covered)</param>
/// <param name="MunicipalTier">区市町村階層</param>
/// <param name="AgeBand">延長保育料算定区分 (年齢) code</param>
/// <param name="ClassAge">クラス年齢</param>
/// <param name="SiblingOrdinal">子の順位 (多子)</param>
/// <param name="Exemption">延長保育料減免 applied</param>
/// <param name="UnitPrice">延長保育料単価 (月額 or 日額)</param>
/// <param name="Uses">利用回数 charged (日単位)</param>
/// <param name="DaysUsed">利用日数 on record</param>
/// <param name="Amount">単価 (× 利用回数) before 上限</param>
/// <param name="MonthlyCap">延長保育料上限 (日単位)</param>
/// <param name="CapApplied">whether the cap lowered the amount</param>
/// <param name="SiblingReduction">多子 reduction</param>
/// <param name="ProrationNumerator">日割日数 分子 (days covered)</param>
/// <param name="ProrationDenominator">日割日数 分母 (calendar days of the month)</param>
/// <param name="RoundDownTo">端数処理 unit</param>
/// <param name="Tier">where the 階層, 生活保護・非課税 and 子の順位 came from</param>
/// <param name="Steps">the calculation in words, in order</param>
public sealed record ExtendedCareFeeBasis(
    string RuleSetId,
    int RuleVersion,
    DateOnly EvaluatedOn,
    ExtendedCareFeeSystem FeeSystem,
    string TierBand,
    int NationalTier,
    string MunicipalTier,
    string AgeBand,
    int ClassAge,
    int? SiblingOrdinal,
    ExtendedCareExemption Exemption,
    long UnitPrice,
    int? Uses,
    int? DaysUsed,
    long Amount,
    long? MonthlyCap,
    bool CapApplied,
    long SiblingReduction,
    int ProrationNumerator,
    int ProrationDenominator,
    int RoundDownTo,
    TierSource? Tier,
    IReadOnlyList<string> Steps);

/// <summary>A month's 延長保育料 and how it was reached; <see cref="Covered"/> is false when the contract covers no day of the month.</summary>
public sealed record ExtendedCareFeeQuote(long Fee, bool Covered, ExtendedCareFeeBasis Basis);

/// <summary>
/// 延長保育料 for one contract and month (REFERENCE.md §11: fee = f(料金体系, 実績, 年齢, 階層, 多子) ≤ 上限, × 日割, − 減免),
/// in the order <see cref="ExtendedCareRuleSet"/> documents. Pure.
/// </summary>
public static class ExtendedCareFees
{
    public static ExtendedCareFeeQuote Quote(ExtendedCareRuleSet rules, ExtendedCareFeeInput input)
    {
        var month = input.Month;
        if (month.Day != 1) throw new DomainRuleException("extended-care.month", "Fees are for a month: give its first day (YYYY-MM-01).", "month");
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var covered = CoveredDays(month, input.CoveredFrom, input.CoveredUntil);
        var steps = new List<string>();
        var ageBand = rules.AgeBandFor(input.ClassAge);

        if (covered == 0)
        {
            steps.Add("契約期間外: the contract covers no day of the month → 0円");
            return new ExtendedCareFeeQuote(0, false, new ExtendedCareFeeBasis(rules.Id, rules.Version, month, input.FeeSystem, "-", 0, "-", ageBand?.Code ?? "-",
                input.ClassAge, null, ExtendedCareExemption.None, 0, input.Usage?.Uses, input.Usage?.DaysUsed, 0, null, false, 0, 0, daysInMonth, rules.RoundDownTo, null, steps));
        }

        var tier = input.Tier ?? throw new DomainRuleException("extended-care.no-tier",
            $"The household's 階層 for {month:yyyy-MM} is not known yet: determine the placement's 利用者負担額 for the month first.", "month");
        if (ageBand is null)
            throw new DomainRuleException("extended-care.age-not-eligible", $"No 年齢 band of the rules (v{rules.Version}) covers クラス年齢 {input.ClassAge}.", "classAge");
        var tierBand = rules.TierBandFor(tier.NationalTier)
            ?? throw new DomainRuleException("extended-care.rules.no-tier-band", $"No 所得階層 band of the rules (v{rules.Version}) covers 国階層 {tier.NationalTier}.");
        var price = rules.PriceFor(tierBand.Code, ageBand.Code)
            ?? throw new DomainRuleException("extended-care.rules.no-price", $"The rules (v{rules.Version}) give no price for {tierBand.Code} × {ageBand.Code}.");
        steps.Add($"延長保育料の基準 v{rules.Version}: 所得階層 {tierBand.Name} (国階層 {tier.NationalTier}, 区市町村階層 {tier.MunicipalTier}), 年齢 {ageBand.Name} (クラス年齢 {input.ClassAge})");

        long unit, amount;
        int? uses = null;
        long? cap = null;
        var capped = false;
        if (input.FeeSystem == ExtendedCareFeeSystem.Monthly)
        {
            unit = amount = price.Monthly;
            steps.Add($"月単位: 月額 {amount:N0}円");
        }
        else
        {
            var usage = input.Usage ?? throw new DomainRuleException("extended-care.no-usage",
                $"日単位 is charged on the month's 利用実績: record the usage for {month:yyyy-MM} first.", "month");
            unit = price.Daily;
            uses = usage.Uses;
            amount = unit * usage.Uses;
            cap = price.DailyMonthlyCap;
            steps.Add($"日単位: 日額 {unit:N0}円 × 利用回数 {usage.Uses} = {amount:N0}円");
            if (cap is { } c && amount > c)
            {
                capped = true;
                steps.Add($"延長保育料上限 {c:N0}円 → {c:N0}円");
            }
        }
        var fee = capped ? cap!.Value : amount;

        var exemption = tier.PublicAssistance && rules.Exemptions.PublicAssistance ? ExtendedCareExemption.PublicAssistance
            : tier.NonTaxable && rules.Exemptions.NonTaxable ? ExtendedCareExemption.NonTaxable
            : ExtendedCareExemption.None;
        long siblingReduction = 0;
        if (exemption != ExtendedCareExemption.None)
        {
            steps.Add(exemption == ExtendedCareExemption.PublicAssistance ? "減免: 生活保護世帯 → 0円" : "減免: 市町村民税非課税世帯 → 0円");
            fee = 0;
        }
        else if (tier.SiblingOrdinal is >= 2 and var ordinal && fee > 0)
        {
            var share = ordinal == 2 ? rules.Siblings.SecondChildPays : rules.Siblings.ThirdChildPays;
            var pays = share.Of(fee);
            siblingReduction = fee - pays;
            steps.Add($"多子: 第{ordinal}子 pays {share.Numerator}/{share.Denominator} → {pays:N0}円");
            fee = pays;
        }

        if (input.FeeSystem == ExtendedCareFeeSystem.Monthly && covered < daysInMonth && fee > 0)
        {
            var prorated = fee * covered / daysInMonth;
            steps.Add($"日割: {fee:N0}円 × {covered}/{daysInMonth} = {prorated:N0}円");
            fee = prorated;
        }

        var rounded = RoundDown(fee, rules.RoundDownTo);
        if (rounded != fee) steps.Add($"端数処理: {rules.RoundDownTo}円未満切捨て → {rounded:N0}円");
        steps.Add($"延長保育料 {rounded:N0}円");

        return new ExtendedCareFeeQuote(rounded, true, new ExtendedCareFeeBasis(rules.Id, rules.Version, month, input.FeeSystem, tierBand.Code, tier.NationalTier,
            tier.MunicipalTier, ageBand.Code, input.ClassAge, tier.SiblingOrdinal, exemption, unit, uses, input.Usage?.DaysUsed, amount, cap, capped, siblingReduction,
            input.FeeSystem == ExtendedCareFeeSystem.Monthly ? covered : daysInMonth, daysInMonth, rules.RoundDownTo, tier.Source, steps));
    }

    /// <summary>The days of the month inside [from, until] (日割日数 分子).</summary>
    public static int CoveredDays(DateOnly month, DateOnly from, DateOnly until)
    {
        var first = from > month ? from : month;
        var end = JapaneseDates.EndOfMonth(month);
        var last = until < end ? until : end;
        return last < first ? 0 : last.DayNumber - first.DayNumber + 1;
    }

    private static long RoundDown(long amount, int unit) => unit > 1 ? amount / unit * unit : amount;
}
