namespace KosodateShien.Domain.Common;

/// <summary>Date rules shared by every area: 年度, legal age (年齢計算ニ関スル法律), クラス年齢, 就学.</summary>
public static class JapaneseDates
{
    public static readonly TimeZoneInfo Jst = TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");

    /// <summary>An instant as Japan's clock shows it.</summary>
    public static DateTimeOffset InJst(DateTimeOffset at) => at.ToOffset(Jst.BaseUtcOffset);

    /// <summary>Today's business date in Japan.</summary>
    public static DateOnly TodayJst(this TimeProvider clock) => DateOnly.FromDateTime(InJst(clock.GetUtcNow()).DateTime);

    /// <summary>Start of a JST business date as an instant.</summary>
    public static DateTimeOffset StartOfDayJst(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));

    /// <summary>年度 (fiscal year, April–March) a date belongs to: 2027-03-31 → 2026.</summary>
    /// <summary>
    /// The last day of a period of <paramref name="months"/> months starting on <paramref name="start"/> (民法143条): the day
    /// before the same date that many months on, or the end of that month when it has no such date (a start on the 31st, 29 February).
    /// </summary>
    public static DateOnly PeriodEnd(DateOnly start, int months)
    {
        var corresponding = start.AddMonths(months);
        return corresponding.Day < start.Day ? corresponding : corresponding.AddDays(-1);
    }

    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>
    /// 満N歳に達する日: the law counts age from the birth day, so a person reaches N on the day
    /// before the Nth birthday (born 2024-05-10 → reaches 3 on 2027-05-09). A 29 February birth
    /// has its birthday on 1 March in common years, so it reaches N on 28 February.
    /// </summary>
    public static DateOnly DateOfReachingAge(DateOnly birthDate, int years) => Birthday(birthDate, years).AddDays(-1);

    /// <summary>Legal age (満年齢) on a date: the number of ages already reached.</summary>
    public static int LegalAgeOn(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate) return 0;
        var age = date.Year - birthDate.Year;
        while (age > 0 && DateOfReachingAge(birthDate, age) > date) age--;
        while (DateOfReachingAge(birthDate, age + 1) <= date) age++;
        return age;
    }

    /// <summary>
    /// クラス年齢: the child's age on 1 April of the 年度, as nurseries and schools group children
    /// (born 2 April to 1 April of the next year share a class).
    /// </summary>
    public static int ClassAge(DateOnly birthDate, int fiscalYear) => LegalAgeOn(birthDate, new DateOnly(fiscalYear, 4, 1).AddDays(-1));

    /// <summary>
    /// 就学日: the first 1 April on or after the day after reaching 6 (学校教育法17条:
    /// 満6歳に達した日の翌日以後における最初の学年の初め).
    /// </summary>
    public static DateOnly SchoolEntryDate(DateOnly birthDate)
    {
        var dayAfterReachingSix = DateOfReachingAge(birthDate, 6).AddDays(1);
        var april = new DateOnly(dayAfterReachingSix.Year, 4, 1);
        return april >= dayAfterReachingSix ? april : april.AddYears(1);
    }

    /// <summary>The first day of the date's month (how a month is written: YYYY-MM-01).</summary>
    public static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    public static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    private static DateOnly Birthday(DateOnly birthDate, int years)
    {
        var year = birthDate.Year + years;
        return birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, birthDate.Month, birthDate.Day);
    }
}
