using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Wolverine;

namespace KosodateShien.Application.Charges;

/// <summary>
/// A household's 利用者負担額 determinations changed outside the monthly run (入所, 退所, 税更正, 減免, 異動): what depends on them
/// follows — the 延長保育料 already determined for those months (they read the 階層) and the charges already handed to collection.
/// </summary>
public sealed record HouseholdFeesChanged(Guid HouseholdId, DateOnly FromMonth, DateOnly ToMonth);

public static class HouseholdFeesChangedHandler
{
    public static async Task<OutgoingMessages> Handle(HouseholdFeesChanged message, IQuerySession session, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var contracts = await session.Query<ExtendedCareContract>().Where(c => c.HouseholdId == message.HouseholdId).ToListAsync(ct);
        foreach (var contract in contracts)
        {
            var months = contract.Fees.Select(f => f.Month).Where(m => m >= message.FromMonth && m <= message.ToMonth).ToList();
            if (months.Count > 0) messages.Add(new DetermineExtendedCareFees(contract.Id, months.Min(), months.Max(), ExtendedCareFeeReason.Redetermination));
        }
        messages.Add(new ReissueChargeNotices(message.HouseholdId, message.FromMonth, message.ToMonth));
        return messages;
    }
}
