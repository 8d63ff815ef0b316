using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace KosodateShien.Projections.Analytics;

public static class AnalyticsStoreConfiguration
{
    /// <summary>
    /// The analysts' tables in their own schema (<see cref="AnalyticsSchema.For"/>), filled inline in the same transaction as
    /// the events; a rebuild empties each projection's tables first.
    /// </summary>
    public static StoreOptions ConfigureAnalytics(this StoreOptions opts, Pseudonyms pseudonyms)
    {
        var tables = new AnalyticsTables(AnalyticsSchema.For(opts.DatabaseSchemaName));
        foreach (var table in tables.Definitions()) opts.Storage.ExtendedSchemaObjects.Add(table);

        Add(new CertificationAnalytics(tables, pseudonyms), tables.Certifications);
        Add(new AllocationAnalytics(tables, pseudonyms), tables.Applications, tables.AllocationRounds, tables.AllocationOutcomes);
        Add(new PlacementAnalytics(tables, pseudonyms), tables.Placements, tables.FeeDecisions);
        Add(new ChargeAnalytics(tables, pseudonyms), tables.Charges);
        return opts;

        void Add(IProjection projection, params string[] owned) =>
            opts.Projections.Add(projection, ProjectionLifecycle.Inline, projection.GetType().Name, o =>
            {
                o.TeardownDataOnRebuild = true;
                foreach (var table in owned) o.DeleteDataInTableOnTeardown(table);
            });
    }
}
