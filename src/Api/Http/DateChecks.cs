using KosodateShien.Domain.Common;

namespace KosodateShien.Api.Http;

public static class DateChecks
{
    /// <summary>
    /// The dates and 年度 the API takes in a route or query: far enough either way for any record, near enough that a
    /// day, a month or a few years added or taken (the end of a day in JST, 時効, the next 年度) never leaves what
    /// <see cref="DateOnly"/> and <see cref="DateTimeOffset"/> can hold.
    /// </summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2999, 12, 31);

    /// <summary>Business dates of things that have happened cannot be in the future (JST).</summary>
    public static void NotInFuture(DateOnly date, TimeProvider clock, string field)
    {
        if (date > clock.TodayJst())
            throw new DomainRuleException("date.in-future", $"{field} {date:yyyy-MM-dd} is in the future.", field);
    }

    /// <summary>A month parameter is its first day (YYYY-MM-01).</summary>
    public static void RequireMonth(DateOnly month, string field = "month")
    {
        if (month.Day != 1) throw new InvalidRequestException(field, $"{field} must be the first day of a month (YYYY-MM-01).");
    }

    /// <summary>Why a date is refused, or null when it lies between <see cref="Earliest"/> and <see cref="Latest"/>.</summary>
    public static string? OutOfRange(DateOnly date, string field) =>
        date < Earliest || date > Latest ? $"{field} must be a date between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}." : null;

    /// <summary>Why a 年度 is refused, or null when it lies in the years of <see cref="Earliest"/> to <see cref="Latest"/>.</summary>
    public static string? FiscalYearOutOfRange(long year, string field) =>
        year < Earliest.Year || year > Latest.Year ? $"{field} must be a 年度 between {Earliest.Year} and {Latest.Year}." : null;
}
