using KosodateShien.Api.Http;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Api.Facilities;

/// <summary>Seats per クラス年齢 (0歳児…5歳児); omitted classes are 0.</summary>
public sealed record SeatsInput(int Age0 = 0, int Age1 = 0, int Age2 = 0, int Age3 = 0, int Age4 = 0, int Age5 = 0)
{
    public SeatsByAgeClass ToDomain(string field) => SeatsByAgeClass.From([Age0, Age1, Age2, Age3, Age4, Age5], field);
}

internal static class FacilityText
{
    /// <summary>An optional text, trimmed; null when blank.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
