using System.Globalization;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>
/// 公定価格 → the month's 委託費 or 給付費 for one facility (BENEFITS.md §2.4 and §4). Pure: the same inputs and rules give the
/// same yen. Order: each child's monthly 公定価格 M (基本分 + floor10(処遇改善単価 × (a + b + c)) + its per-child 加算), 日割 for a
/// child entering or leaving in the month (floor(M × d ÷ D)); 施設単位の加算 divided over the 1st-day roster and rounded down per
/// child; 副食費徴収免除加算 per exempt child; each 減算 as floor(percent of everything but the 副食費 item); then, for 給付費, each
/// child's fee (日割 rounded to 10 yen) is taken off, never more than the child's own 公定価格.
/// </summary>
public static class PublicPriceEngine
{
    /// <summary>The month for every child, or only for the children <paramref name="payer"/> certified (the facility-wide roster still divides the 施設単位 加算).</summary>
    public static FacilityMonthAmount Compute(FacilityMonthInput input, FacilityPaymentRuleSet rules, string? payer = null)
    {
        var month = JapaneseDates.FirstOfMonth(input.Month);
        var monthEnd = JapaneseDates.EndOfMonth(month);
        CheckCells(input);
        var days = new DayCounter(rules, month, monthEnd);
        var lines = new List<PaymentLine>();
        var rates = input.Rates;

        var everyone = input.Children.Select((child, i) => Child(input, rules, days, child, i, month, monthEnd)).ToList();
        var payers = everyone.Where(c => payer is null || c.Amount.Payer == payer).ToList();
        var children = payers.Select(c => c.Amount).ToList();
        lines.AddRange(payers.Select(c => c.Line));
        var publicPriceTotal = children.Sum(c => c.PublicPrice);

        // 施設単位の加算: the monthly amount per child of the whole facility's 1st-day roster, rounded down; a payer gets its children's shares.
        var roster = everyone.Count(c => c.Amount.OnFirstDay);
        var payersRoster = children.Count(c => c.OnFirstDay);
        long perFacilityTotal = 0, unreducible = 0;
        foreach (var addon in input.Addons.Where(a => a.Kind == AddonKind.PerFacility))
        {
            var treatment = RoundDown(addon.TreatmentUnit * (rates.Sum + addon.C), rules.TreatmentRoundDownTo);
            var monthly = addon.Base + treatment;
            var share = roster == 0 ? 0 : RoundDown((decimal)monthly / roster, rules.PerChildRoundDownTo);
            var amount = share * payersRoster;
            perFacilityTotal += amount;
            if (!addon.Reducible) unreducible += amount;
            lines.Add(new PaymentLine(PaymentLineKind.PerFacility, addon.Code, null, payersRoster, share, amount,
                $"{addon.Code}: 基本額 {Yen(addon.Base)} + 処遇改善 {Rounding(rules.TreatmentRoundDownTo)}({Yen(addon.TreatmentUnit)} × ({Rate(rates.A)} + {Rate(rates.B)} + {Rate(addon.C)})) {Yen(treatment)} = {Yen(monthly)}; " +
                $"1人当たり {Rounding(rules.PerChildRoundDownTo)}({Yen(monthly)} ÷ 初日在籍 {roster}人) = {Yen(share)} × {payersRoster}人 = {Yen(amount)}"));
        }

        // 副食費徴収免除加算: per exempt child, not 日割 and not reduced.
        long exemptTotal = 0;
        var exempt = payers.Count(c => c.MealFeeExempt && (c.Amount.OnFirstDay || rules.ExemptChildren == ExemptChildCount.AnyDay));
        foreach (var addon in input.Addons.Where(a => a.Kind == AddonKind.PerExemptChild))
        {
            var amount = addon.Amount * exempt;
            exemptTotal += amount;
            lines.Add(new PaymentLine(PaymentLineKind.PerExemptChild, addon.Code, null, exempt, addon.Amount, amount,
                $"{addon.Code}: {Yen(addon.Amount)} × 副食費徴収免除 {exempt}人 = {Yen(amount)}"));
        }

        var reducible = publicPriceTotal + perFacilityTotal - unreducible;
        long reductionTotal = 0;
        foreach (var reduction in input.Reductions)
        {
            var amount = (long)Math.Floor(reducible * reduction.Percent / 100m);
            reductionTotal += amount;
            lines.Add(new PaymentLine(PaymentLineKind.Reduction, reduction.Code, null, 0, reducible, -amount,
                $"{reduction.Code}: floor({Yen(reducible)} × {Rate(reduction.Percent)}%) = {Yen(amount)} 減算"));
        }

        var feeDeducted = children.Sum(c => c.FeeDeducted);
        if (input.Payment == PaymentKind.Benefit)
            foreach (var child in children.Where(c => c.FeeDeducted > 0))
                lines.Add(new PaymentLine(PaymentLineKind.Fee, "fee", child.Ref, 1, child.Fee, -child.FeeDeducted,
                    $"利用者負担額 {Yen(child.FeeDeducted)} 控除" + (child.FeeDeducted < child.Fee ? $" (公定価格 {Yen(child.PublicPrice)} まで)" : "")));

        return new FacilityMonthAmount(month, input.Payment, days.OfMonth, children, publicPriceTotal, perFacilityTotal + exemptTotal, reductionTotal,
            children.Sum(c => c.Fee), feeDeducted, publicPriceTotal + perFacilityTotal + exemptTotal - reductionTotal - feeDeducted, lines, rules.Version);
    }

    /// <summary>
    /// 概算: the month on its 1st-day roster alone, each child for the whole month (entries and exits within the month are
    /// settled in the next payment, BENEFITS.md §5.4).
    /// </summary>
    public static FacilityMonthAmount Provisional(FacilityMonthInput input, FacilityPaymentRuleSet rules, string? payer = null)
    {
        var month = JapaneseDates.FirstOfMonth(input.Month);
        return Compute(input with { Children = [.. input.Children.Where(c => c.From is null || c.From <= month).Select(c => c with { From = null, To = null })] }, rules, payer);
    }

    /// <summary>A child's part of the month, its 積算根拠 line, and whether it is exempt from the 副食費.</summary>
    private static (ChildAmount Amount, PaymentLine Line, bool MealFeeExempt) Child(FacilityMonthInput input, FacilityPaymentRuleSet rules, DayCounter days,
        ClaimChild child, int index, DateOnly month, DateOnly monthEnd)
    {
        var from = child.From ?? month;
        var to = child.To ?? monthEnd;
        if (from < month || from > monthEnd)
            throw new DomainRuleException("facility-payment.outside-month", $"The 入所日 {from:yyyy-MM-dd} is not in {month:yyyy-MM}.", $"children[{index}].from");
        if (to < from || to > monthEnd)
            throw new DomainRuleException("facility-payment.outside-month", $"The last day enrolled {to:yyyy-MM-dd} must be in {month:yyyy-MM}, on or after the 入所日.",
                $"children[{index}].to");

        var band = AgeBands.For(child.BirthDate, month, child.Category);
        var cell = CellFor(input.UnitPrices, band, child)!;
        var rates = input.Rates;
        var treatment = RoundDown(cell.TreatmentUnit * (rates.Sum + cell.C), rules.TreatmentRoundDownTo);
        var monthly = cell.Base + treatment;
        var basis = $"{band.JapaneseName()} {CareLevelName(child.CareLevel)}: 基本分 {Yen(cell.Base)} + 処遇改善 {Rounding(rules.TreatmentRoundDownTo)}({Yen(cell.TreatmentUnit)} × " +
            $"({Rate(rates.A)} + {Rate(rates.B)} + {Rate(cell.C)})) {Yen(treatment)}";
        foreach (var addon in input.Addons.Where(a => a.Kind == AddonKind.PerChild && a.AppliesTo(band)))
        {
            var addonTreatment = RoundDown(addon.TreatmentUnit * (rates.Sum + addon.C), rules.TreatmentRoundDownTo);
            treatment += addonTreatment;
            monthly += addon.Base + addonTreatment;
            basis += $" + {addon.Code} {Yen(addon.Base + addonTreatment)}";
        }
        basis += $" = 月額 {Yen(monthly)}";

        // A child there from the first 開所日 (the 1st a Sunday or holiday) lost no day: it is paid and counted as on the 1st.
        var onFirstDay = from == month || (rules.Proration != ProrationBasis.CalendarDays && days.Between(month, from.AddDays(-1)) == 0);
        var partial = (!onFirstDay || to < monthEnd) && !(onFirstDay && rules.FirstDayRosterPaysFullMonth);
        var d = partial ? days.Between(from, to) : days.OfMonth;
        var price = partial ? Prorate(monthly, d, days.OfMonth, rules.ChildRoundDownTo) : monthly;
        var treatmentPart = partial ? Prorate(treatment, d, days.OfMonth, rules.ChildRoundDownTo) : treatment;
        var fee = partial ? Prorate(child.Fee, d, days.OfMonth, rules.FeeRoundDownTo) : child.Fee;
        var deducted = input.Payment == PaymentKind.Benefit ? Math.Min(fee, price) : 0;
        if (partial)
            basis += $"; 日割 {Rounding(rules.ChildRoundDownTo)}({Yen(monthly)} × {d} ÷ {days.OfMonth}) = {Yen(price)} (うち処遇改善 {Yen(treatmentPart)}; " +
                $"{from:M/d}–{to:M/d})";
        return (new ChildAmount(child.Ref, band, child.Category, child.CareLevel, onFirstDay, d, monthly, treatment, price, treatmentPart, fee, deducted, child.Payer),
            new PaymentLine(PaymentLineKind.Child, "base", child.Ref, 1, monthly, price, basis), child.MealFeeExempt);
    }

    /// <summary>Every child's cell must be in the table once; a table that leaves a cell empty is refused, naming it.</summary>
    private static void CheckCells(FacilityMonthInput input)
    {
        var duplicate = input.UnitPrices.GroupBy(p => (p.AgeBand, p.CareLevel, p.Education)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DomainRuleException("facility-payment.unit-price-duplicate",
                $"The unit prices give {duplicate.Key.AgeBand.JapaneseName()} {CareLevelName(duplicate.Key.CareLevel)} more than once.", "unitPrices");
        var month = JapaneseDates.FirstOfMonth(input.Month);
        for (var i = 0; i < input.Children.Count; i++)
        {
            var child = input.Children[i];
            var band = AgeBands.For(child.BirthDate, month, child.Category);
            if (CellFor(input.UnitPrices, band, child) is null)
                throw new DomainRuleException("facility-payment.unit-price-missing",
                    $"No unit price for {band.JapaneseName()} {CareLevelName(child.CareLevel)}, needed by children[{i}] (クラス年齢 from its 生年月日).", "unitPrices")
                { AlsoFields = [$"children[{i}]"] };
        }
    }

    /// <summary>The child's cell: a 1号 child's education cell when there is one, else the cell of its 年齢区分 and 保育必要量.</summary>
    private static UnitPrice? CellFor(IReadOnlyList<UnitPrice> cells, AgeBand band, ClaimChild child)
    {
        var level = child.Category == CertificationCategory.Category1 ? CareLevel.Standard : child.CareLevel;
        var matching = cells.Where(p => p.AgeBand == band && p.CareLevel == level).ToList();
        return matching.FirstOrDefault(p => p.Education == (child.Category == CertificationCategory.Category1)) ?? matching.FirstOrDefault(p => !p.Education);
    }

    /// <summary>floor(amount × d ÷ D) to the rounding unit, in integers (no decimal rounding on the way).</summary>
    public static long Prorate(long amount, int days, int ofDays, int roundDownTo) =>
        ofDays == 0 ? 0 : amount * days / ofDays / roundDownTo * roundDownTo;

    public static long RoundDown(decimal amount, int unit) => (long)Math.Floor(amount / unit) * unit;

    private static string Rounding(int unit) => unit switch { 1 => "floor", 10 => "floor10", _ => $"floor{unit}" };

    private static string Yen(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture);

    private static string CareLevelName(CareLevel level) => level == CareLevel.Standard ? "標準時間" : "短時間";

    /// <summary>d and D under the rules' 日割 basis.</summary>
    private sealed class DayCounter(FacilityPaymentRuleSet rules, DateOnly month, DateOnly monthEnd)
    {
        public int OfMonth { get; } = rules.Proration switch
        {
            ProrationBasis.CalendarDays => monthEnd.Day,
            ProrationBasis.Fixed25 => 25,
            _ => Opening(rules, month, monthEnd),
        };

        public int Between(DateOnly from, DateOnly to) => rules.Proration switch
        {
            ProrationBasis.CalendarDays => to.DayNumber - from.DayNumber + 1,
            ProrationBasis.Fixed25 => Math.Min(25, Opening(rules, from, to)),
            _ => Opening(rules, from, to),
        };

        private static int Opening(FacilityPaymentRuleSet rules, DateOnly from, DateOnly to)
        {
            if (!rules.Calendar.Covers(from.Year))
                throw new DomainRuleException("facility-payment.calendar-not-covered",
                    $"The 支払基準 v{rules.Version} lists no 祝日 for {from.Year}: publish a version with that year's calendar.", "month");
            return rules.Calendar.Count(from, to);
        }
    }
}
