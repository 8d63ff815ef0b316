using System.Collections.Concurrent;
using System.Security.Cryptography;
using KosodateShien.Domain.Common;
using Npgsql;
using NpgsqlTypes;

namespace KosodateShien.Projections.Privacy;

/// <summary>A subject's key as the erasure deleted it: which key (its fingerprint, never the key), made when, deleted when.</summary>
/// <param name="Fingerprint">SHA-256 of the wrapped key, first 16 bytes in hex; null if the subject never had a key</param>
public sealed record ShreddedKey(Guid SubjectId, string? Fingerprint, DateTimeOffset? KeyCreatedAt, DateTimeOffset ErasedAt);

/// <summary>Personal data was to be written for a subject whose data has been erased; nothing is written.</summary>
public sealed class SubjectErasedException(Guid subject) : InvalidOperationException($"The personal data of {subject} has been erased; no new personal data can be recorded for it.")
{
    public Guid Subject { get; } = subject;
}

/// <summary>
/// 鍵表: one random 256-bit key per data subject (a person or a household), wrapped with the <see cref="MasterKey"/>, in a table of
/// its own schema beside the event store. Erasing a subject deletes its key and leaves a tombstone, so no new key is ever made for it.
/// Serialization asks for keys synchronously, so keys are cached: the first miss loads the whole table in one query (opening each
/// key only when it is first used), later misses one key each, and every 30 seconds one query picks up the subjects any node has
/// erased since, so another node's erasure takes effect here within that.
/// </summary>
public sealed class SubjectKeyRing : IDisposable
{
    private readonly TimeSpan _erasureCheckInterval;
    private readonly NpgsqlDataSource _db;
    private readonly MasterKey _master;
    private readonly ConcurrentDictionary<Guid, Lazy<SubjectKey>?> _cache = new();   // null: erased
    private readonly Lock _sync = new();
    private bool _warmed;
    private DateTimeOffset _erasuresCheckedAt = DateTimeOffset.MinValue, _lastErasureSeen = DateTimeOffset.MinValue;

    /// <param name="erasureCheckInterval">how often to look for subjects erased by other nodes (30 seconds when not given)</param>
    public SubjectKeyRing(string connectionString, string storeSchema, MasterKey master, TimeSpan? erasureCheckInterval = null)
    {
        _erasureCheckInterval = erasureCheckInterval ?? TimeSpan.FromSeconds(30);
        _db = NpgsqlDataSource.Create(connectionString);
        _master = master;
        Schema = SchemaFor(storeSchema);
    }

    /// <summary>The key table's schema: the store's schema name with <c>_keys</c>, so it can be granted and backed up apart.</summary>
    public static string SchemaFor(string storeSchema) => storeSchema + "_keys";

    public string Schema { get; }
    public string KeyTable => $"{Schema}.subject_keys";
    public string ErasedTable => $"{Schema}.erased_subjects";

    /// <summary>The subject's key for sealing, made on first use. Throws <see cref="SubjectErasedException"/> for an erased subject.</summary>
    public SubjectKey KeyFor(Guid subject)
    {
        if (Cached(subject, out var cached)) return cached ?? throw new SubjectErasedException(subject);
        using (var connection = _db.OpenConnection())
        {
            using var insert = new NpgsqlCommand($"""
                insert into {KeyTable} (subject_id, wrapped_key, created_at)
                select $1, $2, now() where not exists (select 1 from {ErasedTable} where subject_id = $1)
                on conflict (subject_id) do nothing
                """, connection);
            insert.Parameters.AddWithValue(subject);
            insert.Parameters.AddWithValue(_master.Wrap(subject, RandomNumberGenerator.GetBytes(32)));
            insert.ExecuteNonQuery();
        }
        return Load(subject) ?? throw new SubjectErasedException(subject);
    }

    /// <summary>The subject's key for opening, or null when it has been erased (or never existed).</summary>
    public SubjectKey? Find(Guid subject) => Cached(subject, out var cached) ? cached : Load(subject);

    /// <summary>
    /// A text as it reads: a sealed one opened with its subject's key (an erased subject's, or one that does not open, as
    /// <see cref="PersonalData.Erased"/>), any other as it is.
    /// </summary>
    public string Open(string text)
    {
        if (!PersonalDataCipher.TryReadSubject(text, out var subject)) return text;
        return Find(subject) is { } key ? PersonalDataCipher.Open(subject, key, text) ?? PersonalData.Erased : PersonalData.Erased;
    }

    /// <summary>
    /// Makes keys for many subjects in one round trip (a unit of work's new subjects, seeding, imports), so serialization finds
    /// them cached: the keys inserted, and those another node made first, come back from the same statement.
    /// </summary>
    /// <remarks>
    /// The insert commits without waiting for its WAL to reach the disk (synchronous_commit off for its own transaction only):
    /// nothing sealed with these keys is committed before the insert's commit record, and any later commit that waits for the
    /// disk flushes the WAL up to itself, so the keys are durable before anything that needs them is. A key made for a unit of
    /// work that then fails is simply never used.
    /// </remarks>
    public async Task EnsureAsync(IReadOnlyCollection<Guid> subjects, CancellationToken ct)
    {
        var missing = subjects.Where(s => !Cached(s, out _)).Distinct().ToArray();
        if (missing.Length == 0) return;
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("select set_config('synchronous_commit', 'off', true)"));
        var keys = new NpgsqlBatchCommand($"""
            with input as (select * from unnest($1::uuid[], $2::bytea[]) as s(id, wrapped)),
            inserted as (
              insert into {KeyTable} (subject_id, wrapped_key, created_at)
              select i.id, i.wrapped, now() from input i where not exists (select 1 from {ErasedTable} e where e.subject_id = i.id)
              on conflict (subject_id) do nothing
              returning subject_id, wrapped_key)
            select subject_id, wrapped_key from inserted
            union all
            select k.subject_id, k.wrapped_key from {KeyTable} k join input i on i.id = k.subject_id
            """);
        keys.Parameters.Add(new NpgsqlParameter { Value = missing });
        keys.Parameters.Add(new NpgsqlParameter { Value = missing.Select(s => _master.Wrap(s, RandomNumberGenerator.GetBytes(32))).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        batch.BatchCommands.Add(keys);
        // Both statements run in one implicit transaction (one Sync), so the setting applies to this insert's commit alone.
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) _cache[reader.GetGuid(0)] = Opening(reader.GetGuid(0), reader.GetFieldValue<byte[]>(1));
    }

    /// <summary>
    /// 消去: deletes the subject's key and leaves its tombstone, in one transaction. Idempotent: a second call returns the first erasure.
    /// </summary>
    public async Task<ShreddedKey> ShredAsync(Guid subject, Guid erasureId, CancellationToken ct)
    {
        await using var connection = await _db.OpenConnectionAsync(ct);
        await using (var shred = new NpgsqlCommand($"""
            with deleted as (delete from {KeyTable} where subject_id = $1 returning wrapped_key, created_at)
            insert into {ErasedTable} (subject_id, erasure_id, fingerprint, key_created_at, erased_at)
            select $1, $2, (select encode(substring(sha256(wrapped_key) from 1 for 16), 'hex') from deleted), (select created_at from deleted), now()
            on conflict (subject_id) do nothing
            """, connection))
        {
            shred.Parameters.AddWithValue(subject);
            shred.Parameters.AddWithValue(erasureId);
            await shred.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand($"select fingerprint, key_created_at, erased_at from {ErasedTable} where subject_id = $1", connection);
        command.Parameters.AddWithValue(subject);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var shredded = new ShreddedKey(subject, reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
        _cache[subject] = null;
        return shredded;
    }

    private bool Cached(Guid subject, out SubjectKey? key)
    {
        NoteErasures();
        if (!_cache.TryGetValue(subject, out var entry))
        {
            Warm();
            if (!_cache.TryGetValue(subject, out entry))
            {
                key = null;
                return false;
            }
        }
        key = entry?.Value;
        return true;
    }

    private SubjectKey? Load(Guid subject)
    {
        using var connection = _db.OpenConnection();
        using var command = new NpgsqlCommand($"select wrapped_key from {KeyTable} where subject_id = $1", connection);
        command.Parameters.AddWithValue(subject);
        var entry = command.ExecuteScalar() is byte[] wrapped ? Opening(subject, wrapped) : null;
        _cache[subject] = entry;
        return entry?.Value;
    }

    private Lazy<SubjectKey> Opening(Guid subject, byte[] wrapped) => new(() => new SubjectKey(_master.Unwrap(subject, wrapped)));

    /// <summary>The first miss loads every key (wrapped; a ward's few hundred thousand in one query) and every tombstone.</summary>
    private void Warm()
    {
        lock (_sync)
        {
            if (_warmed) return;
            using var connection = _db.OpenConnection();
            using (var keys = new NpgsqlCommand($"select subject_id, wrapped_key from {KeyTable}", connection))
            using (var reader = keys.ExecuteReader())
                while (reader.Read()) _cache.TryAdd(reader.GetGuid(0), Opening(reader.GetGuid(0), reader.GetFieldValue<byte[]>(1)));
            using (var erased = new NpgsqlCommand($"select subject_id, erased_at from {ErasedTable}", connection))
            using (var reader = erased.ExecuteReader())
                while (reader.Read()) Erased(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            _erasuresCheckedAt = DateTimeOffset.UtcNow;
            _warmed = true;
        }
    }

    /// <summary>At most once per check interval: forgets the keys of subjects any node erased since the last look.</summary>
    private void NoteErasures()
    {
        if (!_warmed || DateTimeOffset.UtcNow - _erasuresCheckedAt < _erasureCheckInterval) return;
        lock (_sync)
        {
            if (DateTimeOffset.UtcNow - _erasuresCheckedAt < _erasureCheckInterval) return;
            using var connection = _db.OpenConnection();
            using var command = new NpgsqlCommand($"select subject_id, erased_at from {ErasedTable} where erased_at > $1", connection);
            command.Parameters.AddWithValue(_lastErasureSeen);
            using var reader = command.ExecuteReader();
            while (reader.Read()) Erased(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
            _erasuresCheckedAt = DateTimeOffset.UtcNow;
        }
    }

    private void Erased(Guid subject, DateTimeOffset at)
    {
        _cache[subject] = null;
        if (at > _lastErasureSeen) _lastErasureSeen = at;
    }

    public void Dispose() => _db.Dispose();
}
