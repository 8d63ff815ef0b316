using JasperFx.Events;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Rounds;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Allocation;

/// <summary>利用申込 snapshot (write model, lists and the round's intake).</summary>
public sealed class PlacementApplicationProjection : SingleStreamProjection<PlacementApplication, Guid>
{
    public PlacementApplicationProjection() => this.Folds(PlacementApplication.FoldedEvents);

    public override PlacementApplication? Evolve(PlacementApplication? snapshot, Guid id, IEvent e) => PlacementApplication.Evolve(snapshot, e.Data);
}

/// <summary>選考 snapshot.</summary>
public sealed class AllocationRoundProjection : SingleStreamProjection<AllocationRound, Guid>
{
    public AllocationRoundProjection() => this.Folds(AllocationRound.FoldedEvents);

    public override AllocationRound? Evolve(AllocationRound? snapshot, Guid id, IEvent e) => AllocationRound.Evolve(snapshot, e.Data);
}
