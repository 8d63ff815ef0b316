using JasperFx.Events;
using KosodateShien.Domain.Common;
using JasperFx.Events.Projections;
using KosodateShien.Projections;
using KosodateShien.Projections.Analytics;
using Marten;
using Npgsql;

namespace KosodateShien.Application.Common;

/// <summary>
/// What a <see cref="SnapshotBulkAppender{T}"/> writes for: the snapshot document's fold, the inline projections allowed to
/// see its events (the snapshot's own, and multi-stream ones known not to take them), and a sample of each event kind it
/// appends, to check that no other inline projection would make anything of them.
/// </summary>
/// <param name="DocumentTable">the snapshot's table without schema (Marten's <c>mt_doc_{type}</c>)</param>
public sealed record BulkAppendSpec<T>(string DocumentTable, Func<T, Guid> IdOf, Func<T, int, T> WithVersion, Func<T?, object, T?> Evolve, IReadOnlyList<Type> KnownProjections,
    IReadOnlyList<object> SampleEvents)
    where T : class, IStreamVersioned;

/// <summary>
/// Appends events to thousands of existing streams of one snapshot type in one unit of work with three set-based statements
/// instead of Marten's statements per stream: the events (<c>mt_events</c>, versions counted from the version read), the
/// stream versions (<c>mt_streams</c>) and the new snapshots (the document table, folded with the spec's Evolve as the inline
/// projection does). The rows are the ones Marten's own append writes (same serializer, type names, metadata and columns;
/// a test compares them column by column), and the optimistic check is the database's: an event version that already
/// exists violates <c>mt_events</c>' (stream, version) key, and a stream row updated since it was read either fails the
/// transaction (repeatable read: 40001) or was locked by the caller beforehand.
/// <para>
/// It writes only what it knows how to write: <see cref="For"/> returns nothing (and the caller appends through Marten)
/// unless the event and document tables have exactly the columns it fills and no inline projection other than the known
/// ones would make anything of the events. Inline projections that write set-based themselves (<see cref="IBulkAppendedProjection"/>,
/// the analysts' tables) are handed the appended events in the same unit of work.
/// </para>
/// </summary>
public sealed class SnapshotBulkAppender<T> where T : class, IStreamVersioned
{
    private static readonly string[] EventColumns =
        ["seq_id", "id", "stream_id", "version", "data", "bdata", "type", "timestamp", "tenant_id", "mt_dotnet_type", "correlation_id", "causation_id", "headers",
         "user_name", "is_archived"];
    private static readonly string[] StreamColumns = ["id", "type", "version", "timestamp", "created", "tenant_id", "compacted_version", "is_archived"];
    private static readonly string[] DocumentColumns = ["id", "data", "mt_last_modified", "mt_dotnet_type", "mt_version"];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentStore, Task<SnapshotBulkAppender<T>?>> Known = [];

    private readonly DocumentStore store;
    private readonly BulkAppendSpec<T> spec;
    private readonly IReadOnlyList<IBulkAppendedProjection> writers;
    private readonly string eventsTable, streamsTable, documentTable, sequence;

    private SnapshotBulkAppender(DocumentStore store, BulkAppendSpec<T> spec, string eventsSchema, string documentTable)
    {
        this.store = store;
        this.spec = spec;
        writers = BulkAppendedProjections(store.Options);
        eventsTable = $"{eventsSchema}.mt_events";
        streamsTable = $"{eventsSchema}.mt_streams";
        sequence = $"{eventsSchema}.mt_events_sequence";
        this.documentTable = documentTable;
    }

    /// <summary>The appender for this store, or null when its configuration is not one it writes exactly like Marten (decided once per store).</summary>
    public static async Task<SnapshotBulkAppender<T>?> For(IDocumentStore store, BulkAppendSpec<T> spec, CancellationToken ct)
    {
        // Shared by every caller of the store, so not bound to the first caller's token; a failed look (database away) is not kept.
        var known = Known.GetValue(store, s => CreateAsync(s, spec, CancellationToken.None));
        try
        {
            return await known.WaitAsync(ct);
        }
        catch (Exception) when (known.IsFaulted)
        {
            Known.Remove(store);
            throw;
        }
    }

    private static async Task<SnapshotBulkAppender<T>?> CreateAsync(IDocumentStore documentStore, BulkAppendSpec<T> spec, CancellationToken ct)
    {
        if (documentStore is not DocumentStore store) return null;
        var options = store.Options;
        if (options.Events.AppendMode is not (EventAppendMode.Quick or EventAppendMode.QuickWithServerTimestamps)
            || options.Events.TenancyStyle != JasperFx.MultiTenancy.TenancyStyle.Single || options.Events.StreamIdentity != StreamIdentity.AsGuid
            || options.Events.UseArchivedStreamPartitioning || options.Events.UseTenantPartitionedEvents)
            return null;
        if (!OnlyKnownProjectionsHandle(options, spec)) return null;

        var eventsSchema = options.Events.DatabaseSchemaName;
        var documentSchema = options.DatabaseSchemaName;
        var documentTableName = spec.DocumentTable;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "select table_name, column_name from information_schema.columns where (table_schema = $1 and table_name in ('mt_events', 'mt_streams')) or (table_schema = $2 and table_name = $3)",
            connection);
        command.Parameters.AddWithValue(eventsSchema);
        command.Parameters.AddWithValue(documentSchema);
        command.Parameters.AddWithValue(documentTableName);
        var columns = new Dictionary<string, HashSet<string>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var set)) columns[table] = set = [];
                set.Add(reader.GetString(1));
            }
        bool Has(string table, string[] expected) => columns.TryGetValue(table, out var actual) && actual.SetEquals(expected);
        return Has("mt_events", EventColumns) && Has("mt_streams", StreamColumns) && Has(documentTableName, DocumentColumns)
            ? new SnapshotBulkAppender<T>(store, spec, eventsSchema, $"{documentSchema}.{documentTableName}")
            : null;
    }

    /// <summary>
    /// Whether the known projections are the only inline ones that would write anything for the spec's events: every other
    /// single-stream projection folds them to nothing (tried on its own Evolve), and no other multi-stream one is inline.
    /// </summary>
    public static bool OnlyKnownProjectionsHandle(StoreOptions options, BulkAppendSpec<T> spec)
    {
        var (snapshots, others) = SnapshotProjections.Inline(options);
        // Each wrapped projection is one more "other"; those that take the appended events themselves are not in the way.
        if (others.Count(name => !spec.KnownProjections.Any(known => known.Name == name)) > BulkAppendedProjections(options).Count) return false;
        foreach (var (source, _, evolve) in snapshots.Where(p => !spec.KnownProjections.Contains(p.Source.GetType())))
            foreach (var sample in spec.SampleEvents)
            {
                var wrapped = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(sample.GetType()), sample)!;
                if (evolve.Invoke(source, [null, Guid.Empty, wrapped]) is not null) return false;
            }
        return true;
    }

    private static List<IBulkAppendedProjection> BulkAppendedProjections(StoreOptions options) =>
        [.. options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline)
            .Select(p => (p as IProjectionWrapper)?.InnerProjection).OfType<IBulkAppendedProjection>()];

    /// <summary>Queues the writes in the session's unit of work (they commit, or fail, with its <c>SaveChangesAsync</c>).</summary>
    /// <param name="streams">per stream: the snapshot read, the stream version it was read at, and the events to append</param>
    public void Queue(IDocumentSession session, IReadOnlyList<(T Snapshot, long Version, IReadOnlyList<object> Events)> streams)
    {
        foreach (var (sql, parameters) in Statements(session, streams)) session.QueueSqlCommand(sql, parameters);
        QueueProjections(session, streams);
    }

    /// <summary>
    /// Writes now, in the session's transaction (begun if it is not; the caller has locked the streams' rows in it), a chunk of
    /// streams at a time: PostgreSQL writes one chunk while the next is folded and serialized, so the two no longer wait for
    /// each other (for a bank's answer, 70,000 charges, the client's 2 s of serializing ran before PostgreSQL's 9 s of writing).
    /// The rows are <see cref="Queue"/>'s; they commit, or fail, with the transaction. The set-based projections are queued in
    /// the session's unit of work.
    /// </summary>
    public async Task WriteAsync(IDocumentSession session, IReadOnlyList<(T Snapshot, long Version, IReadOnlyList<object> Events)> streams, CancellationToken ct,
        int streamsPerChunk = 10_000)
    {
        await session.BeginTransactionAsync(ct);
        Task? writing = null;
        foreach (var chunk in streams.Chunk(streamsPerChunk))
        {
            var statements = Statements(session, chunk);
            if (writing is not null) await writing;
            writing = ExecuteAsync(session.Connection!, statements, ct);
        }
        if (writing is not null) await writing;
        QueueProjections(session, streams);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, IReadOnlyList<(string Sql, object[] Parameters)> statements, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (sql, parameters) in statements)
        {
            // Marten's placeholders (?) as Npgsql's ($1, $2...).
            var n = 0;
            var command = new NpgsqlBatchCommand(System.Text.RegularExpressions.Regex.Replace(sql, @"\?", _ => $"${++n}"));
            foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private void QueueProjections(IDocumentSession session, IReadOnlyList<(T Snapshot, long Version, IReadOnlyList<object> Events)> streams)
    {
        IReadOnlyList<object> allEvents = [.. streams.SelectMany(s => s.Events)];
        foreach (var writer in writers) writer.Queue(session, allEvents);
    }

    /// <summary>The three statements (events, stream versions, snapshots) for the streams, with Marten's placeholders.</summary>
    private List<(string Sql, object[] Parameters)> Statements(IDocumentSession session, IReadOnlyList<(T Snapshot, long Version, IReadOnlyList<object> Events)> streams)
    {
        var serializer = store.Options.Serializer();
        var events = (Marten.Events.EventGraph)store.Options.Events;
        var count = streams.Sum(s => s.Events.Count);
        var ids = new Guid[count];
        var streamIds = new Guid[count];
        var versions = new long[count];
        var data = new string[count];
        var types = new string[count];
        var dotnetTypes = new string[count];
        var documentIds = new Guid[streams.Count];
        var documents = new string[streams.Count];
        var expected = new long[streams.Count];
        var newVersions = new long[streams.Count];
        var i = 0;
        for (var s = 0; s < streams.Count; s++)
        {
            var (snapshot, version, appended) = streams[s];
            var streamId = spec.IdOf(snapshot);
            var state = snapshot;
            var k = 0;
            foreach (var e in appended)
            {
                var mapping = events.EventMappingFor(e.GetType());
                ids[i] = Guid.CreateVersion7();
                streamIds[i] = streamId;
                versions[i] = version + 1 + k++;
                data[i] = serializer.ToJson(e);
                types[i] = mapping.EventTypeName;
                dotnetTypes[i] = mapping.DotNetTypeName;
                state = spec.Evolve(state, e) ?? throw new InvalidOperationException($"{typeof(T).Name} {streamId} folded to nothing.");
                i++;
            }
            var newVersion = version + appended.Count;
            state = spec.WithVersion(state, (int)newVersion);
            documentIds[s] = streamId;
            documents[s] = serializer.ToJson(state);
            expected[s] = version;
            newVersions[s] = newVersion;
        }

        // The JSON goes as text[] and becomes jsonb row by row: a jsonb[] parameter of 70,000 documents (100 MB) cost PostgreSQL
        // about three times the CPU (8 s instead of 2.7 s on this machine), building the whole array before unnesting it.
        return
        [
            ($"""
            insert into {eventsTable} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived, causation_id, correlation_id, headers, user_name)
            select nextval('{sequence}'), e.id, e.stream_id, e.version, e.data::jsonb, e.type, now(), '*DEFAULT*', e.dotnet_type, false, ?::varchar, ?::varchar, 'null'::jsonb, ?::varchar
            from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::varchar[], ?::varchar[]) with ordinality as e(id, stream_id, version, data, type, dotnet_type, n)
            order by e.n
            """, [(object?)session.CausationId ?? DBNull.Value, (object?)session.CorrelationId ?? DBNull.Value, (object?)session.LastModifiedBy ?? DBNull.Value,
                ids, streamIds, versions, data, types, dotnetTypes]),
            ($"""
            update {streamsTable} s set version = u.version, timestamp = now()
            from unnest(?::uuid[], ?::bigint[], ?::bigint[]) as u(id, expected, version)
            where s.id = u.id and s.version = u.expected
            """, [documentIds, expected, newVersions]),
            ($"""
            insert into {documentTable} (id, data, mt_version, mt_dotnet_type, mt_last_modified)
            select d.id, d.data::jsonb, d.version, '{typeof(T).FullName}', transaction_timestamp()
            from unnest(?::uuid[], ?::text[], ?::bigint[]) as d(id, data, version)
            on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_dotnet_type = excluded.mt_dotnet_type,
                mt_last_modified = excluded.mt_last_modified
            """, [documentIds, documents, newVersions]),
        ];
    }
}
