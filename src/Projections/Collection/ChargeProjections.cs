using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Collection;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace KosodateShien.Projections.Collection;

/// <summary>調定 snapshot: the charge as its events leave it.</summary>
public sealed class ChargeProjection : SingleStreamProjection<Charge, Guid>
{
    public ChargeProjection() => this.Folds(Charge.FoldedEvents);

    public override Charge? Evolve(Charge? snapshot, Guid id, IEvent e) => Charge.Evolve(snapshot, e.Data);
}

/// <summary>分納誓約 snapshot.</summary>
public sealed class InstallmentPlanProjection : SingleStreamProjection<InstallmentPlan, Guid>
{
    public InstallmentPlanProjection() => this.Folds(InstallmentPlan.FoldedEvents);

    public override InstallmentPlan? Evolve(InstallmentPlan? snapshot, Guid id, IEvent e) => InstallmentPlan.Evolve(snapshot, e.Data);
}

/// <summary>交渉経過 snapshot: one per payer.</summary>
public sealed class NegotiationLogProjection : SingleStreamProjection<NegotiationLog, Guid>
{
    public NegotiationLogProjection() => this.Folds(NegotiationLog.FoldedEvents);

    public override NegotiationLog? Evolve(NegotiationLog? snapshot, Guid id, IEvent e) => NegotiationLog.Evolve(snapshot, e.Data);
}

public static class CollectionStoreConfiguration
{
    /// <summary>徴収番号 sequence.</summary>
    public const string CollectionNumberSequence = "collection_number_seq";

    public static StoreOptions ConfigureCollection(this StoreOptions opts)
    {
        opts.Projections.Add(new ChargeProjection(), ProjectionLifecycle.Inline);
        // Every index is rewritten by every payment (the snapshot is one jsonb column), so only those a query uses are kept.
        opts.Schema.For<Charge>().Index(x => x.PayerId).Index(x => x.DueDate).Index(x => x.AssessmentFiscalYear).UniqueIndex(x => x.CollectionNumber)
            // for the reports: 現年度分 by 賦課年度, what is owing (or was, on a past day), 督促状 by 発行日
            .Index(x => x.FiscalYear).Index(x => x.Outstanding).Index(x => x.LastReductionOn).Index(x => x.Dunning!.IssuedOn);
        opts.Schema.For<CollectionRuleSet>().Index(x => x.Name);
        opts.Projections.Add(new InstallmentPlanProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<InstallmentPlan>().Index(x => x.PayerId);
        opts.Projections.Add(new NegotiationLogProjection(), ProjectionLifecycle.Inline);
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, CollectionNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
