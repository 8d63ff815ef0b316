using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Contracts;
using KosodateShien.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Bench.Tests.StoredFees;

/// <summary>
/// <see cref="PlacementBulkAppender"/> writes what Marten's own append and inline projection write, row for row, and steps
/// aside when a projection it does not know would have to see the events.
/// </summary>
[Collection(StoredWardCollection.Name)]
public sealed class PlacementBulkAppenderTests(StoredWardFixture ward)
{
    [Fact]
    public async Task the_bulk_append_writes_the_rows_marten_writes()
    {
        // April: each stream gets two events (クラス進級, then the fee), so versions and ordering are exercised too.
        var april = new DateOnly(2028, 4, 1);
        await ward.LoadAsync(80, seed: 21, april, oracleToo: true);

        var bulk = await Run(ward.Store, april, bulkAppend: true);
        var marten = await Run(ward.Oracle, april, bulkAppend: false);

        bulk.BulkChunks.ShouldBe(bulk.Chunks);
        marten.BulkChunks.ShouldBe(0);
        bulk.EventsAppended.ShouldBe(marten.EventsAppended);
        bulk.EventsAppended.ShouldBeGreaterThan(bulk.Placements);
        (await Rows(StoredWardFixture.Schema)).ShouldBe(await Rows(StoredWardFixture.OracleSchema));
    }

    [Fact]
    public void the_service_configuration_lets_only_the_placement_snapshot_see_placement_events()
    {
        var options = new StoreOptions();
        KosodateStore.Configure(options, ward.ConnectionString, "unused");
        PlacementBulkAppender.OnlyThePlacementSnapshotHandlesPlacementEvents(options).ShouldBeTrue();

        options.Projections.Add(new FeeTotalsProjection(), ProjectionLifecycle.Inline);
        PlacementBulkAppender.OnlyThePlacementSnapshotHandlesPlacementEvents(options).ShouldBeFalse();
    }

    private static async Task<MonthlyFeeDeterminationResult> Run(IDocumentStore store, DateOnly month, bool bulkAppend)
    {
        await using var origin = store.LightweightSession();
        origin.LastModifiedBy = "test-finance";
        origin.CorrelationId = "run-42";
        origin.CausationId = "cause-7";
        return await MonthlyFeeDetermination.RunAsync(origin, ward_settings, month,
            new MonthlyFeeDeterminationOptions(PlacementsPerChunk: 30, BulkAppend: bulkAppend), CancellationToken.None);
    }

    private static readonly FeeSettings ward_settings = new(Domain.Fees.FeeRuleSets.National);

    /// <summary>Everything but the surrogate keys and clock readings: events of the run, stream versions, placement snapshots.</summary>
    private async Task<IReadOnlyList<string>> Rows(string schema)
    {
        var sql = $"""
            select concat_ws('|', 'event', stream_id, version, type, mt_dotnet_type, data::text, tenant_id, is_archived, user_name, correlation_id,
                             causation_id, headers::text, bdata is null)
            from {schema}.mt_events where type in ('fee_determined', 'class_progressed')
            union all
            select concat_ws('|', 'stream', id, type, version, tenant_id, is_archived, compacted_version) from {schema}.mt_streams
            union all
            select concat_ws('|', 'placement', id, data::text, mt_version, mt_dotnet_type) from {schema}.mt_doc_placement
            order by 1
            """;
        await using var command = ward.Database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    public sealed record FeeTotal(Guid Id, long Total);

    /// <summary>A projection the bulk appender does not know: it would make a document of every placement's fees.</summary>
    public sealed class FeeTotalsProjection : SingleStreamProjection<FeeTotal, Guid>
    {
        public override FeeTotal? Evolve(FeeTotal? snapshot, Guid id, IEvent e) =>
            e.Data is FeeDetermined d ? new FeeTotal(id, (snapshot?.Total ?? 0) + d.Fee) : snapshot;
    }
}
