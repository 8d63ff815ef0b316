namespace KosodateShien.Domain.Collection;

/// <summary>
/// 過誤納の充当・還付: each charge's 過誤納 is first applied (充当) to the same payer's unpaid charges in the rules' order, and
/// what is left becomes a 還付. Every step is an event on both streams it touches, naming the other.
/// </summary>
public static class OverpaymentSettlement
{
    public const string Reason = "過誤納金の充当";

    /// <summary>
    /// The events that settle every 過誤納 among one payer's charges, made on <paramref name="on"/> (none when nothing is
    /// overpaid). Each part of a 過誤納 takes effect on its 充当適状日 (地方税法17条の2④, 施行令6条の15 の例): the later of the
    /// target's 納期限 and the day the part arose. A claim already extinguished on that day (時効, 執行停止) takes none of it.
    /// What no charge takes is refunded (還付), notified on <paramref name="on"/> or, for a part arising later, on that day.
    /// </summary>
    public static IReadOnlyList<(Guid ChargeId, object Event)> Settle(IReadOnlyList<Charge> payerCharges, AppropriationOrder order, DateOnly on)
    {
        var events = new List<(Guid, object)>();
        var owed = payerCharges.Where(c => c.Outstanding > 0).ToDictionary(c => c.Id, c => c.Outstanding);
        foreach (var source in payerCharges.Where(c => c.Overpaid > 0).OrderBy(c => c.DueDate).ThenBy(c => c.CollectionNumber, StringComparer.Ordinal))
        {
            var refunds = new SortedDictionary<DateOnly, long>();
            foreach (var part in source.OverpaymentParts())
            {
                var left = part.Amount;
                foreach (var target in Targets(payerCharges, source, order))
                {
                    var effectiveOn = Later(target.DueDate, part.AroseOn);
                    var take = Math.Min(left, owed[target.Id]);
                    if (take == 0 || target.Extinction(effectiveOn) is not null) continue;
                    var bookedOn = Later(effectiveOn, part.BookedOn);
                    events.Add((source.Id, new OverpaymentAppropriated(source.Id, target.Id, target.CollectionNumber, take, on, Reason, effectiveOn, bookedOn)));
                    events.Add((target.Id, new AppropriationReceived(target.Id, source.Id, source.CollectionNumber, take, on, Reason, effectiveOn, bookedOn)));
                    owed[target.Id] -= take;
                    left -= take;
                    if (left == 0) break;
                }
                if (left == 0) continue;
                // A 還付 is not decided before its 過誤納 exists (one left by a 充当 into a charge not yet due arises on that 納期限).
                var notifiedOn = Later(on, part.AroseOn);
                refunds[notifiedOn] = refunds.GetValueOrDefault(notifiedOn) + left;
            }
            foreach (var (notifiedOn, amount) in refunds) events.Add((source.Id, new RefundDetermined(source.Id, Guid.CreateVersion7(), amount, notifiedOn)));
        }
        return events;
    }

    private static IEnumerable<Charge> Targets(IReadOnlyList<Charge> charges, Charge source, AppropriationOrder order)
    {
        var unpaid = charges.Where(c => c.Id != source.Id && c.Outstanding > 0);
        var oldestFirst = order == AppropriationOrder.SameSubjectFirst
            ? unpaid.OrderBy(c => c.Subject == source.Subject ? 0 : 1).ThenBy(c => c.DueDate)
            : unpaid.OrderBy(c => c.DueDate);
        return oldestFirst.ThenBy(c => c.CollectionNumber, StringComparer.Ordinal);
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
