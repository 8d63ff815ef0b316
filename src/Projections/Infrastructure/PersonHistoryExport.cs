using JasperFx.Events;
using KosodateShien.Projections.Audit;
using Marten;
using Npgsql;

namespace KosodateShien.Projections;

/// <summary>One event of a person's history as the export gives it.</summary>
public sealed record ExportedEvent(long Version, string Type, string Label, DateTimeOffset RecordedAt, string? User, string? CorrelationId, object Data);

/// <summary>One stream that names the person, with all of its events.</summary>
public sealed record ExportedStream(Guid StreamId, string? Aggregate, IReadOnlyList<ExportedEvent> Events);

/// <summary>
/// 開示請求: everything the system holds about a person — every stream whose events name them (their own record, households,
/// certifications, applications, placements, charges, 口座振替, 交渉経過 …) with all of its events, and the access log's
/// records of reads that concerned them.
/// </summary>
public sealed record PersonHistory(Guid PersonId, DateTimeOffset ExportedAt, IReadOnlyList<ExportedStream> Streams, IReadOnlyList<AccessRecord> AccessLog);

public static class PersonHistoryExport
{
    /// <summary>
    /// The export. It finds the streams by searching every event's data for the person's id (a full scan of the event table:
    /// meant for the occasional 開示請求, not for screens).
    /// </summary>
    public static async Task<PersonHistory> ExportAsync(IDocumentStore store, Guid personId, TimeProvider clock, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var streams = new List<(Guid Id, string? Type)>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"""
                select s.id, s.type from {schema}.mt_streams s
                where s.id = $1 or s.id in (select distinct e.stream_id from {schema}.mt_events e where strpos(e.data::text, $2) > 0)
                order by s.created, s.id
                """, connection);
            command.Parameters.AddWithValue(personId);
            command.Parameters.AddWithValue(personId.ToString());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) streams.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        await using var session = store.QuerySession();
        var exported = new List<ExportedStream>();
        foreach (var (id, type) in streams)
        {
            var events = await session.Events.FetchStreamAsync(id, token: ct);
            exported.Add(new ExportedStream(id, type, [.. events.Select(Export)]));
        }
        var reads = await session.Query<AccessRecord>().Where(r => r.SubjectIds.Contains(personId)).OrderBy(r => r.Id).ToListAsync(ct);
        return new PersonHistory(personId, clock.GetUtcNow(), exported, reads);
    }

    private static ExportedEvent Export(IEvent e) => new(e.Version, e.EventTypeName, EventLabels.For(e.Data), e.Timestamp, e.UserName, e.CorrelationId, e.Data);
}
