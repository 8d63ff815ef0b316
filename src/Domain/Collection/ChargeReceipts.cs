namespace KosodateShien.Domain.Collection;

/// <summary>Part of a charge's 過誤納 not yet applied (充当) or refunded (還付).</summary>
/// <param name="AroseOn">過誤納金発生日: the day what was received first went, and stayed, beyond what was owed</param>
/// <param name="BookedOn">the 日計日 from which the books hold it (the same reckoning with receipts by 日計日)</param>
public sealed record OverpaymentPart(long Amount, DateOnly AroseOn, DateOnly BookedOn);

/// <summary>
/// What a charge received and when, on the two calendars it is read by: the legal one (a payment's 納付日, a 充当's
/// 充当適状日), which as-of views, 延滞金 and 時効 follow, and the books' (日計日), which 収納率 and 出納閉鎖 follow.
/// </summary>
public sealed partial record Charge
{
    /// <summary>The latest day it received anything: a payment's 納付日 or a 充当's 充当適状日 (null: nothing received).</summary>
    public DateOnly? LastReceiptOn =>
        Payments.Select(p => (DateOnly?)p.PaidOn).Concat(Appropriations.Where(a => a.Amount > 0).Select(a => (DateOnly?)a.TakesEffectOn)).Max();

    /// <summary>
    /// The charge as the treasury's books stood at the end of <paramref name="day"/>: payments by 日計日 and 充当 by the 日計日
    /// they count under (<see cref="ChargeAppropriation.BooksOn"/>); corrections, refunds and the rest as <see cref="AsOf"/>.
    /// </summary>
    public Charge BooksAsOf(DateOnly day) =>
        (this with
        {
            Payments = [.. Payments.Where(p => p.BookedOn <= day)],
            Appropriations = [.. Appropriations.Where(a => a.BooksOn <= day)],
        }).AsOf(day);

    /// <summary>
    /// The 過誤納 not yet settled, in parts by the day each arose: a payment beyond what was owed on its 納付日, a 更正 below
    /// what was paid on its 更正日, a 取消 on its 取消日, a payment made earlier but recorded later from the day the excess
    /// really began. What was settled before is taken from the earliest parts.
    /// </summary>
    public IReadOnlyList<OverpaymentPart> OverpaymentParts()
    {
        if (Overpaid == 0) return [];
        var legal = ExcessSteps(books: false);
        var books = ExcessSteps(books: true);
        var total = legal[^1].Reached;
        var from = total - Overpaid;
        var bounds = legal.Concat(books).Select(s => s.Reached).Where(r => r > from && r < total).Append(total).Distinct().Order();
        var parts = new List<OverpaymentPart>();
        foreach (var upTo in bounds)
        {
            var aroseOn = DayReaching(legal, upTo);
            var bookedOn = DayReaching(books, upTo) is var booked && booked > aroseOn ? booked : aroseOn;
            if (parts is [.., var last] && last.AroseOn == aroseOn && last.BookedOn == bookedOn) parts[^1] = last with { Amount = last.Amount + upTo - from };
            else parts.Add(new OverpaymentPart(upTo - from, aroseOn, bookedOn));
            from = upTo;
        }
        return parts;
    }

    /// <summary>
    /// On each day something was received or what was owed changed, how much of the excess had arisen for good: the least
    /// excess (received − owed) on that day or any later one, so an excess undone later (a 更正 upwards) counts from when it came back.
    /// </summary>
    private List<(DateOnly Day, long Reached)> ExcessSteps(bool books)
    {
        var received = Payments.Select(p => (On: books ? p.BookedOn : p.PaidOn, p.Amount))
            .Concat(Appropriations.Where(a => a.Amount > 0).Select(a => (On: books ? a.BooksOn : a.TakesEffectOn, a.Amount)))
            .ToList();
        var days = received.Select(r => r.On).Concat(Corrections.Select(c => c.CorrectedOn));
        if (CancelledOn is { } cancelled) days = days.Append(cancelled);
        if (WriteOff is { } writeOff) days = days.Append(writeOff.WrittenOffOn);
        var ordered = days.Distinct().Order().ToList();
        var steps = new (DateOnly, long)[ordered.Count];
        var least = long.MaxValue;
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            var day = ordered[i];
            least = Math.Min(least, Math.Max(0, received.Where(r => r.On <= day).Sum(r => r.Amount) - OwedOn(day)));
            steps[i] = (day, least);
        }
        return [.. steps];
    }

    /// <summary>What the charge asked for on the day, before anything received: 調定額 after 更正, nothing once cancelled, less a 不納欠損.</summary>
    private long OwedOn(DateOnly day) =>
        CancelledOn <= day ? 0 : OriginalAmount + Corrections.Where(c => c.CorrectedOn <= day).Sum(c => c.Delta) - (WriteOff?.WrittenOffOn <= day ? WriteOff.Amount : 0);

    private static DateOnly DayReaching(List<(DateOnly Day, long Reached)> steps, long amount) =>
        steps.FirstOrDefault(s => s.Reached >= amount) is { Day.DayNumber: > 0 } step ? step.Day : steps[^1].Day;
}
