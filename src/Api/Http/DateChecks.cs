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
}
