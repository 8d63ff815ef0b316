using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Audit;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Audit;

/// <summary>アクセス記録分析の所見 snapshot.</summary>
public sealed class AccessFindingProjection : SingleStreamProjection<AccessFinding, Guid>
{
    public AccessFindingProjection() => this.Folds(AccessFinding.FoldedEvents);

    public override AccessFinding? Evolve(AccessFinding? snapshot, Guid id, IEvent e) => AccessFinding.Evolve(snapshot, e.Data);
}

public static class AccessFindingStoreConfiguration
{
    public static StoreOptions ConfigureAccessFindings(this StoreOptions opts)
    {
        opts.Projections.Add(new AccessFindingProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<AccessFinding>().Index(x => x.Hour).Index(x => x.User);
        return opts;
    }
}
