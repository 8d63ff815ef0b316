using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 分析者ロール: a PostgreSQL login that can read the analysts' schema and nothing else. Created or updated (the password
/// is set again) by <c>./kosodate db analyst-role</c>, through the API's command line, with exactly these statements.
/// </summary>
public static partial class AnalystRole
{
    public const string DefaultName = "kosodate_analyst";

    /// <summary>Where <c>./kosodate db analyst-role</c> takes the password from, when set; otherwise one is generated.</summary>
    public const string PasswordVariable = "KOSODATE_ANALYST_PASSWORD";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();

    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>
    /// The statements, in order. The role gets CONNECT, USAGE on the analysts' schema, SELECT on its tables now and later
    /// (default privileges for tables the connecting user creates), a read-only default and the schema as its search path;
    /// nothing on the service's schema is granted, and whatever PUBLIC could reach there (the schema itself, its tables,
    /// sequences and functions) is revoked, as is CREATE on <c>public</c>, so the role has no way in through PUBLIC either.
    /// </summary>
    public static IReadOnlyList<string> Statements(string name, string password, string database, string martenSchema)
    {
        if (!RoleName().IsMatch(name)) throw new ArgumentException("A role name is 1–63 lower-case letters, digits or '_', not starting with a digit.", nameof(name));
        if (password.Length < 16 || password.Contains('\0')) throw new ArgumentException("The password must be at least 16 characters.", nameof(password));
        var analytics = AnalyticsSchema.For(martenSchema);
        var literal = "'" + password.Replace("'", "''") + "'";
        return
        [
            $"do $$ begin if not exists (select from pg_roles where rolname = '{name}') then create role \"{name}\"; end if; end $$",
            $"alter role \"{name}\" with login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls password {literal}",
            $"alter role \"{name}\" set default_transaction_read_only = on",
            $"alter role \"{name}\" set search_path = \"{analytics}\"",
            $"create schema if not exists \"{analytics}\"",
            $"revoke all on schema \"{martenSchema}\" from public",
            $"revoke all on all tables in schema \"{martenSchema}\" from public",
            $"revoke all on all sequences in schema \"{martenSchema}\" from public",
            $"revoke all on all functions in schema \"{martenSchema}\" from public",
            "revoke create on schema public from public",
            $"grant connect on database \"{database}\" to \"{name}\"",
            $"grant usage on schema \"{analytics}\" to \"{name}\"",
            $"grant select on all tables in schema \"{analytics}\" to \"{name}\"",
            $"alter default privileges in schema \"{analytics}\" grant select on tables to \"{name}\"",
        ];
    }

    /// <summary>Runs <see cref="Statements"/> in one transaction against the database the data source connects to.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource database, string name, string password, string martenSchema, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var sql in Statements(name, password, connection.Database, martenSchema))
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
