namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A clock the tests set: "today" is a JST business date.</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateOnly DefaultToday = new(2027, 1, 15);
    private DateTimeOffset _now;

    public TestClock() => Today = DefaultToday;

    public DateOnly Today
    {
        get => DateOnly.FromDateTime(_now.ToOffset(TimeSpan.FromHours(9)).DateTime);
        set => _now = new DateTimeOffset(value.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9));
    }

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();
}
