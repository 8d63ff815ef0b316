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
        // One regular expression of alternatives: PostgreSQL matches it in one pass, where LIKE ANY tries pattern after pattern.
        var pattern = "(" + string.Join("|", values.Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {table} t where t::text ~ $1", connection);
            count.Parameters.AddWithValue(pattern);
            var rows = (long)(await count.ExecuteScalarAsync(ct))!;
            if (rows > 0) residue.Add(new Domain.Privacy.PlaintextResidue(table, rows));
        }
        return new Result(tables.Count, residue);
    }
}
