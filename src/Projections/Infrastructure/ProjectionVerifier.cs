using System.Text.Json.Nodes;
using KosodateShien.Projections.Privacy;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace KosodateShien.Projections;

/// <summary>One document a rebuild from the events does not agree with.</summary>
/// <param name="Kind"><c>different</c> (both exist, the data differs), <c>missing</c> (the events make a document the live table lacks) or
/// <c>unexplained</c> (the live table holds a document the events do not make)</param>
public sealed record ProjectionDifference(string Table, Guid Id, string Kind);

/// <summary>What <see cref="ProjectionVerifier.VerifyAsync"/> compared: documents per table, the differences, and projections it could not rebuild.</summary>
public sealed record ProjectionVerifyReport(string ShadowSchema, IReadOnlyDictionary<string, int> Documents, IReadOnlyList<ProjectionDifference> Differences,
    IReadOnlyList<string> NotVerified)
{
    public bool Agrees => Differences.Count == 0;
}

/// <summary>
/// The auditors' check that the read models are what the events say: every single-stream snapshot projection is rebuilt from
/// the event store into a shadow schema (the documents its Evolve folds from each stream, through the store's serializer),
/// and the shadow tables are compared with the live ones row by row (jsonb equality, so key order does not matter). Reads
/// the live schema only; writes only the shadow schema, which it drops afterwards unless asked to keep it.
/// </summary>
public static class ProjectionVerifier
{
    public static async Task<ProjectionVerifyReport> VerifyAsync(IDocumentStore live, string shadowSchema, bool keepShadow, CancellationToken ct)
    {
        var options = ((DocumentStore)live).Options;
        var (projections, notVerified) = SnapshotProjections.Inline(options);

        string connection;
        await using (var open = live.Storage.Database.CreateConnection()) connection = open.ConnectionString;
        await DropSchemaAsync(connection, shadowSchema, ct);
        using var shadow = DocumentStore.For(opts =>
        {
            opts.Connection(connection);
            opts.DatabaseSchemaName = shadowSchema;
            opts.Serializer(options.Serializer());
            foreach (var (_, document, _) in projections) opts.RegisterDocumentType(document);
        });
        await shadow.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var counts = projections.Select(p => p.Document).Distinct().ToDictionary(TableOf, _ => 0);
        await using (var query = live.QuerySession())
        {
            var batch = new List<object>();
            Guid? stream = null;
            var events = new List<IEvent>();
            await foreach (var e in query.Events.QueryAllRawEvents().OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToAsyncEnumerable(ct))
            {
                if (stream != e.StreamId && events.Count > 0) await FoldAsync();
                stream = e.StreamId;
                events.Add(e);
            }
            if (events.Count > 0) await FoldAsync();
            await FlushAsync();

            async Task FoldAsync()
            {
                foreach (var (source, document, evolve) in projections)
                {
                    object? state = null;
                    foreach (var e in events) state = evolve.Invoke(source, [state, e.StreamId, e]);
                    if (state is null) continue;
                    // Marten stamps a document's Version with the stream version when it writes the snapshot.
                    if (document.GetProperty("Version") is { CanWrite: true } versionProperty)
                        versionProperty.SetValue(state, Convert.ChangeType(events[^1].Version, versionProperty.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
                    batch.Add(state);
                    counts[TableOf(document)]++;
                }
                events.Clear();
                if (batch.Count >= 1_000) await FlushAsync();
            }

            async Task FlushAsync()
            {
                if (batch.Count == 0) return;
                await using var write = shadow.LightweightSession();
                write.StoreObjects(batch);
                await write.SaveChangesAsync(ct);
                batch.Clear();
            }
        }

        var differences = new List<ProjectionDifference>();
        var keys = live.PersonalDataKeys();
        await using (var database = NpgsqlDataSource.Create(connection))
            foreach (var table in counts.Keys)
            {
                // A read model table the live schema does not have yet (the service has not run since it was added) counts as empty.
                await using (var exists = database.CreateCommand($"select to_regclass('{options.DatabaseSchemaName}.{table}') is not null"))
                    if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
                    {
                        await using var missing = database.CreateCommand($"select id from {shadowSchema}.{table} order by 1");
                        await using var rows = await missing.ExecuteReaderAsync(ct);
                        while (await rows.ReadAsync(ct)) differences.Add(new ProjectionDifference(table, rows.GetGuid(0), "missing"));
                        continue;
                    }
                await using var command = database.CreateCommand($"""
                    select coalesce(l.id, s.id), case when l.id is null then 'missing' when s.id is null then 'unexplained' else 'different' end, l.data::text, s.data::text
                    from {options.DatabaseSchemaName}.{table} l full join {shadowSchema}.{table} s on s.id = l.id
                    where l.id is null or s.id is null or l.data <> s.data
                    order by 1
                    """);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var kind = reader.GetString(1);
                    if (kind == "different" && ErasedAlike(reader.GetString(2), reader.GetString(3), keys)) continue;
                    differences.Add(new ProjectionDifference(table, reader.GetGuid(0), kind));
                }
            }
        if (!keepShadow) await DropSchemaAsync(connection, shadowSchema, ct);
        return new ProjectionVerifyReport(shadowSchema, counts, differences, notVerified);
    }

    /// <summary>
    /// A document written before its subject was erased still holds the sealed values, which now open to nothing; rebuilt, it holds
    /// the erased mark. The two say the same, so they are equal once every sealed value whose key is gone reads as that mark.
    /// </summary>
    private static bool ErasedAlike(string live, string rebuilt, SubjectKeyRing keys) =>
        JsonNode.DeepEquals(WithErasedMarks(JsonNode.Parse(live), keys), JsonNode.Parse(rebuilt));

    private static JsonNode? WithErasedMarks(JsonNode? node, SubjectKeyRing keys)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList()) obj[name] = WithErasedMarks(value?.DeepClone(), keys);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = WithErasedMarks(array[i]?.DeepClone(), keys);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && PersonalDataCipher.TryReadSubject(text, out var subject) && keys.Find(subject) is null:
                return JsonValue.Create(Domain.Common.PersonalData.Erased);
            default:
                return node;
        }
    }

    /// <summary>
    /// Any stream's aggregate rebuilt from its events up to a version or the end of a day (JST): the snapshot projection
    /// that makes something of the stream, and what it makes. Null when no snapshot projection takes the stream.
    /// </summary>
    public static async Task<(Type Document, object State)?> RebuildAsync(IDocumentStore store, Guid streamId, long? version, DateOnly? asOf, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = (await query.Events.FetchStreamAsync(streamId, token: ct))
            .Where(e => (version is null || e.Version <= version) && (asOf is null || e.Timestamp < Domain.Common.JapaneseDates.StartOfDayJst(asOf.Value.AddDays(1))))
            .ToList();
        foreach (var (source, document, evolve) in SnapshotProjections.Inline(((DocumentStore)store).Options).Projections)
        {
            object? state = null;
            foreach (var e in events) state = evolve.Invoke(source, [state, streamId, e]);
            if (state is not null) return (document, state);
        }
        return null;
    }

    private static string TableOf(Type document) => $"mt_doc_{document.Name.ToLowerInvariant()}";

    private static async Task DropSchemaAsync(string connection, string schema, CancellationToken ct)
    {
        await using var database = NpgsqlDataSource.Create(connection);
        await using var command = database.CreateCommand($"drop schema if exists \"{schema}\" cascade");
        await command.ExecuteNonQueryAsync(ct);
    }
}
