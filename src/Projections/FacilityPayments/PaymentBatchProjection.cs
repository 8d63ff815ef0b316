using JasperFx.Events;
using KosodateShien.Domain.FacilityPayments;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.FacilityPayments;

/// <summary>支払バッチ snapshot: the write model and the 給付費支払一覧 of its 振込指定日.</summary>
public sealed class PaymentBatchProjection : SingleStreamProjection<PaymentBatch, Guid>
{
    public PaymentBatchProjection() => this.Folds(PaymentBatch.FoldedEvents);

    public override PaymentBatch? Evolve(PaymentBatch? snapshot, Guid id, IEvent e) => PaymentBatch.Evolve(snapshot, e.Data);
}
