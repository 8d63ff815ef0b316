using System.Reflection;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections;

/// <summary>A store's inline snapshot projections as something that can fold events outside Marten: the verifier's rebuild and the bulk appenders' check.</summary>
public static class SnapshotProjections
{
    /// <summary>
    /// The inline single-stream projections keyed by Guid, each with its document type and its public
    /// <c>Evolve(snapshot, id, IEvent)</c>; and the names of the other inline projections (multi-stream ones, or any without
    /// such an Evolve), which cannot be folded this way.
    /// </summary>
    public static (List<(object Source, Type Document, MethodInfo Evolve)> Projections, List<string> Others) Inline(StoreOptions options)
    {
        var projections = new List<(object Source, Type Document, MethodInfo Evolve)>();
        var others = new List<string>();
        foreach (var source in options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Inline))
        {
            var singleStream = source.GetType();
            while (singleStream is not null && !(singleStream.IsGenericType && singleStream.GetGenericTypeDefinition() == typeof(SingleStreamProjection<,>)))
                singleStream = singleStream.BaseType;
            var document = singleStream?.GetGenericArguments()[0];
            var evolve = document is null ? null : source.GetType().GetMethod("Evolve", BindingFlags.Public | BindingFlags.Instance, [document, typeof(Guid), typeof(IEvent)]);
            if (document is null || evolve is null || singleStream!.GetGenericArguments()[1] != typeof(Guid)) others.Add(source.GetType().Name);
            else projections.Add((source, document, evolve));
        }
        return (projections, others);
    }

    /// <summary>
    /// The snapshots that do not stand at their stream's version (each inline snapshot is written with the version of the last
    /// event appended to its stream): a snapshot left behind by an event its projection did not see, or a stream written around
    /// its projection. Empty when every snapshot is current.
    /// </summary>
    public static async Task<IReadOnlyList<string>> BehindTheirStreamsAsync(IDocumentStore store, CancellationToken ct)
    {
        var options = ((DocumentStore)store).Options;
        var tables = Inline(options).Projections.Select(p => $"mt_doc_{p.Document.Name.ToLowerInvariant()}").Distinct().ToList();
        var schema = options.DatabaseSchemaName;
        var sql = string.Join(" union all ", tables.Select(t =>
            $"select '{t}', d.id, d.mt_version, s.version from {schema}.{t} d join {options.Events.DatabaseSchemaName}.mt_streams s on s.id = d.id where d.mt_version <> s.version"));
        var behind = new List<string>();
        await using var session = store.QuerySession();
        await using var reader = await session.ExecuteReaderAsync(new Npgsql.NpgsqlCommand(sql), ct);
        while (await reader.ReadAsync(ct)) behind.Add($"{reader.GetString(0)} {reader.GetGuid(1)}: snapshot v{reader.GetValue(2)}, stream v{reader.GetValue(3)}");
        return behind;
    }
}
