using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Collection.DirectDebit;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Core;
using Weasel.Postgresql;

namespace KosodateShien.Projections.Collection;

/// <summary>口座振替依頼書 snapshot.</summary>
public sealed class DirectDebitMandateProjection : SingleStreamProjection<DirectDebitMandate, Guid>
{
    public DirectDebitMandateProjection() => this.Folds(DirectDebitMandate.FoldedEvents);

    public override DirectDebitMandate? Evolve(DirectDebitMandate? snapshot, Guid id, IEvent e) => DirectDebitMandate.Evolve(snapshot, e.Data);
}

/// <summary>振替依頼 (and its results) snapshot.</summary>
public sealed class DirectDebitExportProjection : SingleStreamProjection<DirectDebitExport, Guid>
{
    public DirectDebitExportProjection() => this.Folds(DirectDebitExport.FoldedEvents);

    public override DirectDebitExport? Evolve(DirectDebitExport? snapshot, Guid id, IEvent e) => DirectDebitExport.Evolve(snapshot, e.Data);
}

public static class DirectDebitStoreConfiguration
{
    /// <summary>顧客番号 sequence.</summary>
    public const string CustomerNumberSequence = "direct_debit_customer_seq";

    public static StoreOptions ConfigureDirectDebit(this StoreOptions opts)
    {
        opts.Projections.Add(new DirectDebitMandateProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<DirectDebitMandate>().Index(x => x.PayerId).UniqueIndex(x => x.CustomerNumber);
        opts.Projections.Add(new DirectDebitExportProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<DirectDebitExport>().Index(x => x.DebitDate);
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, CustomerNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
