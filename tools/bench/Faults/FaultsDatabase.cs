using KosodateShien.Bench.Api;
using KosodateShien.Projections;
using KosodateShien.Projections.Analytics;
using KosodateShien.Projections.Privacy;
using Marten;
using Npgsql;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// What the scratch database holds after a scenario, read straight from the event store (not through the API): events per
/// stream, the answers kept for Idempotency-Keys, stream versions, snapshots behind their streams. Also the service's store
/// configuration (same schema and secrets), for writing a synthetic ward the way the service would.
/// </summary>
public sealed class FaultsDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource source;

    /// <remarks>Connections are not pooled: the checks run after a crash, and they are few.</remarks>
    public FaultsDatabase(string connectionString, string schema, ApiSecrets secrets)
    {
        Schema = schema;
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        source = NpgsqlDataSource.Create(unpooled);
        Store = new DocumentStore(StoreOptions(unpooled, schema, secrets));
    }

    public string Schema { get; }

    /// <summary>Unpooled connections to the scratch database.</summary>
    public NpgsqlDataSource DataSource => source;

    /// <summary>A store configured as the service's (<see cref="KosodateStore.Configure"/>), which creates no schema objects.</summary>
    public DocumentStore Store { get; }

    public static StoreOptions StoreOptions(string connectionString, string schema, ApiSecrets secrets)
    {
        var options = new StoreOptions();
        KosodateStore.Configure(options, connectionString, schema, MasterKey.From(secrets.MasterKey, production: true),
            Pseudonyms.From(secrets.PseudonymKey, production: true));
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        return options;
    }

    /// <summary>For each stream, the JSON field <paramref name="field"/> of each of its events of <paramref name="eventType"/>, in order.</summary>
    public async Task<IReadOnlyDictionary<Guid, List<string>>> EventsAsync(IReadOnlyCollection<Guid> streams, string eventType, string field, CancellationToken ct)
    {
        await using var command = source.CreateCommand(
            $"select stream_id, coalesce(data ->> '{field}', '') from {Schema}.mt_events where stream_id = any($1) and type = $2 order by stream_id, version");
        command.Parameters.AddWithValue(streams.ToArray());
        command.Parameters.AddWithValue(eventType);
        var found = streams.Distinct().ToDictionary(s => s, _ => new List<string>());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[reader.GetGuid(0)].Add(reader.GetString(1));
        return found;
    }

    /// <summary>The status kept for each of a user's keys that has one (a command that ran to its end).</summary>
    public async Task<IReadOnlyDictionary<string, int>> KeptAnswersAsync(string user, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var command = source.CreateCommand(
            $"select idempotency_key, status from {IdempotencyTable.QualifiedName(Schema)} where user_name = $1 and idempotency_key = any($2)");
        command.Parameters.AddWithValue(user);
        command.Parameters.AddWithValue(keys.ToArray());
        var kept = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) kept[reader.GetString(0)] = reader.GetInt32(1);
        return kept;
    }

    /// <summary>
    /// Streams whose versions are not contiguous: events numbered other than 1…n, or the stream row's version not the last
    /// event's (<c>max(version) = count(*) = mt_streams.version</c> must hold for every stream given).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> VersionGapsAsync(IReadOnlyCollection<Guid> streams, CancellationToken ct)
    {
        await using var command = source.CreateCommand($"""
            select s.id from {Schema}.mt_streams s
            left join (select stream_id, count(*) as n, max(version) as last, min(version) as first from {Schema}.mt_events where stream_id = any($1) group by stream_id) e
              on e.stream_id = s.id
            where s.id = any($1) and (e.n is null or e.n <> e.last or e.first <> 1 or s.version <> e.last)
            """);
        command.Parameters.AddWithValue(streams.ToArray());
        var gaps = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) gaps.Add(reader.GetGuid(0));
        return gaps;
    }

    /// <summary>Every inline snapshot in the schema that does not stand at its stream's version (a command applied by halves).</summary>
    public Task<IReadOnlyList<string>> SnapshotsBehindAsync(CancellationToken ct) => SnapshotProjections.BehindTheirStreamsAsync(Store, ct);

    /// <summary>One value (no time limit).</summary>
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Rows of (text, long) pairs (no time limit).</summary>
    public async Task<IReadOnlyList<(string Key, long Count)>> CountsAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetValue(0).ToString()!, reader.GetInt64(1)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await source.DisposeAsync();
    }
}
