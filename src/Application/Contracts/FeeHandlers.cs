using KosodateShien.Application.Charges;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Registry;
using Marten;
using Wolverine;

namespace KosodateShien.Application.Contracts;

public static class DetermineHouseholdFeesHandler
{
    /// <summary>Determines the household's months and, when any fee changed, tells what depends on them (延長保育料, charges).</summary>
    public static async Task<OutgoingMessages> Handle(DetermineHouseholdFees message, IDocumentSession session, FeeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var through = Later(FeeDeterminations.CurrentMonth(clock), message.ToMonth);
        var changed = await FeeDeterminations.DetermineMonthsAsync(session, settings, message.HouseholdId, Months(message.FromMonth, message.ToMonth), through,
            message.Reason, ct);
        return FeeDeterminations.FollowUp(message.HouseholdId, changed, through);
    }

    private static IEnumerable<DateOnly> Months(DateOnly from, DateOnly to)
    {
        for (var month = from; month <= to; month = month.AddMonths(1)) yield return month;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}

public static class DetermineMonthlyFeesHandler
{
    /// <summary>Recorded as the user on events of a run nobody started by hand (the scheduler, the demo seeder).</summary>
    public const string SystemUser = "system:monthly-fee-run";

    /// <summary>
    /// Every household with a placement covering the month gets its fees determined; in April the placements running on
    /// 1 April move up a class first. Safe to run again: unchanged fees append nothing. Runs in bulk, in chunks that commit
    /// on their own (<see cref="MonthlyFeeDetermination"/>); this session only lends its user, correlation and causation.
    /// </summary>
    public static async Task Handle(DetermineMonthlyFees message, IDocumentSession session, FeeSettings settings, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(session.LastModifiedBy)) session.LastModifiedBy = SystemUser;
        await MonthlyFeeDetermination.RunAsync(session, settings, message.Month, MonthlyFeeDeterminationOptions.Default, ct);
    }
}

public static class TaxYearChangedHandler
{
    /// <summary>税更正: recompute, in the households where the person is a guardian now, every month up to this one that the 年度 decides.</summary>
    public static async Task<OutgoingMessages> Handle(TaxYearChanged message, IDocumentSession session, FeeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var membership = await session.LoadAsync<PersonMembership>(message.PersonId, ct);
        if (membership?.HouseholdId is not { } household || membership.Role != HouseholdRole.Guardian) return [];
        var current = FeeDeterminations.CurrentMonth(clock);
        var changed = await FeeDeterminations.DetermineMonthsAsync(session, settings, household,
            FeeDeterminations.MonthsDecidedByTaxYear(message.FiscalYear).Where(m => m <= current), current, FeeChangeReason.TaxCorrection, ct);
        return FeeDeterminations.FollowUp(household, changed, current);
    }
}
