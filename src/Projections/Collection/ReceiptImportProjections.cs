using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Collection.Receipts;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Collection;

/// <summary>納付書・コンビニ収納データの取込 snapshot.</summary>
public sealed class ReceiptImportProjection : SingleStreamProjection<ReceiptImport, Guid>
{
    public ReceiptImportProjection() => this.Folds(ReceiptImport.FoldedEvents);

    public override ReceiptImport? Evolve(ReceiptImport? snapshot, Guid id, IEvent e) => ReceiptImport.Evolve(snapshot, e.Data);
}

public static class ReceiptImportStoreConfiguration
{
    public static StoreOptions ConfigureReceiptImports(this StoreOptions opts)
    {
        opts.Projections.Add(new ReceiptImportProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<ReceiptImport>().Index(x => x.ImportedOn);
        return opts;
    }
}
