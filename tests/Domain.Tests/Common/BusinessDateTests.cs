using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Common;

public class BusinessDateTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void when_it_is_15_00_utc_on_31_march_it_is_already_1_april_in_japan() =>
        new FixedClock(new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero)).TodayJst().ShouldBe(new DateOnly(2027, 4, 1));

    [Fact]
    public void when_it_is_14_59_utc_on_31_march_it_is_still_31_march_in_japan() =>
        new FixedClock(new DateTimeOffset(2027, 3, 31, 14, 59, 59, TimeSpan.Zero)).TodayJst().ShouldBe(new DateOnly(2027, 3, 31));

    [Fact]
    public void when_a_business_date_starts_it_is_midnight_at_utc_plus_nine() =>
        JapaneseDates.StartOfDayJst(new DateOnly(2027, 4, 1)).UtcDateTime.ShouldBe(new DateTime(2027, 3, 31, 15, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void when_the_month_is_february_of_a_leap_year_it_ends_on_the_29th() =>
        JapaneseDates.EndOfMonth(new DateOnly(2028, 2, 3)).ShouldBe(new DateOnly(2028, 2, 29));
}
