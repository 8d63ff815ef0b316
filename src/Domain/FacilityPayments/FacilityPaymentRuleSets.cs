namespace KosodateShien.Domain.FacilityPayments;

/// <summary>The facility payment rules shipped with the system; a municipality publishes its own versions after it.</summary>
public static class FacilityPaymentRuleSets
{
    /// <summary>
    /// 国民の祝日・休日 (祝日法 2条・3条) for 2025–2027, 振替休日 and 国民の休日 included. Data, not a rule: a municipality
    /// publishes a new version with the next years' dates (内閣府 announces 春分・秋分 each February for the next year).
    /// </summary>
    public static readonly IReadOnlyList<DateOnly> NationalHolidays2025To2027 =
    [
        .. Dates(2025, "01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-21", "08-11", "09-15", "09-23",
            "10-13", "11-03", "11-23", "11-24"),
        .. Dates(2026, "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-20", "08-11", "09-21", "09-22", "09-23",
            "10-12", "11-03", "11-23"),
        .. Dates(2027, "01-01", "01-11", "02-11", "02-23", "03-21", "03-22", "04-29", "05-03", "05-04", "05-05", "07-19", "08-11", "09-20", "09-23", "10-11",
            "11-03", "11-23"),
    ];

    /// <summary>
    /// Version 1 (適用開始日 2025-04-01), assumption R-D of BENEFITS.md §4 (UNSURE: the national 日割 text was not found): 日割 by
    /// 開所日数 (Monday–Saturday, not 祝日・休日, not 12/29–1/3), the child's line floor(M × d ÷ D), its fee 10円未満切捨て, 施設単位の
    /// 加算 floor10 per child of the 1st-day roster, 処遇改善 floor10; a child leaving in the month is prorated too. Paid on the
    /// 20th of the next month (伊勢原市), 概算払 on the 1st-day roster with 精算 in the next payment. 団体コード 131041 (新宿区, the first
    /// user); another municipality publishes its own version.
    /// </summary>
    public static readonly FacilityPaymentRuleSet Default = new(
        FacilityPaymentRuleSet.DocumentId(1), 1, new DateOnly(2025, 4, 1),
        "標準 (BENEFITS.md R-D): 開所日数による日割、1円未満切捨て、利用者負担 10円未満切捨て、施設単位加算は初日在籍数で按分し10円未満切捨て",
        ProrationBasis.OpeningDays, ChildRoundDownTo: 1, FeeRoundDownTo: 10, PerChildRoundDownTo: 10, TreatmentRoundDownTo: 10,
        ExitDayRule.LastEnrolledDay, FirstDayRosterPaysFullMonth: false, ExemptChildCount.OnFirstDay,
        new OpeningCalendar(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
            NationalHolidays2025To2027, YearEndClosure: true),
        PaymentDay: 20, ProvisionalPayment: true, MunicipalityCode: "131041");

    private static IEnumerable<DateOnly> Dates(int year, params string[] monthDays) =>
        monthDays.Select(md => new DateOnly(year, int.Parse(md[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(md[3..], System.Globalization.CultureInfo.InvariantCulture)));
}
