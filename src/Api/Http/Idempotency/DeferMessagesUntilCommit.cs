using Wolverine;
using Wolverine.Transports;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// Wolverine hands a command's messages to its local queues as soon as the session's changes are saved, which for a request
/// with an <c>Idempotency-Key</c> is before its transaction commits: a handler would then run on data not yet there. Inside
/// such a request every message due now is stored as a scheduled message due now instead, in the same transaction, and the
/// scheduled-message poll runs it once the transaction has committed (or never, if it rolled back).
/// </summary>
public sealed class DeferMessagesUntilCommit : IEnvelopeRule
{
    public void Modify(Envelope envelope)
    {
    }

    public void ApplyCorrelation(IMessageContext originator, Envelope outgoing)
    {
        if (IdempotencyScope.Current is null) return;
        var now = DateTimeOffset.UtcNow;
        if (outgoing.ScheduledTime > now) return;
        outgoing.ScheduledTime = now;
        // A scheduled envelope is never sent from memory (Envelope.IsScheduledForLater), whatever its time.
        outgoing.Status = EnvelopeStatus.Scheduled;
        outgoing.OwnerId = TransportConstants.AnyNode;
    }
}
