using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Facilities;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Facilities;

/// <summary>施設・事業所 snapshot (write model and facility screens).</summary>
public sealed class FacilityProjection : SingleStreamProjection<Facility, Guid>
{
    public FacilityProjection() => this.Folds(Facility.FoldedEvents);

    public override Facility? Evolve(Facility? snapshot, Guid id, IEvent e) => Facility.Evolve(snapshot, e.Data);
}

public static class FacilityStoreConfiguration
{
    public static StoreOptions ConfigureFacilities(this StoreOptions opts)
    {
        opts.Projections.Add(new FacilityProjection(), ProjectionLifecycle.Inline);
        // 事業所番号 is unique.
        opts.Schema.For<Facility>().UniqueIndex(x => x.FacilityNumber);
        return opts;
    }
}
