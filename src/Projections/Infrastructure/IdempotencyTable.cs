using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace KosodateShien.Projections;

/// <summary>
/// The answers kept for <c>Idempotency-Key</c> requests: one row per user and key, written in the same transaction as the
/// command's events, so a command is never done without its key nor a key kept without its command.
/// </summary>
public static class IdempotencyTable
{
    public const string Name = "idempotency_keys";

    public static string QualifiedName(string schema) => $"{schema}.{Name}";

    public static Table Definition(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("user_name").AsPrimaryKey();
        table.AddColumn<string>("idempotency_key").AsPrimaryKey();
        // SHA-256 of the method, path, query and body: a repeat must be the same request.
        table.AddColumn("fingerprint", "bytea").NotNull();
        table.AddColumn<string>("method").NotNull();
        table.AddColumn<string>("path").NotNull();
        table.AddColumn<int>("status").NotNull();
        table.AddColumn<string>("content_type");
        table.AddColumn<string>("location");
        // Text, so that the check after an erasure (which reads every table as text) sees what a kept answer holds.
        table.AddColumn<string>("body").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        table.AddColumn<DateTimeOffset>("expires_at").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{Name}_expires_at") { Columns = ["expires_at"] });
        return table;
    }
}
