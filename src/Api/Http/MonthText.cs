using System.Globalization;

namespace KosodateShien.Api.Http;

/// <summary>A month in a request: <c>YYYY-MM</c> (or the first day, <c>YYYY-MM-01</c>).</summary>
public static class MonthText
{
    /// <summary>The month's first day, or null when the text is not a month.</summary>
    public static DateOnly? FirstDay(string? text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Day == 1 ? day : null;
}
