namespace KosodateShien.Domain.Collection;

/// <summary>
/// 過誤納の充当・還付: each charge's 過誤納 is first applied (充当) to the same payer's unpaid charges in the rules' order, and
/// what is left becomes a 還付. Every step is an event on both streams it touches, naming the other.
/// </summary>
public static class OverpaymentSettlement
{
    public const string Reason = "過誤納金の充当";

    /// <summary>The events that settle every 過誤納 among one payer's charges on <paramref name="on"/> (none when nothing is overpaid).</summary>
    public static IReadOnlyList<(Guid ChargeId, object Event)> Settle(IReadOnlyList<Charge> payerCharges, AppropriationOrder order, DateOnly on)
    {
        var events = new List<(Guid, object)>();
        var owed = payerCharges.Where(c => c.Outstanding > 0).ToDictionary(c => c.Id, c => c.Outstanding);
        foreach (var source in payerCharges.Where(c => c.Overpaid > 0).OrderBy(c => c.DueDate).ThenBy(c => c.CollectionNumber, StringComparer.Ordinal))
        {
            var left = source.Overpaid;
            foreach (var target in Targets(payerCharges, source, order))
            {
                var take = Math.Min(left, owed[target.Id]);
                if (take == 0) continue;
                events.Add((source.Id, new OverpaymentAppropriated(source.Id, target.Id, target.CollectionNumber, take, on, Reason)));
                events.Add((target.Id, new AppropriationReceived(target.Id, source.Id, source.CollectionNumber, take, on, Reason)));
                owed[target.Id] -= take;
                left -= take;
                if (left == 0) break;
            }
            if (left > 0) events.Add((source.Id, new RefundDetermined(source.Id, Guid.CreateVersion7(), left, on)));
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
}
