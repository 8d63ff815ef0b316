using KosodateShien.Application.Certification;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Fees;
using KosodateShien.Bench.Fees;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using KosodateShien.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace KosodateShien.Bench.Tests.StoredFees;

/// <summary>
/// A Wolverine host with the service's Marten configuration on real PostgreSQL (KOSODATE_TEST_DB, set by
/// <c>./kosodate test</c>) in the schema <see cref="Schema"/>, plus a plain store in <see cref="OracleSchema"/> where the
/// same ward is decided household by household for comparison.
/// </summary>
public sealed class StoredWardFixture : IAsyncLifetime
{
    public const string Schema = "bench_tests";
    public const string OracleSchema = "bench_tests_oracle";

    public IHost Host { get; private set; } = null!;
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    public IMessageBus Bus => Host.Services.GetRequiredService<IMessageBus>();
    public DocumentStore Oracle { get; private set; } = null!;
    public NpgsqlDataSource Database { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")
            ?? throw new InvalidOperationException("KOSODATE_TEST_DB is not set: run the tests with ./kosodate test (it starts PostgreSQL and sets it).");
        await StoredFeeBench.DropSchemaAsync(ConnectionString, Schema, CancellationToken.None);
        await StoredFeeBench.DropSchemaAsync(ConnectionString, OracleSchema, CancellationToken.None);
        Host = await StoredFeeBench.StartHostAsync(ConnectionString, Schema);
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Oracle = DocumentStore.For(o => KosodateStore.Configure(o, ConnectionString, OracleSchema));
        await Oracle.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Database = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Oracle.Dispose();
        await Host.StopAsync();
        Host.Dispose();
    }

    /// <summary>Empties both schemas and writes the ward into them (and the shipped rule sets).</summary>
    public async Task<StoredFeeWorld> LoadAsync(int children, int seed, DateOnly month, bool oracleToo = false)
    {
        var world = StoredFeeWorld.Generate(children, seed, month);
        foreach (var store in oracleToo ? new IDocumentStore[] { Store, Oracle } : [Store])
        {
            await store.Advanced.Clean.DeleteAllEventDataAsync();
            await store.Advanced.Clean.DeleteAllDocumentsAsync();
            await CertificationRuleSets.EnsureDefaultAsync(store, CancellationToken.None);
            await FeeRuleSetStore.EnsureShippedAsync(store, CancellationToken.None);
            await StoredFeeBench.LoadAsync(store, world, 2, CancellationToken.None);
        }
        return world;
    }

    /// <summary>The month's determinations per placement, in stream order, with who recorded them.</summary>
    public async Task<IReadOnlyList<RecordedFee>> FeesAsync(string schema, DateOnly month)
    {
        await using var command = Database.CreateCommand(
            $"select stream_id, version, user_name, data::text from {schema}.mt_events where type = 'fee_determined' and (data ->> 'month')::date = $1 order by stream_id, version");
        command.Parameters.AddWithValue(month);
        await using var reader = await command.ExecuteReaderAsync();
        var fees = new List<RecordedFee>();
        while (await reader.ReadAsync())
            fees.Add(new RecordedFee(reader.GetGuid(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        return fees;
    }

    public async Task<long> EventCountAsync(string schema = Schema)
    {
        await using var command = Database.CreateCommand($"select count(*) from {schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public FeeSettings Settings { get; } = new(FeeRuleSets.National);
}

/// <summary>One stored 利用者負担額決定: its stream, version, user and the event JSON as stored.</summary>
public sealed record RecordedFee(Guid PlacementId, long Version, string? UserName, string Json)
{
    private System.Text.Json.JsonElement Data => System.Text.Json.JsonDocument.Parse(Json).RootElement;

    public long Fee => Data.GetProperty("fee").GetInt64();

    public string Reason => Data.GetProperty("reason").ToString();

    /// <summary>Everything the event says, keys sorted (jsonb does not keep the order they were written in).</summary>
    public string Canonical => Normalize(Data);

    private static string Normalize(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"\"{p.Name}\":{Normalize(p.Value)}")) + "}",
        System.Text.Json.JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Normalize)) + "]",
        _ => element.GetRawText(),
    };
}

[CollectionDefinition(Name)]
public sealed class StoredWardCollection : ICollectionFixture<StoredWardFixture>
{
    public const string Name = "stored ward";
}
