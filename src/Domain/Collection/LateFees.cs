using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>延滞金の割合 for one calendar year (特例基準割合 applied): for the first month after 納期限, and after it (% a year).</summary>
public sealed record LateFeeRate(int Year, decimal FirstPeriodPercent, decimal LaterPercent);

/// <summary>
/// 延滞金 as the municipality's 条例 sets it: the rates by calendar year, a 365-day year even in leap years, and the rounding
/// (地方税 style by default: principal rounded down to 1,000 yen and none under 2,000; the result rounded down to 100 yen and
/// none under 1,000).
/// </summary>
public sealed record LateFeeRule(IReadOnlyList<LateFeeRate> Rates, long PrincipalRoundDownTo, long PrincipalMinimum, long ResultRoundDownTo, long ResultMinimum)
{
    /// <summary>延滞金特例基準割合 as published (2021: 1.5 %, 2022–2025: 1.4 %), giving the first-month and later rates.</summary>
    public static LateFeeRule Standard { get; } = new(
    [
        new LateFeeRate(2021, 2.5m, 8.8m),
        new LateFeeRate(2022, 2.4m, 8.7m),
        new LateFeeRate(2023, 2.4m, 8.7m),
        new LateFeeRate(2024, 2.4m, 8.7m),
        new LateFeeRate(2025, 2.4m, 8.7m),
    ], 1_000, 2_000, 100, 1_000);

    public LateFeeRate RateFor(int year) => Rates.FirstOrDefault(r => r.Year == year)
        ?? throw new DomainRuleException("late-fee.no-rate", $"The collection rules give no 延滞金 rate for {year}; publish one.");

    /// <summary>Whether every calendar year from <paramref name="from"/> to <paramref name="to"/> has its rates.</summary>
    public bool HasRates(DateOnly from, DateOnly to) => Enumerable.Range(from.Year, to.Year - from.Year + 1).All(y => Rates.Any(r => r.Year == y));
}

/// <summary>One stretch of days at one rate on one principal, as the basis of a 延滞金.</summary>
public sealed record LateFeePeriod(DateOnly From, DateOnly To, long Principal, decimal Percent, int Days);

/// <summary>A 延滞金 with its basis: every period, the exact sum and the amount after rounding.</summary>
public sealed record LateFeeComputation(long Amount, decimal Exact, IReadOnlyList<LateFeePeriod> Periods, int RuleVersion);

public static class LateFees
{
    /// <summary>
    /// 延滞金 on a principal due on <paramref name="dueDate"/> and paid in <paramref name="payments"/> (date, amount): each part
    /// of the principal runs from the day after 納期限 to the day it was paid, at the first-month rate until one month after
    /// 納期限 (民法143条) and the later rate after, each calendar year at its own rates, over 365 days.
    /// </summary>
    public static LateFeeComputation Compute(long principal, DateOnly dueDate, IEnumerable<(DateOnly PaidOn, long Amount)> payments, LateFeeRule rule, int ruleVersion)
    {
        var periods = new List<LateFeePeriod>();
        if (principal < rule.PrincipalMinimum) return new LateFeeComputation(0, 0, periods, ruleVersion);
        var firstPeriodEnds = OneMonthFrom(dueDate.AddDays(1));
        var ordered = payments.OrderBy(p => p.PaidOn).ToList();
        var remaining = principal - ordered.Where(p => p.PaidOn <= dueDate).Sum(p => p.Amount);
        var from = dueDate.AddDays(1);
        foreach (var (paidOn, amount) in ordered.Where(p => p.PaidOn > dueDate))
        {
            if (remaining <= 0) break;
            var basePrincipal = remaining / rule.PrincipalRoundDownTo * rule.PrincipalRoundDownTo;
            for (var day = from; day <= paidOn;)
            {
                var first = day <= firstPeriodEnds;
                var until = Min(paidOn, first ? firstPeriodEnds : paidOn, new DateOnly(day.Year, 12, 31));
                var rate = rule.RateFor(day.Year);
                var days = until.DayNumber - day.DayNumber + 1;
                if (basePrincipal > 0) periods.Add(new LateFeePeriod(day, until, basePrincipal, first ? rate.FirstPeriodPercent : rate.LaterPercent, days));
                day = until.AddDays(1);
            }
            from = paidOn.AddDays(1);
            remaining -= amount;
        }
        var exact = periods.Sum(p => p.Principal * p.Percent / 100m * p.Days / 365m);
        var rounded = (long)Math.Floor(exact / rule.ResultRoundDownTo) * rule.ResultRoundDownTo;
        return new LateFeeComputation(rounded < rule.ResultMinimum ? 0 : rounded, exact, periods, ruleVersion);
    }

    /// <summary>The last day of the month-long period starting on <paramref name="start"/> (民法143条: the day before the same date a month on, or that month's end when it has no such date).</summary>
    public static DateOnly OneMonthFrom(DateOnly start) => JapaneseDates.PeriodEnd(start, 1);

    private static DateOnly Min(DateOnly a, DateOnly b, DateOnly c) => a < b ? (a < c ? a : c) : (b < c ? b : c);
}
