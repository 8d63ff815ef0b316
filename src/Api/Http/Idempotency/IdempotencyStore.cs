using KosodateShien.Projections;
using Npgsql;
using NpgsqlTypes;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>An answer kept for a user's key: the request it answered (as a fingerprint) and what was answered.</summary>
public sealed record KeptAnswer(byte[] Fingerprint, string Method, string Path, int Status, string? ContentType, string? Location, string Body);

/// <summary>What reserving a key found.</summary>
public enum Reservation
{
    /// <summary>The key is this request's: it runs, and its answer is kept in the same transaction.</summary>
    Reserved,
    /// <summary>An answer is kept for the key.</summary>
    Kept,
    /// <summary>Another request with the key is still running after the wait.</summary>
    InProgress,
}

/// <summary>The SQL of <see cref="IdempotencyTable"/>.</summary>
public sealed class IdempotencyStore(string schema)
{
    private readonly string table = IdempotencyTable.QualifiedName(schema);
    private const string Savepoint = "idempotent_command";

    /// <summary>
    /// Takes the key for this request in <paramref name="transaction"/>: a row inserted (or an expired one taken over) and a
    /// savepoint after it, so that a failed command can be undone while the key stays taken. A request holding the key in a
    /// transaction not yet finished makes this wait for it, up to <paramref name="wait"/>.
    /// </summary>
    public async Task<Reservation> ReserveAsync(NpgsqlTransaction transaction, string user, string key, byte[] fingerprint, string method, string path,
        DateTimeOffset now, DateTimeOffset expires, TimeSpan wait, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"set local lock_timeout = {(int)wait.TotalMilliseconds}"));
        var insert = new NpgsqlBatchCommand($"""
            insert into {table} as k (user_name, idempotency_key, fingerprint, method, path, status, body, created_at, expires_at)
            values ($1, $2, $3, $4, $5, 0, '', $6, $7)
            on conflict (user_name, idempotency_key) do update
              set fingerprint = excluded.fingerprint, method = excluded.method, path = excluded.path, status = 0, content_type = null,
                  location = null, body = '', created_at = excluded.created_at, expires_at = excluded.expires_at
              where k.expires_at <= excluded.created_at
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = user });
        insert.Parameters.Add(new NpgsqlParameter { Value = key });
        insert.Parameters.Add(new NpgsqlParameter { Value = fingerprint, NpgsqlDbType = NpgsqlDbType.Bytea });
        insert.Parameters.Add(new NpgsqlParameter { Value = method });
        insert.Parameters.Add(new NpgsqlParameter { Value = path });
        insert.Parameters.Add(new NpgsqlParameter { Value = now });
        insert.Parameters.Add(new NpgsqlParameter { Value = expires });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("set local lock_timeout to default"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"savepoint {Savepoint}"));
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return Reservation.InProgress;
        }
        return insert.RecordsAffected == 1 ? Reservation.Reserved : Reservation.Kept;
    }

    /// <summary>Undoes whatever the command did in the transaction since the key was taken (a failed command).</summary>
    public Task UndoCommandAsync(NpgsqlTransaction transaction, CancellationToken ct) => transaction.RollbackAsync(Savepoint, ct);

    /// <summary>The answer kept for the key, if it has not expired.</summary>
    public async Task<KeptAnswer?> FindAsync(NpgsqlConnection connection, string user, string key, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select fingerprint, method, path, status, content_type, location, body from {table} where user_name = $1 and idempotency_key = $2 and expires_at > $3",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new KeptAnswer((byte[])reader[0], reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
    }

    /// <summary>Keeps the answer with the key taken by <see cref="ReserveAsync"/> (same transaction; the caller commits).</summary>
    public async Task KeepAsync(NpgsqlTransaction transaction, string user, string key, int status, string? contentType, string? location, string body, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"update {table} set status = $3, content_type = $4, location = $5, body = $6 where user_name = $1 and idempotency_key = $2",
            transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)contentType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)location ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Forgets the answers whose time is up; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"delete from {table} where expires_at <= $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
