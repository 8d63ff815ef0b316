using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>
/// A payer has a 過誤納 to apply or refund. Nothing sends it any more (every write settles its own 過誤納 in its transaction,
/// <see cref="OverpaymentSettlements"/>); kept so that messages queued before that change are still handled.
/// </summary>
public sealed record SettleOverpayments(Guid PayerId);

public static class SettleOverpaymentsHandler
{
    /// <summary>充当 and 還付 of whatever 過誤納 the payer still has, made today; with nothing overpaid it appends nothing.</summary>
    public static async Task Handle(SettleOverpayments message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var settled = await OverpaymentSettlements.SettleAsync(session, [], clock.TodayJst(), ct, [message.PayerId]);
        settled.AppendTo(session);
    }
}
