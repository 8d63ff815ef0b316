using Npgsql;

namespace KosodateShien.Application.Privacy;

/// <summary>
/// 残存確認: searches every table of the database (every schema but PostgreSQL's own) for any of the given texts, row by row as text.
/// A full scan of each table: meant for the check after an erasure, not for screens.
/// </summary>
public static class PlaintextSearch
{
    public sealed record Result(int TablesSearched, IReadOnlyList<Domain.Privacy.PlaintextResidue> Residue);

    public static async Task<Result> SearchAsync(NpgsqlConnection connection, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\_%'
            order by 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));

        var residue = new List<Domain.Privacy.PlaintextResidue>();
        if (values.Count == 0) return new Result(tables.Count, residue);
        var pattern = Pattern(values);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text ~ $1", connection);
            count.Parameters.AddWithValue(pattern);
            var rows = (long)(await count.ExecuteScalarAsync(ct))!;
            if (rows > 0) residue.Add(new Domain.Privacy.PlaintextResidue(table, rows));
        }
        return new Result(tables.Count, residue);
    }

    /// <summary>Deletes the rows of <paramref name="table"/> holding any of the texts; returns how many.</summary>
    public static async Task<int> DeleteHoldingAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<string> values, CancellationToken ct)
    {
        if (values.Count == 0) return 0;
        await using var delete = new NpgsqlCommand($"delete from {table} t where t::text ~ $1", connection);
        delete.Parameters.AddWithValue(Pattern(values));
        return await delete.ExecuteNonQueryAsync(ct);
    }

    // One regular expression of alternatives: PostgreSQL matches it in one pass, where LIKE ANY tries pattern after pattern. Each value
    // also as JSON text escapes it (\u5C71...), as it stands in JSON kept as text, such as the answers kept for idempotency keys.
    private static string Pattern(IReadOnlyCollection<string> values) =>
        "(" + string.Join("|", values.SelectMany(v => new[] { v, System.Text.Json.JsonSerializer.Serialize(v)[1..^1] }).Distinct()
            .Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
}
