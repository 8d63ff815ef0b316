using KosodateShien.Domain.Contracts;
using Marten;
using Wolverine;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// A certification's periods changed from a day (支給認定変更, 3号→2号, 取消): the placements resting on it record the 異動
/// (認定変更) and the household's fees are recomputed from that month.
/// </summary>
public sealed record CertificationPeriodsChanged(Guid CertificationId, DateOnly From, string Reason);

public static class CertificationPeriodsChangedHandler
{
    public static async Task<OutgoingMessages> Handle(CertificationPeriodsChanged message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var certification = await session.LoadAsync<CertificationState>(message.CertificationId, ct);
        if (certification is null) return messages;
        var placements = await session.Query<Placement>().Where(p => p.ChildId == certification.ChildId).ToListAsync(ct);
        foreach (var placement in placements.Where(p => p.CertificationOn(message.From) == certification.Id && (p.EndsOn is null || p.EndsOn >= message.From)))
        {
            var effectiveFrom = placement.StartsOn > message.From ? placement.StartsOn : message.From;
            // A cancelled certification has no period to rest on: the placement keeps its last 異動 until staff end it (利用解除).
            if (certification.PeriodOn(effectiveFrom) is not null && placement.ChangeCertification(certification, effectiveFrom, message.Reason) is { } changed)
            {
                var stream = await session.Events.FetchForWriting<Placement>(placement.Id, ct);
                stream.AppendOne(changed);
            }
            foreach (var redetermine in PlacementFees.RedetermineFrom(placement, effectiveFrom, FeeChangeReason.CircumstancesChanged, clock)) messages.Add(redetermine);
        }
        return messages;
    }
}

/// <summary>Which months to recompute after a placement's facts change from a day.</summary>
public static class PlacementFees
{
    /// <summary>
    /// From the month of the change to this month or the last month already decided, whichever is later; nothing when the
    /// change lies beyond both (that month is decided by its own run).
    /// </summary>
    public static IEnumerable<DetermineHouseholdFees> RedetermineFrom(Placement placement, DateOnly day, FeeChangeReason reason, TimeProvider clock)
    {
        var from = FeeDeterminations.MonthOf(day);
        var current = FeeDeterminations.CurrentMonth(clock);
        var lastDecided = placement.Fees.Count == 0 ? current : placement.Fees.Max(f => f.Month);
        var to = lastDecided > current ? lastDecided : current;
        return to < from ? [] : [new DetermineHouseholdFees(placement.HouseholdId, from, to, reason)];
    }
}
