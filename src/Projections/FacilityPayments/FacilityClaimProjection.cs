using JasperFx.Events;
using KosodateShien.Domain.FacilityPayments;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.FacilityPayments;

/// <summary>給付費請求 snapshot (facility × month × paying municipality): the write model, the 積算根拠 of its latest revision and what lists query.</summary>
public sealed class FacilityClaimProjection : SingleStreamProjection<FacilityClaim, Guid>
{
    public FacilityClaimProjection() => this.Folds(FacilityClaim.FoldedEvents);

    public override FacilityClaim? Evolve(FacilityClaim? snapshot, Guid id, IEvent e) => FacilityClaim.Evolve(snapshot, e.Data);
}
