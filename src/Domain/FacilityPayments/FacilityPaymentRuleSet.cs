using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>日割の基準: what the days enrolled (d) and the days of the month (D) count.</summary>
public enum ProrationBasis
{
    /// <summary>開所日数: d and D count 開所日 only (the shipped default, BENEFITS.md §4 R-D).</summary>
    [JsonStringEnumMemberName("openingDays")] OpeningDays,
    /// <summary>暦日数: every calendar day.</summary>
    [JsonStringEnumMemberName("calendarDays")] CalendarDays,
    /// <summary>固定25日: d = 開所日数 enrolled (at most 25), D = 25 (函館市 style).</summary>
    [JsonStringEnumMemberName("fixed25")] Fixed25,
}

/// <summary>How a placement's 退所日 becomes the last day a child counts as enrolled.</summary>
public enum ExitDayRule
{
    /// <summary>The 退所日 itself is the last day enrolled (最終在籍日まで).</summary>
    [JsonStringEnumMemberName("lastEnrolledDay")] LastEnrolledDay,
    /// <summary>The day before the 利用終了日 is the last day enrolled (退所日の前日まで, 函館市 style).</summary>
    [JsonStringEnumMemberName("dayBeforeExit")] DayBeforeExit,
}

/// <summary>Whether a 副食費徴収免除 child who enters in the middle of the month is counted (UNSURE, BENEFITS.md §9 item 6).</summary>
public enum ExemptChildCount
{
    /// <summary>Only children on the 1st-day roster (各月初日の利用子ども).</summary>
    [JsonStringEnumMemberName("onFirstDay")] OnFirstDay,
    /// <summary>Every exempt child enrolled on any day of the month.</summary>
    [JsonStringEnumMemberName("anyDay")] AnyDay,
}

/// <summary>
/// 開所日: the weekdays a facility opens, less 国民の祝日・休日 (given as data, a list of dates per year) and the 年末年始 closure.
/// </summary>
/// <param name="Weekdays">開所曜日 (default Monday–Saturday)</param>
/// <param name="Holidays">国民の祝日・休日 (祝日法): every date, including 振替休日 and 国民の休日</param>
/// <param name="YearEndClosure">12/29–1/3 are not 開所日</param>
public sealed record OpeningCalendar(IReadOnlyList<DayOfWeek> Weekdays, IReadOnlyList<DateOnly> Holidays, bool YearEndClosure)
{
    public bool IsOpen(DateOnly date) =>
        Weekdays.Contains(date.DayOfWeek)
        && !Holidays.Contains(date)
        && !(YearEndClosure && (date is { Month: 12, Day: >= 29 } or { Month: 1, Day: <= 3 }));

    /// <summary>開所日 from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public int Count(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
            if (IsOpen(day)) days++;
        return days;
    }

    /// <summary>Whether the holiday list covers the year (a month outside it cannot be counted honestly).</summary>
    public bool Covers(int year) => Holidays.Any(h => h.Year == year);
}

/// <summary>
/// 給付費の支払基準: a municipality's rules for turning the 公定価格 into a month's payment, as immutable versions each in force
/// from its 適用開始日. Every computed claim records the version it used. The national 日割 text was not found (BENEFITS.md §4,
/// §9 items 2–3), so each choice below is a parameter; the shipped version follows assumption R-D.
/// </summary>
/// <param name="Id">document id, <c>facility-payment-rules/{version}</c></param>
/// <param name="Version">支払基準 履歴番号</param>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="Proration">日割の基準 (d ÷ D)</param>
/// <param name="ChildRoundDownTo">日割額の端数処理 per child: round down to this many yen (1 = 1円未満切捨て)</param>
/// <param name="FeeRoundDownTo">利用者負担額 日割の端数処理 (10 = 10円未満切捨て)</param>
/// <param name="PerChildRoundDownTo">施設単位の加算 divided per child (各月初日の利用子ども数): round the share down to this many yen</param>
/// <param name="TreatmentRoundDownTo">処遇改善等加算 (単価 × 加算率): round down to this many yen (10 in the 単価表)</param>
/// <param name="ExitDay">退所日 → last day enrolled</param>
/// <param name="FirstDayRosterPaysFullMonth">a child on the 1st-day roster who leaves in the month is paid the whole month</param>
/// <param name="ExemptChildren">which 副食費徴収免除 children are counted</param>
/// <param name="Calendar">開所日 (曜日, 祝日, 年末年始)</param>
/// <param name="PaymentDay">支払日: the day of the month after the service month the ward pays (伊勢原市: 20)</param>
/// <param name="ProvisionalPayment">概算払: pay early on the 1st-day roster and settle (精算) the difference in the next payment</param>
/// <param name="MunicipalityCode">全国地方公共団体コード of the municipality paying (支給認定市町村) its own children's claims</param>
public sealed record FacilityPaymentRuleSet(
    string Id,
    int Version,
    DateOnly EffectiveFrom,
    string Description,
    ProrationBasis Proration,
    int ChildRoundDownTo,
    int FeeRoundDownTo,
    int PerChildRoundDownTo,
    int TreatmentRoundDownTo,
    ExitDayRule ExitDay,
    bool FirstDayRosterPaysFullMonth,
    ExemptChildCount ExemptChildren,
    OpeningCalendar Calendar,
    int PaymentDay,
    bool ProvisionalPayment,
    string MunicipalityCode,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : IVersionedRuleSet
{
    public static string DocumentId(int version) => $"facility-payment-rules/{version}";

    public static FacilityPaymentRuleSet InForceOn(IEnumerable<FacilityPaymentRuleSet> versions, DateOnly date) =>
        RuleSetVersions.InForceOn(versions, date, "給付費の支払基準 (facility payment rules)");

    /// <summary>The last day a child counts as enrolled, from the placement's 退所日 (利用終了日).</summary>
    public DateOnly LastEnrolledDay(DateOnly exitDate) => ExitDay == ExitDayRule.DayBeforeExit ? exitDate.AddDays(-1) : exitDate;

    /// <summary>What makes a draft unusable, by field path.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        foreach (var (field, value) in new[] { ("childRoundDownTo", ChildRoundDownTo), ("feeRoundDownTo", FeeRoundDownTo), ("perChildRoundDownTo", PerChildRoundDownTo),
                     ("treatmentRoundDownTo", TreatmentRoundDownTo) })
            if (value is not (1 or 10 or 100)) problems.Add((field, "must be 1, 10 or 100 (yen)."));
        if (Calendar.Weekdays.Count == 0) problems.Add(("calendar.weekdays", "must list at least one 開所曜日."));
        if (Calendar.Weekdays.Distinct().Count() != Calendar.Weekdays.Count) problems.Add(("calendar.weekdays", "must not repeat a day."));
        if (Calendar.Holidays.Distinct().Count() != Calendar.Holidays.Count) problems.Add(("calendar.holidays", "must not repeat a date."));
        if (PaymentDay is < 1 or > 28) problems.Add(("paymentDay", "must be a day from 1 to 28."));
        if (MunicipalityCode is not { Length: 6 } || !MunicipalityCode.All(char.IsAsciiDigit)) problems.Add(("municipalityCode", "must be the 6-digit 全国地方公共団体コード."));
        return problems;
    }
}
