using JasperFx.Events;
using JasperFx.Events.Projections;
using KosodateShien.Domain.Charges;
using Marten;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Charges;

/// <summary>The latest revision of each payer × month × 科目 notice (what collection has been told).</summary>
public sealed class ChargeNoticeProjection : SingleStreamProjection<ChargeNotice, Guid>
{
    public ChargeNoticeProjection() => this.Folds(ChargeNotice.FoldedEvents);

    public override ChargeNotice? Evolve(ChargeNotice? snapshot, Guid id, IEvent e) => ChargeNotice.Evolve(snapshot, e.Data);
}

public static class ChargeStoreConfiguration
{
    public static StoreOptions ConfigureCharges(this StoreOptions opts)
    {
        opts.Projections.Add(new ChargeNoticeProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<ChargeNotice>().Index(x => x.Month).Index(x => x.HouseholdId).Index(x => x.PayerId);
        return opts;
    }
}
