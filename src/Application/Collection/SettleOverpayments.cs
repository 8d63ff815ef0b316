using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>A payer has a 過誤納 (a payment beyond the amount, a 更正 below what was paid, a 取消): apply it and refund the rest.</summary>
public sealed record SettleOverpayments(Guid PayerId);

public static class SettleOverpaymentsHandler
{
    /// <summary>
    /// 充当 and 還付 for every 過誤納 of the payer, made today, in the order the collection rules in force set, each 充当
    /// taking effect on its 充当適状日. A charge the 充当 pays off after its 納期限 gets its 延滞金 (the 充当 counts as a
    /// receipt on its 充当適状日), as a payment would. Each charge is written at the version read, so a payment arriving meanwhile makes this run again (Wolverine
    /// retries) rather than being overwritten; with nothing overpaid it appends nothing.
    /// </summary>
    public static async Task Handle(SettleOverpayments message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.TodayJst();
        var charges = await session.Query<Charge>().Where(c => c.PayerId == message.PayerId).ToListAsync(ct);
        if (!charges.Any(c => c.Overpaid > 0)) return;
        var rules = await session.CollectionRulesInForceAsync(today, ct);
        var byId = charges.ToDictionary(c => c.Id);
        foreach (var group in OverpaymentSettlement.Settle(charges, rules.Appropriation, today).GroupBy(e => e.ChargeId))
        {
            var charge = byId[group.Key];
            var events = group.Select(e => e.Event).ToList();
            if (events.Any(e => e is AppropriationReceived)
                && events.Aggregate((Charge?)charge, Charge.Evolve) is { } settled
                && await LateFeeAssessment.AssessAsync(session, settled, settled.LastReceiptOn ?? today, ct) is { } lateFee)
                events.Add(lateFee);
            session.Events.Append(charge.Id, charge.Version + events.Count, [.. events]);
        }
    }
}

public static class OverpaymentFollowUp
{
    /// <summary>The follow-up after a write that may have left the payer's charge overpaid (none when it did not).</summary>
    public static IEnumerable<SettleOverpayments> For(Charge charge) => charge.Overpaid > 0 ? [new SettleOverpayments(charge.PayerId)] : [];
}
