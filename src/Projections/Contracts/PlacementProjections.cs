using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Contracts;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Postgresql;

namespace KosodateShien.Projections.Contracts;

/// <summary>契約 snapshot: the write model, the fee in force per month, and what rosters and fee lists query.</summary>
public sealed class PlacementProjection : SingleStreamProjection<Placement, Guid>
{
    public override Placement? Evolve(Placement? snapshot, Guid id, IEvent e) => Placement.Evolve(snapshot, e.Data);
}

/// <summary>Marks that a month's routine fee run was started (document id = "fee-run/YYYY-MM"); written once, by one node.</summary>
public sealed record FeeRunStarted(string Id, DateOnly Month, DateTimeOffset StartedAt);

public static class ContractStoreConfiguration
{
    /// <summary>契約履歴番号 sequence.</summary>
    public const string ContractNumberSequence = "contract_number_seq";

    public static StoreOptions ConfigureContracts(this StoreOptions opts)
    {
        opts.Projections.Add(new PlacementProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<Placement>()
            .Index(x => x.ChildId)
            .Index(x => x.HouseholdId)
            .Index(x => x.FacilityId)
            .Index(x => x.StartsOn)
            .UniqueIndex(x => x.ContractNumber);
        opts.Schema.For<FeeRunStarted>();
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, ContractNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
