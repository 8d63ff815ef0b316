using KosodateShien.Application.Common;
using Marten;
using Npgsql;

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
    public static async Task<OpenCases> ForAsync(IQuerySession session, IReadOnlyCollection<Guid> subjects, DateOnly from, DateTimeOffset start, DateTimeOffset end,
        CancellationToken ct)
    {
        var open = await OpenRecords.NamingAsync(session, subjects, from, ct);
        HashSet<Guid> care = [.. open.Where(r => r.Area == CaseArea.Care).SelectMany(r => r.Subjects)];
        HashSet<Guid> collection = [.. open.Where(r => r.Area == CaseArea.Collection).SelectMany(r => r.Subjects)];

        // Who wrote to which stream in the period, straight from the event table's columns (the events' data is not read).
        var written = new Dictionary<string, HashSet<Guid>>();
        await using (var connection = session.DocumentStore.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                $"select distinct user_name, stream_id from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where timestamp >= $1 and timestamp < $2 and user_name is not null",
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
