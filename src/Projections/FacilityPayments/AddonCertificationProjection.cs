using JasperFx.Events;
using KosodateShien.Domain.FacilityPayments;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.FacilityPayments;

/// <summary>加算認定 snapshot (facility × 年度): the write model and what the monthly claims read.</summary>
public sealed class AddonCertificationProjection : SingleStreamProjection<AddonCertification, Guid>
{
    public AddonCertificationProjection() => this.Folds(AddonCertification.FoldedEvents);

    public override AddonCertification? Evolve(AddonCertification? snapshot, Guid id, IEvent e) => AddonCertification.Evolve(snapshot, e.Data);
}
