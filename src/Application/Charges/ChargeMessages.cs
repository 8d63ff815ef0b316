using KosodateShien.Domain.Charges;
using Wolverine;

namespace KosodateShien.Application.Charges;

/// <summary>
/// Hand a month's charges to collection: for every payer × 科目 whose amount changed since the last notice (or all of
/// one household's, after a correction), append a notice revision and publish <see cref="ChargeReadyForCollection"/>.
/// </summary>
public sealed record IssueChargeNotices(DateOnly Month, Guid? HouseholdId = null);

/// <summary>
/// A household's fees changed for a range of months (a 更正, a new or ended contract): months up to the current one are
/// notified again now; later months are notified by their own monthly run.
/// </summary>
public sealed record ReissueChargeNotices(Guid HouseholdId, DateOnly FromMonth, DateOnly ToMonth);

/// <summary>
/// Integration message to 納付管理: raise or correct the 調定 for this payer × month × 科目. <c>NoticeId</c> + <c>Revision</c>
/// identify it, so a receiver that sees a revision twice can ignore the second.
/// </summary>
public sealed record ChargeReadyForCollection(Guid NoticeId, int Revision, Guid PayerId, Guid HouseholdId, DateOnly Month, ChargeSubject Subject,
    long Amount, long? Replaces);

/// <summary>
/// Integration message to 納付管理 from the monthly run: a batch of <see cref="ChargeReadyForCollection"/> (at most
/// <see cref="BatchSize"/>) to raise or correct in one transaction, so that a month of a city's payers is a few dozen
/// messages rather than a hundred thousand.
/// </summary>
public sealed record ChargesReadyForCollection(DateOnly Month, IReadOnlyList<ChargeReadyForCollection> Notices)
{
    public const int BatchSize = 2_000;
}

/// <summary>One child's amount under one 科目, for the payer who owes it.</summary>
public sealed record PayerCharge(Guid PayerId, Guid HouseholdId, ChargeSubject Subject, ChargeLine Line);

public static class ChargeFollowUp
{
    /// <summary>The notices to revisit after fees of these months changed for a household (none when nothing changed).</summary>
    public static OutgoingMessages After(Guid householdId, IEnumerable<DateOnly> changedMonths)
    {
        var months = changedMonths.ToList();
        var messages = new OutgoingMessages();
        if (months.Count > 0) messages.Add(new ReissueChargeNotices(householdId, months.Min(), months.Max()));
        return messages;
    }
}
