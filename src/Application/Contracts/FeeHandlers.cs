using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Application.Contracts;

public static class DetermineHouseholdFeesHandler
{
    public static async Task Handle(DetermineHouseholdFees message, IDocumentSession session, FeeSettings settings, CancellationToken ct)
    {
        var writer = new PlacementWriter(session);
        for (var month = message.FromMonth; month <= message.ToMonth; month = month.AddMonths(1))
            await FeeDeterminations.DetermineAsync(session, writer, settings, message.HouseholdId, month, message.Reason, ct);
    }
}

public static class DetermineMonthlyFeesHandler
{
    /// <summary>
    /// Every household with a placement covering the month gets its fees determined; in April the placements running on
    /// 1 April move up a class first. Safe to run again: unchanged fees append nothing.
    /// </summary>
    /// <summary>Recorded as the user on events of a run nobody started by hand (the scheduler, the demo seeder).</summary>
    public const string SystemUser = "system:monthly-fee-run";

    public static async Task Handle(DetermineMonthlyFees message, IDocumentSession session, FeeSettings settings, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(session.LastModifiedBy)) session.LastModifiedBy = SystemUser;
        var month = message.Month;
        var end = JapaneseDates.EndOfMonth(month);
        var writer = new PlacementWriter(session);
        var placements = await session.Query<Placement>().Where(p => p.StartsOn <= end && (p.EndsOn == null || p.EndsOn >= month)).ToListAsync(ct);
        if (month.Month == 4)
        {
            var births = (await session.LoadManyAsync<Person>(ct, placements.Select(p => p.ChildId).Distinct())).ToDictionary(p => p.Id, p => p.BirthDate);
            foreach (var placement in placements)
                if (births.TryGetValue(placement.ChildId, out var birth) && placement.ProgressClass(month.Year, birth) is { } progressed)
                    await writer.AppendAsync(placement.Id, progressed, ct);
        }
        var households = await CurrentHouseholdsAsync(session, placements.Select(p => p.ChildId), ct);
        foreach (var household in households)
            await FeeDeterminations.DetermineAsync(session, writer, settings, household, month, FeeDeterminations.RoutineReason(month), ct);
    }

    public static async Task<IReadOnlyList<Guid>> CurrentHouseholdsAsync(IQuerySession session, IEnumerable<Guid> children, CancellationToken ct) =>
        [.. (await session.LoadManyAsync<PersonMembership>(ct, children.Distinct())).Where(m => m.HouseholdId is not null).Select(m => m.HouseholdId!.Value).Distinct().Order()];
}

public static class TaxYearChangedHandler
{
    /// <summary>税更正: recompute, in the households where the person is a guardian now, every month up to this one that the 年度 decides.</summary>
    public static async Task Handle(TaxYearChanged message, IDocumentSession session, FeeSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var membership = await session.LoadAsync<PersonMembership>(message.PersonId, ct);
        if (membership?.HouseholdId is not { } household || membership.Role != HouseholdRole.Guardian) return;
        var current = FeeDeterminations.CurrentMonth(clock);
        var writer = new PlacementWriter(session);
        foreach (var month in FeeDeterminations.MonthsDecidedByTaxYear(message.FiscalYear).Where(m => m <= current))
            await FeeDeterminations.DetermineAsync(session, writer, settings, household, month, FeeChangeReason.TaxCorrection, ct);
    }
}
