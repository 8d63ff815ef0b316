using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>The 充当・還付 events a settlement left for the charges the caller writes, in order, by charge.</summary>
public sealed class SettledOverpayments
{
    private readonly Dictionary<Guid, List<object>> events = [];

    public IReadOnlyList<object> For(Guid chargeId) => events.TryGetValue(chargeId, out var list) ? list : [];

    /// <summary>充当額: of the charge's 過誤納, what was applied to other charges.</summary>
    public long AppropriatedFrom(Guid chargeId) => For(chargeId).OfType<OverpaymentAppropriated>().Sum(e => e.Amount);

    /// <summary>還付額: of the charge's 過誤納, what is to be refunded.</summary>
    public long RefundedFrom(Guid chargeId) => For(chargeId).OfType<RefundDetermined>().Sum(e => e.Amount);

    /// <summary>
    /// Appends the events to the streams the session tracks for these charges (fetched for writing, started, or appended to
    /// at a version), after what the caller appended to them; <paramref name="except"/> are streams the caller writes itself.
    /// </summary>
    public void AppendTo(IDocumentSession session, IReadOnlySet<Guid>? except = null)
    {
        foreach (var (chargeId, list) in events)
            if (except?.Contains(chargeId) != true) session.Events.Append(chargeId, list);
    }

    internal void Add(Guid chargeId, List<object> list) => events[chargeId] = list;
}

/// <summary>
/// 過誤納の充当・還付 in the transaction of the write that made the 過誤納 (a payment beyond what was owed, a 更正 below what
/// was paid, a 取消, an import or a 振替結果), so that whoever reads next sees it.
/// </summary>
public static class OverpaymentSettlements
{
    /// <summary>
    /// Settles every 過誤納 of the payers of <paramref name="written"/> (the charges this unit of work writes or starts, as they
    /// stand after its events; the caller holds them, locked or at the version read) and of <paramref name="payers"/>, made
    /// on <paramref name="today"/> in the order of the collection rules in force (<see cref="OverpaymentSettlement"/>). The
    /// payers' other charges are locked (stream rows, in id order) and read afresh, and written here at the version locked:
    /// a payment on one of them meanwhile waits, or, when the locks cross, one of the two transactions is refused and
    /// nothing is overwritten. A charge the 充当 pays off after its 納期限 gets its 延滞金 to the 充当適状日. The events for
    /// <paramref name="written"/> are returned for the caller to append after its own.
    /// </summary>
    public static async Task<SettledOverpayments> SettleAsync(IDocumentSession session, IReadOnlyCollection<Charge> written, DateOnly today, CancellationToken ct,
        IReadOnlyCollection<Guid>? payers = null)
    {
        var settled = new SettledOverpayments();
        var payerIds = written.Where(c => c.Overpaid > 0).Select(c => c.PayerId).Concat(payers ?? []).Distinct().ToArray();
        if (payerIds.Length == 0) return settled;

        await session.BeginTransactionAsync(ct);
        var writtenIds = written.Select(c => c.Id).ToHashSet();
        var otherIds = (await session.Query<Charge>().Where(c => payerIds.Contains(c.PayerId)).Select(c => c.Id).ToListAsync(ct))
            .Where(id => !writtenIds.Contains(id)).ToArray();
        var versions = await StreamLocks.LockAsync(session, otherIds, ct);
        var others = otherIds.Length == 0 ? [] : await session.LoadManyAsync<Charge>(ct, otherIds);
        var rules = await session.CollectionRulesInForceAsync(today, ct);
        foreach (var payer in payerIds)
        {
            var charges = written.Where(c => c.PayerId == payer).Concat(others.Where(c => c.PayerId == payer)).ToList();
            var byId = charges.ToDictionary(c => c.Id);
            foreach (var group in OverpaymentSettlement.Settle(charges, rules.Appropriation, today).GroupBy(e => e.ChargeId))
            {
                var events = group.Select(e => e.Event).ToList();
                var after = events.Aggregate((Charge?)byId[group.Key], Charge.Evolve)!;
                if (events.Any(e => e is AppropriationReceived) && await LateFeeAssessment.AssessAsync(session, after, after.LastReceiptOn ?? today, ct) is { } lateFee)
                    events.Add(lateFee.Assessed);
                if (writtenIds.Contains(group.Key)) settled.Add(group.Key, events);
                else session.Events.Append(group.Key, versions[group.Key] + events.Count, [.. events]);
            }
        }
        return settled;
    }
}
