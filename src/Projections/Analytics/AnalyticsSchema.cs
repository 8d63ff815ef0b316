using System.Text.Json;
using System.Text.Json.Serialization;

namespace KosodateShien.Projections.Analytics;

/// <summary>Where the analysts' tables live and how their values are written.</summary>
public static class AnalyticsSchema
{
    /// <summary>The analysts' schema beside a Marten schema (<c>kosodate</c> → <c>kosodate_analytics</c>), so every store has its own.</summary>
    public static string For(string martenSchema) => $"{martenSchema}_analytics";

    private static readonly JsonSerializerOptions EnumJson = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    /// <summary>An enum as the API writes it (camelCase, or its JSON member name, e.g. 認定区分 <c>"2"</c>).</summary>
    public static string Text<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, EnumJson).Trim('"');

    public static string? Text<T>(T? value) where T : struct, Enum => value is { } v ? Text(v) : null;

    /// <summary>生年月: the first day of the birth month, never the day.</summary>
    public static DateOnly BirthMonth(DateOnly birthDate) => Domain.Common.JapaneseDates.FirstOfMonth(birthDate);

    /// <summary>A nullable value as a SQL parameter (typed by the cast in the statement).</summary>
    public static object Db(object? value) => value ?? DBNull.Value;
}
