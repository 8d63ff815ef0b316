using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>One charge's part of a payer's payment.</summary>
/// <param name="ChargeId">the 調定 paid into</param>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="Subject">科目</param>
/// <param name="Month">賦課年月 (its first day)</param>
/// <param name="DueDate">納期限</param>
/// <param name="PaymentId">the payment recorded on the charge</param>
/// <param name="Amount">納付額 recorded on the charge: what was applied, plus the excess on the charge that holds it</param>
/// <param name="Applied">充当額: what the payment paid of what the charge owed</param>
/// <param name="Outstanding">未納額 left on the charge</param>
public sealed record PaymentAllocationPart(Guid ChargeId, string CollectionNumber, CollectionSubject Subject, DateOnly Month, DateOnly DueDate, Guid PaymentId, long Amount,
    long Applied, long Outstanding);

/// <summary>A payment for the payer as a whole, spread over the payer's charges (収納充当).</summary>
/// <param name="AllocationId">groups the payments recorded on the charges</param>
/// <param name="Amount">納付額</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Channel">収納経路</param>
/// <param name="RuleVersion">the collection rule version in force on 納付日, whose 収納充当順位 was used</param>
/// <param name="Order">収納充当順位</param>
/// <param name="Parts">every charge paid into, in the order paid</param>
/// <param name="Excess">過誤納額: received beyond everything owed on 納付日 (held by <paramref name="ExcessChargeId"/>)</param>
/// <param name="ExcessChargeId">the charge the excess was recorded on (the last paid into, or the newest when nothing was owed)</param>
/// <param name="Payments">the events, one per charge paid into</param>
public sealed record PaymentAllocated(Guid AllocationId, Guid PayerId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel, int RuleVersion,
    PaymentAllocationOrder Order, IReadOnlyList<PaymentAllocationPart> Parts, long Excess, Guid? ExcessChargeId, IReadOnlyList<PaymentReceived> Payments);

/// <summary>
/// 収納充当: a payment made for the payer rather than for one 調定 settles the payer's charges owing on 納付日 in the
/// 収納充当順位 of the collection rules in force on 納付日 (REFERENCE.md §7 収納). Every part is a <see cref="PaymentReceived"/>
/// on its charge naming the allocation and the rule version.
/// </summary>
public static class PaymentAllocation
{
    /// <summary>
    /// Spreads <paramref name="amount"/> over <paramref name="payerCharges"/> (all of one payer's charges, paid ones too: a
    /// 延滞金 or 督促手数料 is placed by the charge it arose from). A charge is paid into when it was assessed by 納付日, is
    /// neither cancelled nor written off, owed something on 納付日 and still owes something (a backdated payment never
    /// overpays a charge paid since); each takes what it owes now. What is left beyond everything owed goes on the last
    /// charge paid into, or on the newest charge (latest 納期限) when nothing was owed, as a 過誤納 for the usual 充当・還付.
    /// A payer without any charge to hold the money is refused.
    /// </summary>
    public static PaymentAllocated Allocate(Guid payerId, IReadOnlyList<Charge> payerCharges, long amount, DateOnly paidOn, DateOnly bookedOn, PaymentChannel channel,
        CollectionRuleSet rules, Guid? allocationId = null)
    {
        if (amount < 1) throw new DomainRuleException("payment.amount", "A payment is at least 1 yen.", "amount");
        if (bookedOn < paidOn) throw new DomainRuleException("payment.booked-before-paid", "日計日 cannot be before 納付日.", "bookedOn");
        var id = allocationId ?? Guid.CreateVersion7();
        var live = payerCharges.Where(c => c.PayerId == payerId && c.AssessedOn <= paidOn && c.CancelledOn is null && c.WriteOff is null).ToList();
        var owing = Ordered(payerCharges, live.Where(c => c.Outstanding > 0 && c.AsOf(paidOn).Outstanding > 0), rules.PaymentAllocation);

        var shares = new List<(Charge Charge, long Applied)>();
        var left = amount;
        foreach (var charge in owing)
        {
            if (left == 0) break;
            var applied = Math.Min(left, charge.Outstanding);
            shares.Add((charge, applied));
            left -= applied;
        }
        Guid? excessChargeId = null;
        if (left > 0)
        {
            if (shares.Count == 0)
            {
                var newest = live.OrderByDescending(c => c.DueDate).ThenByDescending(c => c.CollectionNumber, StringComparer.Ordinal).FirstOrDefault()
                    ?? throw new DomainRuleException("payment.no-charge",
                        $"The payer has no 調定 assessed by {paidOn:yyyy-MM-dd} (not cancelled or written off) to receive a payment on.", "payerId");
                shares.Add((newest, 0));
            }
            excessChargeId = shares[^1].Charge.Id;
        }

        var parts = new List<PaymentAllocationPart>(shares.Count);
        var payments = new List<PaymentReceived>(shares.Count);
        foreach (var (charge, applied) in shares)
        {
            var received = charge.Receive(applied + (charge.Id == excessChargeId ? left : 0), paidOn, bookedOn, channel) with
            {
                AllocationId = id, AllocationRuleVersion = rules.Version,
            };
            payments.Add(received);
            parts.Add(new PaymentAllocationPart(charge.Id, charge.CollectionNumber, charge.Subject, charge.Month, charge.DueDate, received.PaymentId, received.Amount, applied,
                charge.Outstanding - applied));
        }
        return new PaymentAllocated(id, payerId, amount, paidOn, bookedOn, channel, rules.Version, rules.PaymentAllocation, parts, left, excessChargeId, payments);
    }

    /// <summary>The charges in the order a payment settles them; <paramref name="all"/> finds the charge each 延滞金 and 督促手数料 arose from.</summary>
    public static IReadOnlyList<Charge> Ordered(IReadOnlyList<Charge> all, IEnumerable<Charge> owing, PaymentAllocationOrder order)
    {
        var origins = new Dictionary<Guid, Charge>();
        foreach (var charge in all)
        {
            if (charge.LateFeeChargeId is { } lateFee) origins[lateFee] = charge;
            if (charge.Dunning?.FeeChargeId is { } dunningFee) origins[dunningFee] = charge;
        }
        return order switch
        {
            PaymentAllocationOrder.PrincipalFirst => [.. owing.OrderBy(c => IsFee(c) ? 1 : 0).ThenBy(c => c.DueDate).ThenBy(c => c.CollectionNumber, StringComparer.Ordinal)],
            PaymentAllocationOrder.FeesWithTheirCharge => [.. owing
                .Select(c => (Charge: c, Origin: IsFee(c) && origins.TryGetValue(c.Id, out var origin) ? origin : c))
                .OrderBy(x => x.Origin.DueDate).ThenBy(x => x.Origin.CollectionNumber, StringComparer.Ordinal)
                .ThenBy(x => ReferenceEquals(x.Charge, x.Origin) ? 0 : 1).ThenBy(x => x.Charge.DueDate).ThenBy(x => x.Charge.CollectionNumber, StringComparer.Ordinal)
                .Select(x => x.Charge)],
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
        };
    }

    /// <summary>延滞金 and 督促手数料: what is owed beside the 本税.</summary>
    public static bool IsFee(Charge charge) => charge.Subject is CollectionSubject.LateFee or CollectionSubject.DunningFee;
}
