using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using Marten;

namespace KosodateShien.Application.ExtendedCare;

/// <summary>
/// What a 延長保育料 determination reads, cached for one command or job: the rule version in force per month, the placements,
/// and the household's 階層 as the placement's latest 利用者負担額決定 (FeeDetermined) for the month recorded it.
/// </summary>
public sealed class ExtendedCareFeeContext(IQuerySession session)
{
    private IReadOnlyList<ExtendedCareRuleSet>? versions;
    private readonly Dictionary<Guid, Placement?> placements = [];
    private readonly Dictionary<Guid, IReadOnlyList<JasperFx.Events.IEvent>> placementEvents = [];

    public async Task<ExtendedCareRuleSet> RulesAsync(DateOnly month, CancellationToken ct) =>
        ExtendedCareRuleSet.InForceOn(versions ??= await session.ExtendedCareRuleVersionsAsync(ct), month);

    public async Task<Placement?> PlacementAsync(Guid id, CancellationToken ct)
    {
        if (!placements.TryGetValue(id, out var placement)) placements[id] = placement = await session.LoadAsync<Placement>(id, ct);
        return placement;
    }

    /// <summary>The 階層, 生活保護・非課税 and 子の順位 of the placement's 利用者負担額決定 in force for the month; null when none exists yet.</summary>
    public async Task<HouseholdTier?> TierAsync(Guid placementId, DateOnly month, CancellationToken ct)
    {
        if (!placementEvents.TryGetValue(placementId, out var events))
            placementEvents[placementId] = events = await session.Events.FetchStreamAsync(placementId, token: ct);
        // The determination in force: the latest made for the month or, failing that, for the nearest month before it.
        (FeeDetermined Determined, long Version)? inForce = null;
        foreach (var e in events)
            if (e.Data is FeeDetermined d && d.Month <= month && (inForce is null || d.Month >= inForce.Value.Determined.Month))
                inForce = (d, e.Version);
        return inForce is { } found ? HouseholdTier.From(found.Determined.Quote, placementId, month, found.Version) : null;
    }
}

/// <summary>
/// 延長保育料決定: computes a contract's fee for months with the rules in force on each month's first day and returns a
/// determination for each month whose fee differs from the one in force (so re-running appends nothing; a change is a 更正).
/// </summary>
public static class ExtendedCareFeeDeterminations
{
    /// <summary>
    /// Determinations for <paramref name="from"/>..<paramref name="to"/> (first days). A month that cannot be computed yet (日単位
    /// without 利用実績, or no 利用者負担額決定 for the month) is skipped, unless <paramref name="strict"/>, which refuses it with the rule.
    /// </summary>
    public static async Task<IReadOnlyList<ExtendedCareFeeDetermined>> DetermineAsync(ExtendedCareContract contract, DateOnly from, DateOnly to,
        ExtendedCareFeeReason reason, ExtendedCareFeeContext context, CancellationToken ct, bool strict = false)
    {
        var determined = new List<ExtendedCareFeeDetermined>();
        if (contract.Status is not (ExtendedCareStatus.Contracted or ExtendedCareStatus.Ended))
        {
            if (strict) throw new DomainRuleException("extended-care.not-contracted", $"延長保育 {contract.ApplicationNumber} has no contract ({contract.Status}).");
            return determined;
        }
        var placement = await context.PlacementAsync(contract.PlacementId, ct)
            ?? throw new InvalidOperationException($"Placement {contract.PlacementId} of 延長保育 {contract.ApplicationNumber} does not exist.");
        var coveredFrom = contract.StartsOn!.Value > placement.StartsOn ? contract.StartsOn.Value : placement.StartsOn;
        var coveredUntil = placement.EndsOn is { } last && last < contract.EndsOn!.Value ? last : contract.EndsOn!.Value;

        var state = contract;
        for (var month = FeeDeterminations.MonthOf(from); month <= to; month = month.AddMonths(1))
        {
            var covered = ExtendedCareFees.CoveredDays(month, coveredFrom, coveredUntil) > 0;
            var usage = state.UsageFor(month);
            HouseholdTier? tier = null;
            if (covered)
            {
                if (state.FeeSystem == ExtendedCareFeeSystem.Daily && usage is null && !strict) continue;
                tier = await context.TierAsync(placement.Id, month, ct);
                if (tier is null && !strict) continue;
            }
            var rules = await context.RulesAsync(month, ct);
            var quote = ExtendedCareFees.Quote(rules, new ExtendedCareFeeInput(month, state.FeeSystem, state.ClassAge, coveredFrom, coveredUntil, tier, usage));
            if (state.Determine(month, quote, reason) is not { } e) continue;
            determined.Add(e);
            state = ExtendedCareContract.Evolve(state, e)!;
        }
        return determined;
    }

    /// <summary>The months the contract covers from its start up to the current month (a contract's first determination).</summary>
    public static (DateOnly From, DateOnly To) ContractedMonths(ExtendedCareContract contract, TimeProvider clock)
    {
        var from = FeeDeterminations.MonthOf(contract.StartsOn!.Value);
        var end = FeeDeterminations.MonthOf(contract.EndsOn!.Value);
        var current = FeeDeterminations.CurrentMonth(clock);
        return (from, end < current ? end : current);
    }

    /// <summary>After 利用終了: from the last day's month through the last month already charged.</summary>
    public static (DateOnly From, DateOnly To) MonthsAfterEnding(ExtendedCareContract contract, DateOnly lastDay)
    {
        var from = FeeDeterminations.MonthOf(lastDay);
        var charged = contract.Fees.Count == 0 ? from : contract.Fees.Max(f => f.Month);
        return (from, charged > from ? charged : from);
    }
}
