using KosodateShien.Application.Collection.DirectDebit;
using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Projections.Collection;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>
/// Appending to many charge streams at once (a bank's 振替結果, a receipt file, a payer's payment): with three set-based
/// statements (<see cref="SnapshotBulkAppender{T}"/>) when the store allows it, else through Marten at the version read.
/// Thousands of charges are written at once, chunk by chunk, in the transaction that holds their row locks, so PostgreSQL
/// writes one chunk while the next is made; a few go with the unit of work's own batch.
/// </summary>
public static class ChargeAppends
{
    /// <summary>From this many charges on, they are written at once rather than with the unit of work's batch.</summary>
    public const int WrittenAtOnceFrom = 1_000;

    /// <summary>The charge snapshot sees the events; the person memberships (the one multi-stream projection) take registry events only.</summary>
    public static readonly BulkAppendSpec<Charge> Spec = new("mt_doc_charge", c => c.Id, WithVersion, Charge.Evolve,
        [typeof(ChargeProjection), typeof(Projections.Registry.PersonMembershipProjection)],
    [
        new PaymentReceived(Guid.Empty, Guid.Empty, 1, default, default, PaymentChannel.DirectDebit),
        new DirectDebitFailed(Guid.Empty, Guid.Empty, default, DebitResultCode.InsufficientFunds, "", 1),
        new LateFeeAssessed(Guid.Empty, Guid.Empty, 1, 1, [], 1, default),
        new OverpaymentAppropriated(Guid.Empty, Guid.Empty, "", 1, default, OverpaymentSettlement.Reason, default, default),
        new AppropriationReceived(Guid.Empty, Guid.Empty, "", 1, default, OverpaymentSettlement.Reason, default, default),
        new RefundDetermined(Guid.Empty, Guid.Empty, 1, default),
    ]);

    /// <param name="streams">per charge: the snapshot read under the stream's row lock, the stream version then, and the events</param>
    /// <param name="settled">the 充当・還付 for these charges (after their events) and for the 延滞金 charges started in the session</param>
    public static async Task AppendAsync(IDocumentSession session, IReadOnlyList<(Charge Snapshot, long Version, IReadOnlyList<object> Events)> streams,
        SettledOverpayments settled, CancellationToken ct)
    {
        streams = [.. streams.Select(s => (s.Snapshot, s.Version, (IReadOnlyList<object>)[.. s.Events, .. settled.For(s.Snapshot.Id)]))];
        if (await SnapshotBulkAppender<Charge>.For(session.DocumentStore, Spec, ct) is not { } bulk)
            foreach (var (charge, version, events) in streams) session.Events.Append(charge.Id, version + events.Count, [.. events]);
        else if (streams.Count >= WrittenAtOnceFrom) await bulk.WriteAsync(session, streams, ct);
        else bulk.Queue(session, streams);
        settled.AppendTo(session, except: streams.Select(s => s.Snapshot.Id).ToHashSet());
    }

    private static Charge WithVersion(Charge charge, int version)
    {
        charge.Version = version;
        return charge;
    }
}
