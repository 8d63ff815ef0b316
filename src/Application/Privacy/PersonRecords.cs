using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Privacy;
using KosodateShien.Domain.Registry;
using Marten;
using Npgsql;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Privacy;

/// <summary>
/// The records that name each person, as the retention check needs them: every stream whose events carry the person's id, with its
/// kind and the day it last changed, and whether it is still open (未納の調定, 在園中の利用契約, 認定期間中, 口座振替中).
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

        var open = await OpenRecordsAsync(store, [.. records.Keys], asOf, ct);
        foreach (var (person, list) in records)
            for (var i = 0; i < list.Count; i++)
                if (open.TryGetValue(list[i].StreamId, out var reason)) list[i] = list[i] with { OpenBecause = reason };
        return records;
    }

    /// <summary>The streams among the persons' records that are still open, with why.</summary>
    private static async Task<Dictionary<Guid, string>> OpenRecordsAsync(IDocumentStore store, Guid[] persons, DateOnly asOf, CancellationToken ct)
    {
        var open = new Dictionary<Guid, string>();
        await using var session = store.QuerySession();
        foreach (var chunk in persons.Chunk(1_000))
        {
            foreach (var charge in await session.Query<Charge>().Where(c => c.PayerId.In(chunk)).ToListAsync(ct))
                if (!charge.IsSettledOn(asOf))
                    open[charge.Id] = $"調定 {charge.CollectionNumber} が完結していない ({charge.StatusOn(asOf)})";
            foreach (var placement in await session.Query<Placement>().Where(p => p.ChildId.In(chunk)).ToListAsync(ct))
                if (placement.IsOpenOn(asOf))
                    open[placement.Id] = $"利用契約 {placement.ContractNumber} が終了していない";
            foreach (var certification in await session.Query<CertificationState>().Where(c => c.ChildId.In(chunk)).ToListAsync(ct))
                if (certification.IsOpenOn(asOf))
                    open[certification.Id] = "認定の申請中または認定期間中";
            foreach (var mandate in await session.Query<DirectDebitMandate>().Where(m => m.PayerId.In(chunk)).ToListAsync(ct))
                if (mandate.RunsOnOrAfter(asOf))
                    open[mandate.Id] = $"口座振替 {mandate.CustomerNumber} が終了していない";
        }
        return open;
    }
}
