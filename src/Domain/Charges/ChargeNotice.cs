using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Charges;

/// <summary>
/// The charges notified for one payer × month × 科目: the write model of a notice stream, whose id is derived from that key
/// so that every node, and every re-run, lands on the same stream.
/// </summary>
public sealed record ChargeNotice(
    Guid Id,
    Guid PayerId,
    Guid HouseholdId,
    DateOnly Month,
    ChargeSubject Subject,
    long Amount,
    int Revision,
    IReadOnlyList<ChargeLine> Lines) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(MonthlyChargeNotified),
    ];

    public static ChargeNotice? Evolve(ChargeNotice? state, object @event) => (state, @event) switch
    {
        (null, MonthlyChargeNotified e) => new ChargeNotice(e.NoticeId, e.PayerId, e.HouseholdId, e.Month, e.Subject, e.Amount, e.Revision, e.Lines),
        (not null, MonthlyChargeNotified e) => state with { PayerId = e.PayerId, HouseholdId = e.HouseholdId, Amount = e.Amount, Revision = e.Revision, Lines = e.Lines },
        _ => state,
    };

    /// <summary>The stream id for a payer × month × 科目 (a name-based UUID, the same on every run).</summary>
    public static Guid IdFor(Guid payerId, DateOnly month, ChargeSubject subject) => NameBasedGuid.For($"charge-notice/{payerId:N}/{month:yyyy-MM}/{subject}");

    /// <summary>
    /// The first notice, or a revision when the amount or the lines changed; nothing when they did not (re-runs are free),
    /// and nothing for a first notice of 0 (a month nobody owed anything is not a charge).
    /// </summary>
    public static MonthlyChargeNotified? Notify(ChargeNotice? current, Guid payerId, Guid householdId, DateOnly month, ChargeSubject subject,
        IReadOnlyList<ChargeLine> lines)
    {
        if (month.Day != 1) throw new DomainRuleException("charge.month", "A charge is for a month (its first day).", "month");
        var ordered = lines.Where(l => l.Amount != 0).OrderBy(l => l.Reference, StringComparer.Ordinal).ToList();
        var amount = ordered.Sum(l => l.Amount);
        if (current is null)
            return amount == 0 ? null : new MonthlyChargeNotified(IdFor(payerId, month, subject), payerId, householdId, month, subject, amount, null, 1, ordered);
        if (current.Amount == amount && current.Lines.SequenceEqual(ordered)) return null;
        return new MonthlyChargeNotified(current.Id, payerId, householdId, month, subject, amount, current.Amount, current.Revision + 1, ordered);
    }
}
