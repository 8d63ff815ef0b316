using KosodateShien.Domain.Common;
using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Projections.Collection;

/// <summary>
/// 収納状況 of one section of a 年度's books (現年度分, 滞納繰越分, or both: 合計) at the end of the report's day. Per charge,
/// hence per section, on any day up to and at the end of the 年度 (出納閉鎖日):
/// <c>Assessed = Collected + WrittenOff + Outstanding</c> (調定額 = 収納額 + 不納欠損額 + 収入未済額); for 滞納繰越分 as long as
/// nothing booked on or before the carry was recorded after the closing (the 決算繰越調定額 could not reflect it).
/// </summary>
/// <param name="Charges">件数 (charges of the section not cancelled by the day)</param>
/// <param name="Assessed">
/// 調定額. 現年度分: the 調定額 after every 更正 to the day (0 once cancelled). 滞納繰越分: the 決算繰越調定額 plus what 更正 and
/// 取消 changed since the carry.
/// </param>
/// <param name="Collected">
/// 収納額: payments by 日計日 and 充当 received from other charges, less 充当 given to other charges, 還付 notified and 過誤納 not
/// yet settled — what was received and kept against the 調定額. A 充当 counts on its 充当適状日, or on the 日計日 of the receipt
/// whose excess it moves when that was booked later. 滞納繰越分: only what the books received after the carry (日計日 after
/// 出納閉鎖日; the closing, by 日計日 too, carried what they had not received by then).
/// </param>
/// <param name="WrittenOff">不納欠損額</param>
/// <param name="Outstanding">収入未済額 (未納額)</param>
/// <param name="Overpaid">過誤納額 received but not yet applied (充当) or refunded (還付); not part of 収納額</param>
/// <param name="RefundDue">還付未済額: 還付 notified (already out of 収納額) but not yet paid out</param>
/// <param name="Rate">収納率 (%): 収納額 ÷ 調定額 × 100, rounded half up to one decimal (0.1 %); null when 調定額 is 0</param>
public sealed record CollectionRateFigures(int Charges, long Assessed, long Collected, long WrittenOff, long Outstanding, long Overpaid, long RefundDue, decimal? Rate);

/// <summary>One month of a 年度's 収納状況: April to March, then April and May of the next year (出納整理期間).</summary>
/// <param name="Month">月 (first day)</param>
/// <param name="AdjustmentPeriod">出納整理期間: no 賦課年月 of the 年度, but what is booked still counts for it</param>
/// <param name="Assessed">現年度分 調定額 of the charges for this 賦課年月</param>
/// <param name="AssessedToDate">現年度分 調定額 累計 (from April)</param>
/// <param name="Collected">現年度分 収納額 booked in the month (日計日)</param>
/// <param name="CollectedToDate">現年度分 収納額 累計 to the end of the month (what came in before April counts in April)</param>
/// <param name="Rate">現年度分 累計収納率 (%): CollectedToDate ÷ AssessedToDate, rounded as the section's 収納率</param>
/// <param name="ArrearsCollected">滞納繰越分 収納額 in the month</param>
/// <param name="ArrearsCollectedToDate">滞納繰越分 収納額 累計</param>
/// <param name="ArrearsRate">滞納繰越分 累計収納率 (%): ArrearsCollectedToDate ÷ 滞納繰越分 調定額</param>
public sealed record CollectionRateMonth(DateOnly Month, bool AdjustmentPeriod, long Assessed, long AssessedToDate, long Collected, long CollectedToDate, decimal? Rate,
    long ArrearsCollected, long ArrearsCollectedToDate, decimal? ArrearsRate);

/// <summary>
/// 収納率 of a 年度 at the end of <paramref name="AsOf"/> (at most its 出納閉鎖日, 31 May of the next year: receipts booked by
/// then count for the 年度). 現年度分: charges whose 賦課年度 is the 年度. 滞納繰越分: charges of earlier years carried into its
/// books at the closing of the year before (滞納繰越), from 決算繰越調定額.
/// </summary>
/// <param name="FiscalYear">年度</param>
/// <param name="AsOf">the day the figures stand at: the day asked, or 出納閉鎖日 when later</param>
/// <param name="Final">the 出納整理期間 is over: these are the 決算 figures</param>
/// <param name="CurrentYear">現年度分</param>
/// <param name="Arrears">滞納繰越分</param>
/// <param name="Total">合計 (現年度分 + 滞納繰越分)</param>
/// <param name="Months">月別: April to March and the 出納整理期間 (April, May)</param>
public sealed record CollectionRateReport(int FiscalYear, DateOnly AsOf, bool Final, CollectionRateFigures CurrentYear, CollectionRateFigures Arrears,
    CollectionRateFigures Total, IReadOnlyList<CollectionRateMonth> Months);

/// <summary>
/// The 収納率 report. It reads the books: a payment counts on its 日計日, and a 充当 (a transfer inside the books from the
/// charge that holds a 過誤納 to one that owes) on its own 日計日, chosen as the later of its 充当適状日 and the 日計日 of the
/// receipt whose excess it moves (<see cref="ChargeAppropriation.BooksOn"/>). Not the day it was made: a 充当 takes effect on its
/// 充当適状日 (地方税法17条の2④ の例), so one made in July for money paid and booked in June is a June receipt of the charge it
/// pays, in that 年度's books if June is in its 出納整理期間. Not the 充当適状日 alone: money paid on 5/31 and booked on 6/1 is
/// not in the books on 5/31, and the 充当 cannot move it out of them earlier — counting it then would show the paying charge
/// below nothing and the year's 収入未済 short; so a 充当 follows the money, as the 出納閉鎖 does.
/// </summary>
public static class CollectionRate
{
    /// <summary>The 年度's months: April to March, then the 出納整理期間 (April and May of the next year).</summary>
    public const int Months = 14;

    public static async Task<CollectionRateReport> CollectionRateAsync(this IQuerySession session, int fiscalYear, DateOnly asOf, CancellationToken ct)
    {
        var closingDay = Charge.ClosingDayOf(fiscalYear);
        var day = asOf < closingDay ? asOf : closingDay;
        var months = Enumerable.Range(0, Months).Select(i => new DateOnly(fiscalYear, 4, 1).AddMonths(i)).ToList();
        var current = new Section(months);
        var arrears = new Section(months);
        // In SQL: charges of the year (賦課年度) and of earlier years still in its books or later ones (carried into it). Streamed.
        var charges = session.Query<Charge>().Where(c => c.FiscalYear <= fiscalYear && c.AssessmentFiscalYear >= fiscalYear).ToAsyncEnumerable(ct);
        await foreach (var charge in charges)
        {
            if (charge.AssessedOn > day) continue;
            if (charge.FiscalYear == fiscalYear) current.Add(charge, day, carry: null);
            else if (charge.CarryForwards?.FirstOrDefault(c => c.ToFiscalYear == fiscalYear && c.CarriedOn <= day) is { } carry) arrears.Add(charge, day, carry);
        }

        var rows = new List<CollectionRateMonth>();
        long assessedToDate = 0;
        for (var i = 0; i < Months; i++)
        {
            assessedToDate += current.AssessedByMonth[i];
            rows.Add(new CollectionRateMonth(months[i], AdjustmentPeriod: i >= 12, current.AssessedByMonth[i], assessedToDate,
                current.CollectedIn(i), current.CollectedToDate[i], RateOf(current.CollectedToDate[i], assessedToDate),
                arrears.CollectedIn(i), arrears.CollectedToDate[i], RateOf(arrears.CollectedToDate[i], arrears.Assessed)));
        }
        return new CollectionRateReport(fiscalYear, day, day == closingDay, current.Figures(), arrears.Figures(), Sum(current.Figures(), arrears.Figures()), rows);
    }

    private static CollectionRateFigures Sum(CollectionRateFigures a, CollectionRateFigures b) =>
        new(a.Charges + b.Charges, a.Assessed + b.Assessed, a.Collected + b.Collected, a.WrittenOff + b.WrittenOff, a.Outstanding + b.Outstanding, a.Overpaid + b.Overpaid,
            a.RefundDue + b.RefundDue, RateOf(a.Collected + b.Collected, a.Assessed + b.Assessed));

    /// <summary>収納率 (%) to 0.1 %, rounded half up; null when nothing was assessed.</summary>
    public static decimal? RateOf(long collected, long assessed) =>
        assessed == 0 ? null : Math.Round(collected * 100m / assessed, 1, MidpointRounding.AwayFromZero);

    private static long AssessedAmount(Charge books) => books.CancelledOn is null ? books.Amount : 0;

    private static long WrittenOff(Charge books) => books.CancelledOn is null ? books.WriteOff?.Amount ?? 0 : 0;

    /// <summary>The running totals of one section.</summary>
    private sealed class Section(List<DateOnly> months)
    {
        private int _charges;
        private long _collected, _writtenOff, _outstanding, _overpaid, _refundDue;

        public long Assessed { get; private set; }
        public long[] AssessedByMonth { get; } = new long[Months];
        public long[] CollectedToDate { get; } = new long[Months];

        /// <summary>
        /// A charge of the section: 現年度分 (<paramref name="carry"/> null) from nothing, 滞納繰越分 from the books on the carry's
        /// day, with its 決算繰越調定額 as 調定額.
        /// </summary>
        public void Add(Charge charge, DateOnly day, ChargeCarryForward? carry)
        {
            var start = carry is null ? null : charge.BooksAsOf(carry.CarriedOn);
            var end = charge.BooksAsOf(day);
            var assessed = carry is null ? AssessedAmount(end) : carry.Amount + AssessedAmount(end) - AssessedAmount(start!);
            if (end.CancelledOn is null) _charges++;
            Assessed += assessed;
            _collected += end.Collected - (start?.Collected ?? 0);
            _writtenOff += WrittenOff(end) - (start is null ? 0 : WrittenOff(start));
            _outstanding += end.Outstanding;
            _overpaid += end.Overpaid;
            _refundDue += end.Refunds.Where(r => r.PaidOn is null && (carry is null || r.NotifiedOn > carry.CarriedOn)).Sum(r => r.Amount);
            if (carry is null && months.IndexOf(charge.Month) is var month and >= 0) AssessedByMonth[month] += assessed;

            // 収納額 累計 at each month's end (at most the day); it only moves in a month where something was booked, applied,
            // refunded, corrected, cancelled or written off, and a carried charge adds nothing before its carry.
            var changes = ChangeMonths(charge);
            long toDate = 0;
            for (var i = 0; i < Months; i++)
            {
                var monthEnd = Min(months[i].AddMonths(1).AddDays(-1), day);
                if (carry is not null && monthEnd <= carry.CarriedOn) continue;
                if (i == 0 || changes.Contains(months[i])) toDate = charge.BooksAsOf(monthEnd).Collected - (start?.Collected ?? 0);
                CollectedToDate[i] += toDate;
            }
        }

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static HashSet<DateOnly> ChangeMonths(Charge charge)
        {
            var days = charge.Payments.Select(p => p.BookedOn)
                .Concat(charge.Appropriations.Select(a => a.BooksOn))
                .Concat(charge.Refunds.Select(r => r.NotifiedOn))
                .Concat(charge.Corrections.Select(c => c.CorrectedOn));
            if (charge.CancelledOn is { } cancelled) days = days.Append(cancelled);
            if (charge.WriteOff is { } writeOff) days = days.Append(writeOff.WrittenOffOn);
            return [.. days.Select(JapaneseDates.FirstOfMonth)];
        }

        /// <summary>収納額 of month <paramref name="i"/> alone.</summary>
        public long CollectedIn(int i) => CollectedToDate[i] - (i == 0 ? 0 : CollectedToDate[i - 1]);

        public CollectionRateFigures Figures() =>
            new(_charges, Assessed, _collected, _writtenOff, _outstanding, _overpaid, _refundDue, RateOf(_collected, Assessed));
    }
}
