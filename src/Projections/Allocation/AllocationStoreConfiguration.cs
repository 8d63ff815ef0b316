using JasperFx.Events.Projections;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Scoring;
using Marten;
using Weasel.Postgresql;

namespace KosodateShien.Projections.Allocation;

public static class AllocationStoreConfiguration
{
    /// <summary>利用申込受付番号 sequence.</summary>
    public const string ApplicationNumberSequence = "application_number_seq";

    public static StoreOptions ConfigureAllocation(this StoreOptions opts)
    {
        opts.Projections.Add(new PlacementApplicationProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new AllocationRoundProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<PlacementApplication>()
            .Index(x => x.ChildId)
            .Index(x => x.Status)
            .Index(x => x.DesiredStartMonth)
            .UniqueIndex(x => x.ApplicationNumber);
        opts.Schema.For<SelectionCriteria>();
        opts.Schema.For<RoundInput>();
        opts.Schema.For<AllocationRunResult>().Index(x => x.RoundId);
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, ApplicationNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
