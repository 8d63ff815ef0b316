using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Postgresql;

namespace KosodateShien.Projections.ExtendedCare;

/// <summary>延長保育 snapshot: the write model, the usage and fee in force per month, and what lists query.</summary>
public sealed class ExtendedCareContractProjection : SingleStreamProjection<ExtendedCareContract, Guid>
{
    public ExtendedCareContractProjection() => this.Folds(ExtendedCareContract.FoldedEvents);

    public override ExtendedCareContract? Evolve(ExtendedCareContract? snapshot, Guid id, IEvent e) => ExtendedCareContract.Evolve(snapshot, e.Data);
}

public static class ExtendedCareStoreConfiguration
{
    /// <summary>延長保育申込受付番号 sequence.</summary>
    public const string ApplicationNumberSequence = "extended_care_number_seq";

    public static StoreOptions ConfigureExtendedCare(this StoreOptions opts)
    {
        opts.Projections.Add(new ExtendedCareContractProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<ExtendedCareContract>()
            .Index(x => x.ChildId)
            .Index(x => x.HouseholdId)
            .Index(x => x.FacilityId)
            .Index(x => x.PlacementId)
            .Index(x => x.FiscalYear)
            .UniqueIndex(x => x.ApplicationNumber);
        opts.Schema.For<ExtendedCareRuleSet>();
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, ApplicationNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
