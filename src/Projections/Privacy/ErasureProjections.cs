using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Privacy;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Privacy;

/// <summary>消去 snapshot: the request, the decision, the keys deleted and the check (the 消去報告書's content).</summary>
public sealed class ErasureProjection : SingleStreamProjection<Erasure, Guid>
{
    public ErasureProjection() => this.Folds(Erasure.FoldedEvents);

    public override Erasure? Evolve(Erasure? snapshot, Guid id, IEvent e) => Erasure.Evolve(snapshot, e.Data);
}

public static class ErasureStoreConfiguration
{
    public static StoreOptions ConfigureErasures(this StoreOptions opts)
    {
        opts.Projections.Add(new ErasureProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<Erasure>().Index(x => x.PersonId).Index(x => x.Status);
        return opts;
    }
}
