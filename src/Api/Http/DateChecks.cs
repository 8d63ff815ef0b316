using KosodateShien.Domain.Common;

namespace KosodateShien.Api.Http;

public static class DateChecks
{
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
}
