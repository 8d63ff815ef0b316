using KosodateShien.Application.Common;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
using Marten;
using Npgsql;

namespace KosodateShien.Application.Privacy;

/// <summary>
/// The records that name each person, as the retention check needs them: every stream whose events carry the person's id, with its
/// kind and the day it last changed, and whether it is still open (<see cref="OpenRecords"/>).
/// </summary>
public static class PersonRecords
{
    /// <summary>
    /// One scan of the event table finds, for the persons asked about (all not yet erased when <paramref name="personIds"/> is null),
    /// every stream naming them: it looks at every string in every event for a person's id, so no area has to declare its links.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, List<PersonRecord>>> ForAsync(IDocumentStore store, IReadOnlyCollection<Guid>? personIds, DateOnly asOf,
        CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var records = new Dictionary<Guid, List<PersonRecord>>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($$"""
                with persons as (
                    select p.id, p.id::text as text from {{schema}}.mt_doc_person p
                    where ($1::uuid[] is null or p.id = any($1)) and (p.data ->> 'erasedOn') is null
                ), named as (
                    select distinct persons.id as person_id, e.stream_id
                    from {{schema}}.mt_events e
                    cross join lateral jsonb_path_query(e.data, 'strict $.**') v
                    join persons on jsonb_typeof(v) = 'string' and persons.text = v #>> '{}'
                )
                select named.person_id, s.id, coalesce(s.type, ''), s.timestamp
                from named join {{schema}}.mt_streams s on s.id = named.stream_id
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = personIds is null ? DBNull.Value : personIds.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var person = reader.GetGuid(0);
                if (!records.TryGetValue(person, out var list)) records[person] = list = [];
                list.Add(new PersonRecord(reader.GetGuid(1), reader.GetString(2), DateOnly.FromDateTime(JapaneseDates.InJst(reader.GetFieldValue<DateTimeOffset>(3)).DateTime)));
            }
        }

        Dictionary<Guid, string> open;
        await using (var session = store.QuerySession())
            open = (await OpenRecords.NamingAsync(session, records.Keys, asOf, ct)).ToDictionary(r => r.StreamId, r => r.Reason);
        foreach (var (person, list) in records)
            for (var i = 0; i < list.Count; i++)
                if (open.TryGetValue(list[i].StreamId, out var reason)) list[i] = list[i] with { OpenBecause = reason };
        return records;
    }
}
