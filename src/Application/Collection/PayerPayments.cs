using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>延滞金 raised on a charge a payer's payment paid off after its 納期限.</summary>
/// <param name="ChargeId">the charge paid off late</param>
/// <param name="LateFeeChargeId">the 延滞金 charge raised</param>
/// <param name="Amount">延滞金額</param>
public sealed record PaymentLateFee(Guid ChargeId, Guid LateFeeChargeId, long Amount);

/// <summary>A payer's payment as written: the allocation, the 延滞金 it raised, and what of its excess was applied (充当) or refunded (還付).</summary>
public sealed record PayerPaymentReceived(PaymentAllocated Allocation, IReadOnlyList<PaymentLateFee> LateFees, long Appropriated, long Refunded);

/// <summary>収納 for a payer as a whole: one payment spread over the payer's charges (収納充当) in one transaction.</summary>
public static class PayerPayments
{
    /// <summary>
    /// With the stream rows of every charge of the payer locked (a payment at the counter or an import meanwhile waits and
    /// then sees this one), spreads the payment in the 収納充当順位 of the collection rules in force on 納付日
    /// (<see cref="PaymentAllocation.Allocate"/>) and records every part as a payment on its charge; a charge paid off
    /// after its 納期限 gets its 延滞金; an excess is applied (充当) or refunded (還付) in the same transaction. A payment is a
    /// fact: two arriving together are both recorded, the second spread over what the first left owing.
    /// </summary>
    public static async Task<PayerPaymentReceived> ReceiveAsync(IDocumentSession session, Guid payerId, long amount, DateOnly paidOn, DateOnly bookedOn,
        PaymentChannel channel, DateOnly today, CancellationToken ct)
    {
        var rules = await session.CollectionRulesInForceAsync(paidOn, ct);
        var ids = (await session.Query<Charge>().Where(c => c.PayerId == payerId).Select(c => c.Id).ToListAsync(ct)).ToArray();

        await session.BeginTransactionAsync(ct);
        var versions = await StreamLocks.LockAsync(session, ids, ct);
        var charges = (await session.LoadManyAsync<Charge>(ct, ids)).ToList();
        var allocated = PaymentAllocation.Allocate(payerId, charges, amount, paidOn, bookedOn, channel, rules);
        var byId = charges.ToDictionary(c => c.Id);
        var appends = new List<(Charge, long, IReadOnlyList<object>)>(allocated.Payments.Count);
        var lateFees = new List<PaymentLateFee>();
        var written = new List<Charge>();
        foreach (var payment in allocated.Payments)
        {
            var charge = byId[payment.ChargeId];
            var state = Charge.Evolve(charge, payment)!;
            var events = new List<object> { payment };
            if (await LateFeeAssessment.AssessAsync(session, state, paidOn, ct) is { } lateFee)
            {
                events.Add(lateFee.Assessed);
                lateFees.Add(new PaymentLateFee(charge.Id, lateFee.Assessed.LateFeeChargeId, lateFee.Assessed.Amount));
                written.Add(lateFee.Charge);
            }
            written.Add(state);
            appends.Add((charge, versions[charge.Id], events));
        }
        var settled = await OverpaymentSettlements.SettleAsync(session, written, today, ct);
        await ChargeAppends.AppendAsync(session, appends, settled, ct);
        var excessOn = allocated.ExcessChargeId ?? Guid.Empty;
        return new PayerPaymentReceived(allocated, lateFees, settled.AppropriatedFrom(excessOn), settled.RefundedFrom(excessOn));
    }
}
