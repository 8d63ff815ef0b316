using KosodateShien.Application.Charges;
using Wolverine;

namespace KosodateShien.Bench.Collection;

/// <summary>
/// Hands a month's fee output to collection the way the contracts side's monthly run does (IssueChargeNotices): batches of
/// <see cref="ChargeReadyForCollection"/> as cascading messages, stored in the outbox in one transaction.
/// </summary>
public sealed record PublishMonthlyCharges(DateOnly Month, IReadOnlyList<ChargeReadyForCollection> Notices);

public static class PublishMonthlyChargesHandler
{
    public static OutgoingMessages Handle(PublishMonthlyCharges message)
    {
        var outgoing = new OutgoingMessages();
        foreach (var batch in message.Notices.Chunk(ChargesReadyForCollection.BatchSize)) outgoing.Add(new ChargesReadyForCollection(message.Month, batch));
        return outgoing;
    }
}
