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
/// whose fee differs from the one in force for that month (so re-running never duplicates one, and a month whose fee did not
/// change adds nothing; a change to a month already decided is a 更正).
/// </summary>
public static class FeeDeterminations
{
    /// <summary>
    /// Determines the household's months in order and, when any changed, the months after them up to
    /// <paramref name="through"/> until one no longer changes: a fee holds until the next determination, so a corrected month
    /// would otherwise carry its new fee into later months that the correction does not decide (a 税更正 of one 年度 must not
    /// change the next 年度's September). Returns the months whose determinations changed.
    /// </summary>
    public static async Task<IReadOnlyList<DateOnly>> DetermineMonthsAsync(IDocumentSession session, FeeSettings settings, Guid householdId, IEnumerable<DateOnly> months,
        DateOnly through, FeeChangeReason reason, CancellationToken ct)
    {
        var writer = new PlacementWriter(session);
        var changed = new List<DateOnly>();
        DateOnly? last = null;
        foreach (var month in months.Order())
        {
            if (await DetermineAsync(session, writer, settings, householdId, month, reason, ct) > 0) changed.Add(month);
            last = month;
        }
        if (changed.Count == 0 || last is null) return changed;
        for (var month = last.Value.AddMonths(1); month <= through; month = month.AddMonths(1))
        {
            if (await DetermineAsync(session, writer, settings, householdId, month, FeeChangeReason.Continuation, ct) == 0) break;
            changed.Add(month);
        }
        return changed;
    }

    public static async Task<int> DetermineAsync(IDocumentSession session, PlacementWriter writer, FeeSettings settings, Guid householdId, DateOnly month,
        FeeChangeReason reason, CancellationToken ct)
    {
        var inputs = await FeeFacts.ForHouseholdAsync(session, householdId, month, ct);
        if (inputs is null || inputs.Placements.Count == 0) return 0;
        var rules = await session.FeeRulesInForceAsync(settings.RuleSet, month, ct);
        var decided = Decide(writer.WithPending(inputs), rules, month, reason);
        foreach (var (placement, determined) in decided) await writer.AppendAsync(placement, determined, ct);
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

    /// <summary>
    /// A placement that ended (退所・利用解除 backdated) keeps no fee for a month it no longer covers: a determination made for
    /// such a month is corrected to 0 (a fee in force from an earlier month does not reach months the placement does not cover).
    /// </summary>
    private static void CorrectMonthsNoLongerCovered(HouseholdFeeInputs inputs, Guid childId, DateOnly month, ChildFee quote, List<(Placement, FeeDetermined)> decided)
    {
        foreach (var ended in inputs.Placements.Where(p => p.ChildId == childId && !p.CoversMonth(month)))
        {
            if (ended.DeterminedFor(month) is not { } current || current.Fee == 0 && current.SideDishFee == 0) continue;
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

    /// <summary>
    /// After a household's fees changed for these months: what depends on them follows (nothing when none changed), through
    /// <paramref name="through"/> as well, since a changed fee holds for the months after it.
    /// </summary>
    public static OutgoingMessages FollowUp(Guid householdId, IReadOnlyCollection<DateOnly> changedMonths, DateOnly through) =>
        changedMonths.Count == 0 ? [] : [new HouseholdFeesChanged(householdId, changedMonths.Min(), changedMonths.Max() > through ? changedMonths.Max() : through)];

    public static DateOnly CurrentMonth(TimeProvider clock) => MonthOf(clock.TodayJst());
}
