using KosodateShien.Application.Charges;
using KosodateShien.Application.Fees;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using Marten;
using Wolverine;

namespace KosodateShien.Application.Contracts;

/// <summary>Which fee rule set the municipality applies (configuration <c>Fees:RuleSet</c>, "national" by default).</summary>
public sealed record FeeSettings(string RuleSet);

/// <summary>
/// 利用者負担額決定: computes a household's fees for a month with the engine and appends a determination to each placement
/// whose fee differs from the one in force for that month (so re-running never duplicates one; a change is a 更正).
/// </summary>
public static class FeeDeterminations
{
    public static async Task<int> DetermineAsync(IDocumentSession session, PlacementWriter writer, FeeSettings settings, Guid householdId, DateOnly month,
        FeeChangeReason reason, CancellationToken ct)
    {
        var inputs = await FeeFacts.ForHouseholdAsync(session, householdId, month, ct);
        if (inputs is null || inputs.Placements.Count == 0) return 0;
        var rules = await session.FeeRulesInForceAsync(settings.RuleSet, month, ct);
        var decided = Decide(inputs, rules, month, reason);
        foreach (var (placement, determined) in decided) await writer.AppendAsync(placement.Id, determined, ct);
        return decided.Count;
    }

    /// <summary>
    /// The determinations a household's month needs, decided from its facts alone (no I/O): per child the fee of the placement
    /// covering the month when it differs from the one in force, and a 0 更正 for placements that no longer cover a month they
    /// were charged for. Each pair names the placement snapshot it was decided from (its version is the one read).
    /// </summary>
    public static IReadOnlyList<(Placement Placement, FeeDetermined Event)> Decide(HouseholdFeeInputs inputs, FeeRuleSet rules, DateOnly month, FeeChangeReason reason)
    {
        if (inputs.Placements.Count == 0) return [];
        var quotes = FeeEngine.Quote(rules, month, inputs.Household, inputs.Children);
        var decided = new List<(Placement, FeeDetermined)>();
        foreach (var quote in quotes)
        {
            var childId = Guid.ParseExact(quote.ChildId, "N");
            CorrectMonthsNoLongerCovered(inputs, childId, month, quote, decided);
            if (!inputs.PlacementByChild.TryGetValue(childId, out var placement)) continue;
            // A 税更正 corrects months already decided; it does not decide months for the first time.
            if (reason == FeeChangeReason.TaxCorrection && placement.FeeFor(month) is null) continue;
            var effectiveFrom = placement.StartsOn > month ? placement.StartsOn : month;
            var reasonForChild = placement.StartsOn >= month && placement.FeeFor(month) is null ? FeeChangeReason.Start : reason;
            if (placement.Determine(month, quote, reasonForChild, effectiveFrom) is not { } determined) continue;
            decided.Add((placement, determined));
        }
        return decided;
    }

    /// <summary>A placement that ended (退所・利用解除 backdated) keeps no fee for a month it no longer covers: 更正 to 0.</summary>
    private static void CorrectMonthsNoLongerCovered(HouseholdFeeInputs inputs, Guid childId, DateOnly month, ChildFee quote, List<(Placement, FeeDetermined)> decided)
    {
        foreach (var ended in inputs.Placements.Where(p => p.ChildId == childId && !p.CoversMonth(month)))
        {
            if (ended.FeeFor(month) is not { } current || current.Fee == 0 && current.SideDishFee == 0) continue;
            var zero = quote with { Fee = 0, SideDishFee = 0, MonthlyFee = 0 };
            decided.Add((ended, new FeeDetermined(ended.Id, month, 0, 0, month, month, FeeChangeReason.Leaving, current.Fee, current.SideDishFee, zero)));
        }
    }

    /// <summary>The months a 年度's tax decides: September of that 年度 to August of the next (REFERENCE.md §1).</summary>
    public static IEnumerable<DateOnly> MonthsDecidedByTaxYear(int fiscalYear)
    {
        for (var month = new DateOnly(fiscalYear, 9, 1); month <= new DateOnly(fiscalYear + 1, 8, 1); month = month.AddMonths(1)) yield return month;
    }

    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>The reason a month's routine determination carries.</summary>
    public static FeeChangeReason RoutineReason(DateOnly month) => month.Month switch
    {
        9 => FeeChangeReason.SeptemberSwitch,
        4 => FeeChangeReason.AprilProgression,
        _ => FeeChangeReason.Monthly,
    };

    /// <summary>After a household's fees changed for these months: what depends on them follows (nothing when none changed).</summary>
    public static OutgoingMessages FollowUp(Guid householdId, IReadOnlyCollection<DateOnly> changedMonths) =>
        changedMonths.Count == 0 ? [] : [new HouseholdFeesChanged(householdId, changedMonths.Min(), changedMonths.Max())];

    public static DateOnly CurrentMonth(TimeProvider clock) => MonthOf(clock.TodayJst());
}
