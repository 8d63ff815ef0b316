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
    public PlacementProjection() => this.Folds(Placement.FoldedEvents);

    public override Placement? Evolve(Placement? snapshot, Guid id, IEvent e) => Placement.Evolve(snapshot, e.Data);
}

/// <summary>Marks that a month's routine fee run finished (document id = "fee-run/YYYY-MM"): the scheduler does not run that month again.</summary>
public sealed record MonthlyFeeRunCompleted(string Id, DateOnly Month, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    public static string IdFor(DateOnly month) => $"fee-run/{month:yyyy-MM}";
}

/// <summary>減免 snapshot.</summary>
public sealed class FeeReductionProjection : SingleStreamProjection<FeeReduction, Guid>
{
    public FeeReductionProjection() => this.Folds(FeeReduction.FoldedEvents);

    public override FeeReduction? Evolve(FeeReduction? snapshot, Guid id, IEvent e) => FeeReduction.Evolve(snapshot, e.Data);
}

public static class ContractStoreConfiguration
{
    /// <summary>減免申請連番 sequence.</summary>
    public const string ReductionNumberSequence = "reduction_number_seq";

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
        opts.Schema.For<MonthlyFeeRunCompleted>();
        opts.Projections.Add(new FeeReductionProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<FeeReduction>().Index(x => x.ChildId).Index(x => x.HouseholdId);
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, ReductionNumberSequence, SchemaUtils.IdentifierUsage.General)));
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, ContractNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
