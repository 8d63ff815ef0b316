using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Common;
using Marten;
using Wolverine;

namespace KosodateShien.Application.Charges;

public static class IssueChargeNoticesHandler
{
    /// <summary>Recorded as the user on notices nobody issued by hand.</summary>
    public const string SystemUser = "system:charge-notices";

    public static async Task<OutgoingMessages> Handle(IssueChargeNotices message, IDocumentSession session, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(session.LastModifiedBy)) session.LastModifiedBy = SystemUser;
        var month = message.Month;
        var charges = (await PlacementCharges.ForMonthAsync(session, month, message.HouseholdId, ct))
            .Concat(await ExtendedCareCharges.ForMonthAsync(session, month, message.HouseholdId, ct)).ToList();
        var noticesQuery = session.Query<ChargeNotice>().Where(n => n.Month == month);
        if (message.HouseholdId is { } household) noticesQuery = noticesQuery.Where(n => n.HouseholdId == household);
        var notices = (await noticesQuery.ToListAsync(ct)).ToDictionary(n => (n.PayerId, n.Subject));

        // Every payer × 科目 with charges now, and every one notified before (which drops to 0 if nothing is owed any more).
        var keys = charges.Select(c => (c.PayerId, c.Subject)).Concat(notices.Keys).Distinct();
        var byKey = charges.ToLookup(c => (c.PayerId, c.Subject));
        var ready = new List<ChargeReadyForCollection>();
        foreach (var key in keys)
        {
            notices.TryGetValue(key, out var current);
            var lines = byKey[key].Select(c => c.Line).ToList();
            var householdId = byKey[key].Select(c => c.HouseholdId).FirstOrDefault(current?.HouseholdId ?? Guid.Empty);
            if (ChargeNotice.Notify(current, key.PayerId, householdId, month, key.Subject, lines) is not { } notified) continue;
            if (current is null) session.Events.StartStream<ChargeNotice>(notified.NoticeId, notified);
            else session.Events.Append(notified.NoticeId, current.Version + 1, notified);
            ready.Add(new ChargeReadyForCollection(notified.NoticeId, notified.Revision, notified.PayerId, notified.HouseholdId, month, notified.Subject,
                notified.Amount, notified.Replaces));
        }
        // One household's notices go one by one; the month's run goes in batches.
        var outgoing = new OutgoingMessages();
        if (message.HouseholdId is not null) outgoing.AddRange(ready);
        else foreach (var batch in ready.Chunk(ChargesReadyForCollection.BatchSize)) outgoing.Add(new ChargesReadyForCollection(month, batch));
        return outgoing;
    }
}

public static class ReissueChargeNoticesHandler
{
    public static OutgoingMessages Handle(ReissueChargeNotices message, TimeProvider clock)
    {
        var messages = new OutgoingMessages();
        var current = FeeDeterminations.CurrentMonth(clock);
        for (var month = FeeDeterminations.MonthOf(message.FromMonth); month <= message.ToMonth && month <= current; month = month.AddMonths(1))
            messages.Add(new IssueChargeNotices(month, message.HouseholdId));
        return messages;
    }
}
