using System.Reflection;
using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Contracts;
using KosodateShien.Projections.Contracts;
using KosodateShien.Projections.Registry;
using Marten;
using Marten.Events.Aggregation;
using Npgsql;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// Appends events to thousands of existing placement streams in one unit of work with three set-based statements instead of
/// Marten's two statements per stream: the events (<c>mt_events</c>, versions counted from the version read), the stream
/// versions (<c>mt_streams</c>) and the new snapshots (<c>mt_doc_placement</c>, folded with <see cref="Placement.Evolve"/> as
/// <see cref="PlacementProjection"/> does). The rows are the ones Marten's own append writes (same serializer, type names,
/// metadata and columns; a test compares them column by column), and the optimistic check is the database's: an event
/// version that already exists violates <c>mt_events</c>' (stream, version) key, and in the run's repeatable-read transaction
/// a stream row changed since the snapshot cannot be updated (40001), so the whole unit of work fails as a conflict.
/// <para>
/// It writes only what it knows how to write: <see cref="For"/> returns nothing (and the caller appends through Marten)
/// unless the event and snapshot tables have exactly the columns it fills and no inline projection other than the placement
/// snapshot would make anything of placement events.
/// </para>
/// </summary>
public sealed class PlacementBulkAppender
{
    private static readonly string[] EventColumns =
        ["seq_id", "id", "stream_id", "version", "data", "bdata", "type", "timestamp", "tenant_id", "mt_dotnet_type", "correlation_id", "causation_id", "headers",
         "user_name", "is_archived"];
    private static readonly string[] StreamColumns = ["id", "type", "version", "timestamp", "created", "tenant_id", "compacted_version", "is_archived"];
    private static readonly string[] DocumentColumns = ["id", "data", "mt_last_modified", "mt_dotnet_type", "mt_version"];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentStore, Task<PlacementBulkAppender?>> Known = [];

    private readonly DocumentStore store;
    private readonly string eventsTable, streamsTable, documentTable, sequence;

    private PlacementBulkAppender(DocumentStore store, string eventsSchema, string documentSchema)
    {
        this.store = store;
        eventsTable = $"{eventsSchema}.mt_events";
        streamsTable = $"{eventsSchema}.mt_streams";
        sequence = $"{eventsSchema}.mt_events_sequence";
        documentTable = $"{documentSchema}.mt_doc_placement";
    }

    /// <summary>The appender for this store, or null when its configuration is not one it writes exactly like Marten (decided once per store).</summary>
    public static async Task<PlacementBulkAppender?> For(IDocumentStore store, CancellationToken ct)
    {
        // Shared by every caller of the store, so not bound to the first caller's token; a failed look (database away) is not kept.
        var known = Known.GetValue(store, s => CreateAsync(s, CancellationToken.None));
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

    private static async Task<PlacementBulkAppender?> CreateAsync(IDocumentStore documentStore, CancellationToken ct)
    {
        if (documentStore is not DocumentStore store) return null;
        var options = store.Options;
        if (options.Events.AppendMode is not (EventAppendMode.Quick or EventAppendMode.QuickWithServerTimestamps)
            || options.Events.TenancyStyle != JasperFx.MultiTenancy.TenancyStyle.Single || options.Events.StreamIdentity != StreamIdentity.AsGuid
            || options.Events.UseArchivedStreamPartitioning || options.Events.UseTenantPartitionedEvents)
            return null;
        if (!OnlyThePlacementSnapshotHandlesPlacementEvents(options)) return null;

        var eventsSchema = options.Events.DatabaseSchemaName;
        var documentSchema = options.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "select table_name, column_name from information_schema.columns where (table_schema = $1 and table_name in ('mt_events', 'mt_streams')) or (table_schema = $2 and table_name = 'mt_doc_placement')",
            connection);
        command.Parameters.AddWithValue(eventsSchema);
        command.Parameters.AddWithValue(documentSchema);
        var columns = new Dictionary<string, HashSet<string>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var set)) columns[table] = set = [];
                set.Add(reader.GetString(1));
            }
        bool Has(string table, string[] expected) => columns.TryGetValue(table, out var actual) && actual.SetEquals(expected);
        return Has("mt_events", EventColumns) && Has("mt_streams", StreamColumns) && Has("mt_doc_placement", DocumentColumns)
            ? new PlacementBulkAppender(store, eventsSchema, documentSchema)
            : null;
    }

    /// <summary>
    /// Whether the placement snapshot is the only inline projection that would write anything for a placement stream's
    /// <see cref="FeeDetermined"/> or <see cref="ClassProgressed"/>: every other single-stream projection folds them to nothing
    /// (tried on its own Evolve), and the multi-stream ones are known not to take them.
    /// </summary>
    public static bool OnlyThePlacementSnapshotHandlesPlacementEvents(StoreOptions options)
    {
        foreach (var source in options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline))
        {
            if (source is PlacementProjection or PersonMembershipProjection) continue;
            var type = source.GetType();
            var singleStream = type;
            while (singleStream is not null && !(singleStream.IsGenericType && singleStream.GetGenericTypeDefinition() == typeof(SingleStreamProjection<,>)))
                singleStream = singleStream.BaseType;
            if (singleStream is null || singleStream.GetGenericArguments()[1] != typeof(Guid)) return false;
            var evolve = type.GetMethod("Evolve", BindingFlags.Public | BindingFlags.Instance, [singleStream.GetGenericArguments()[0], typeof(Guid), typeof(IEvent)]);
            if (evolve is null) return false;
            foreach (var sample in Samples())
                if (evolve.Invoke(source, [null, Guid.Empty, sample]) is not null) return false;
        }
        return true;
    }

    private static IEnumerable<IEvent> Samples()
    {
        var id = Guid.Empty;
        var quote = new Domain.Fees.ChildFee("", 0, "", null, 0, 0, 0, 0, 0, 0, 0, false,
            new Domain.Fees.FeeBasis("", 0, 0, null, false, false, false, default, "", [], null, 30, []));
        yield return new Event<FeeDetermined>(new FeeDetermined(id, default, 0, 0, default, default, FeeChangeReason.Monthly, null, null, quote));
        yield return new Event<ClassProgressed>(new ClassProgressed(id, 0, 0));
    }

    /// <summary>Queues the writes in the session's unit of work (they commit, or fail, with its <c>SaveChangesAsync</c>).</summary>
    /// <param name="streams">per placement: the snapshot read, the stream version in the same snapshot, and the events to append</param>
    public void Queue(IDocumentSession session, IReadOnlyList<(Placement Snapshot, long Version, IReadOnlyList<object> Events)> streams)
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
            var state = snapshot;
            var k = 0;
            foreach (var e in appended)
            {
                var mapping = events.EventMappingFor(e.GetType());
                ids[i] = Guid.CreateVersion7();
                streamIds[i] = snapshot.Id;
                versions[i] = version + 1 + k++;
                data[i] = serializer.ToJson(e);
                types[i] = mapping.EventTypeName;
                dotnetTypes[i] = mapping.DotNetTypeName;
                state = Placement.Evolve(state, e) ?? throw new InvalidOperationException($"Placement {snapshot.Id} folded to nothing.");
                i++;
            }
            var newVersion = version + appended.Count;
            state.Version = (int)newVersion;
            documentIds[s] = snapshot.Id;
            documents[s] = serializer.ToJson(state);
            expected[s] = version;
            newVersions[s] = newVersion;
        }

        var user = session.LastModifiedBy;
        session.QueueSqlCommand($"""
            insert into {eventsTable} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived, causation_id, correlation_id, headers, user_name)
            select nextval('{sequence}'), e.id, e.stream_id, e.version, e.data, e.type, now(), '*DEFAULT*', e.dotnet_type, false, ?::varchar, ?::varchar, 'null'::jsonb, ?::varchar
            from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::jsonb[], ?::varchar[], ?::varchar[]) with ordinality as e(id, stream_id, version, data, type, dotnet_type, n)
            order by e.n
            """, (object?)session.CausationId ?? DBNull.Value, (object?)session.CorrelationId ?? DBNull.Value, (object?)user ?? DBNull.Value,
            ids, streamIds, versions, data, types, dotnetTypes);
        session.QueueSqlCommand($"""
            update {streamsTable} s set version = u.version, timestamp = now()
            from unnest(?::uuid[], ?::bigint[], ?::bigint[]) as u(id, expected, version)
            where s.id = u.id and s.version = u.expected
            """, documentIds, expected, newVersions);
        session.QueueSqlCommand($"""
            insert into {documentTable} (id, data, mt_version, mt_dotnet_type, mt_last_modified)
            select d.id, d.data, d.version, '{typeof(Placement).FullName}', transaction_timestamp()
            from unnest(?::uuid[], ?::jsonb[], ?::bigint[]) as d(id, data, version)
            on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_dotnet_type = excluded.mt_dotnet_type,
                mt_last_modified = excluded.mt_last_modified
            """, documentIds, documents, newVersions);
    }
}
