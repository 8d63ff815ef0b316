using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection.Payments;

/// <summary>
/// 収納 on one charge in a session of its own choosing: the charge's stream row locked until the commit (a payment arriving
/// meanwhile waits and then sees this one), the payment, the 延滞金 it completes, and the 充当・還付 of what it paid beyond the
/// amount, all in the session's transaction.
/// </summary>
public static class PaymentRecording
{
    /// <summary>The payment on the charge as read (its expected version checked) and the charge after it, nothing written.</summary>
    public static (PaymentReceived Received, Charge After) Receive(Charge charge, RecordPayment command)
    {
        if (command.Version is { } version) charge.AtVersion(version);
        var received = charge.Receive(command.Amount, command.PaidOn, command.BookedOn, command.Channel);
        return (received, Charge.Evolve(charge, received)!);
    }

    public static async Task<PaymentOutcome> RecordAsync(IDocumentSession session, RecordPayment command, DateOnly today, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Charge>(command.ChargeId, ct);
        var (received, after) = Receive(stream.Aggregate ?? throw new NotFoundException($"No charge {command.ChargeId}."), command);
        stream.AppendOne(received);
        List<Charge> written = [];
        if (await LateFeeAssessment.AssessAsync(session, after, command.PaidOn, ct) is { } lateFee)
        {
            stream.AppendOne(lateFee.Assessed);
            written.Add(lateFee.Charge);
        }
        written.Add(after);
        var settled = await OverpaymentSettlements.SettleAsync(session, written, today, ct);
        settled.AppendTo(session);
        return new PaymentOutcome(command.ChargeId, received.PaymentId, (int)stream.CurrentVersion!.Value, after.Outstanding, after.Overpaid,
            settled.AppropriatedFrom(command.ChargeId), settled.RefundedFrom(command.ChargeId));
    }
}
