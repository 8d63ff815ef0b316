using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Contracts;
using Marten;
using Npgsql;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Audit;

/// <summary>
/// 対応案件: which of the people and households read had an open case during a review period, per kind of work. 窓口・認定 (clerk,
/// supervisor): an application or certification in progress or in force, a running placement. 収納 (finance): an unsettled charge or a
/// running 口座振替. Records the reader wrote to in the period count as theirs to read as well (a family being registered).
/// </summary>
public sealed record OpenCases(IReadOnlySet<Guid> Care, IReadOnlySet<Guid> Collection, IReadOnlyDictionary<string, HashSet<Guid>> WrittenBy)
{
    private static readonly HashSet<string> CareRoles = ["clerk", "supervisor"], CollectionRoles = ["finance"];

    /// <summary>
    /// Whether a read should count as one without an open case: a successful read by a clerk, supervisor or finance user naming people or
    /// households, none of which had a case for any of the user's roles. Other roles (auditor, admin) have no cases and are not judged.
    /// </summary>
    public bool Without(string user, IReadOnlyList<string> roles, IReadOnlyList<Guid> subjects, int status)
    {
        if (status is < 200 or >= 300 || subjects.Count == 0) return false;
        var care = roles.Any(CareRoles.Contains);
        var collection = roles.Any(CollectionRoles.Contains);
        if (!care && !collection) return false;
        var written = WrittenBy.GetValueOrDefault(user);
        return !subjects.Any(s => care && Care.Contains(s) || collection && Collection.Contains(s) || written?.Contains(s) == true);
    }

    /// <param name="from">the period's first day: a case open on it (or opened later) counts</param>
    public static async Task<OpenCases> ForAsync(IQuerySession session, IDocumentStore store, IReadOnlyCollection<Guid> subjects, DateOnly from, DateTimeOffset start, DateTimeOffset end,
        CancellationToken ct)
    {
        HashSet<Guid> care = [], collection = [];
        foreach (var chunk in subjects.Distinct().Chunk(1_000))
        {
            foreach (var application in await session.Query<PlacementApplication>().Where(a => a.ChildId.In(chunk) || a.HouseholdId.In(chunk)).ToListAsync(ct))
                if (application.IsWaiting || application.Status == PlacementApplicationStatus.Offered)
                    care.UnionWith([application.ChildId, application.HouseholdId, application.ApplicantId]);
            foreach (var certification in await session.Query<CertificationState>().Where(c => c.ChildId.In(chunk)).ToListAsync(ct))
                if (certification.IsOpenOn(from))
                    care.Add(certification.ChildId);
            foreach (var placement in await session.Query<Placement>().Where(p => p.ChildId.In(chunk) || p.HouseholdId.In(chunk)).ToListAsync(ct))
                if (placement.IsOpenOn(from))
                    care.UnionWith([placement.ChildId, placement.HouseholdId]);
            foreach (var charge in await session.Query<Charge>().Where(c => c.PayerId.In(chunk)).ToListAsync(ct))
                if (!charge.IsSettledOn(from))
                    collection.UnionWith(charge.HouseholdId is { } household ? [charge.PayerId, household] : [charge.PayerId]);
            foreach (var mandate in await session.Query<DirectDebitMandate>().Where(m => m.PayerId.In(chunk)).ToListAsync(ct))
                if (mandate.RunsOnOrAfter(from))
                    collection.Add(mandate.PayerId);
        }

        // Who wrote to which stream in the period, straight from the event table's columns (the events' data is not read).
        var written = new Dictionary<string, HashSet<Guid>>();
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                $"select distinct user_name, stream_id from {store.Options.Events.DatabaseSchemaName}.mt_events where timestamp >= $1 and timestamp < $2 and user_name is not null",
                connection);
            command.Parameters.AddWithValue(start.ToUniversalTime());
            command.Parameters.AddWithValue(end.ToUniversalTime());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var user = reader.GetString(0);
                if (!written.TryGetValue(user, out var streams)) written[user] = streams = [];
                streams.Add(reader.GetGuid(1));
            }
        }
        return new OpenCases(care, collection, written);
    }
}
