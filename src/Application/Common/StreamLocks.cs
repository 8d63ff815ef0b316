using Marten;
using Npgsql;

namespace KosodateShien.Application.Common;

/// <summary>Row locks on event streams: for writes to many charges in one transaction, and to serialise placements per facility.</summary>
internal static class StreamLocks
{
    /// <summary>
    /// Locks the streams' rows (in id order, so two writers never wait on each other crosswise) until the transaction ends:
    /// a payment arriving at the counter meanwhile waits and then sees what the import wrote. Begin the transaction first.
    /// Returns each stream's version as locked.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> LockAsync(IDocumentSession session, Guid[] ids, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams where id = any($1) order by id for update", session.Connection);
        command.Parameters.AddWithValue(ids);
        var versions = new Dictionary<Guid, long>(ids.Length);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }
}
