using KosodateShien.Projections.Analytics;
using Npgsql;

namespace KosodateShien.Api.Tests.Analytics;

/// <summary>Reads the analysts' tables of the test schema with plain Npgsql (STACK.md G6), as an analyst would.</summary>
public static class AnalyticsDatabase
{
    public static string Schema => AnalyticsSchema.For(AppFixture.Schema);

    public static string ConnectionString => Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")!;

    /// <summary>Rows as column → value (DBNull as null).</summary>
    public static async Task<List<Dictionary<string, object?>>> Rows(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    /// <summary>ResetAllMartenData leaves tables outside Marten's documents alone, so each test starts the analysts' tables empty.</summary>
    public static async Task Truncate()
    {
        var tables = new AnalyticsTables(Schema).All;
        await Rows($"truncate {string.Join(", ", tables)}");
    }
}
