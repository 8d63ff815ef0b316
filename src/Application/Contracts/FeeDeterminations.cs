using KosodateShien.Application.Fees;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using Marten;

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
        var quotes = FeeEngine.Quote(rules, month, inputs.Household, inputs.Children);

        var appended = 0;
        foreach (var quote in quotes)
        {
            var childId = Guid.ParseExact(quote.ChildId, "N");
            appended += await CorrectMonthsNoLongerCoveredAsync(writer, inputs, childId, month, quote, ct);
            if (!inputs.PlacementByChild.TryGetValue(childId, out var placement)) continue;
            // A 税更正 corrects months already decided; it does not decide months for the first time.
            if (reason == FeeChangeReason.TaxCorrection && placement.FeeFor(month) is null) continue;
            var effectiveFrom = placement.StartsOn > month ? placement.StartsOn : month;
            var reasonForChild = placement.StartsOn >= month && placement.FeeFor(month) is null ? FeeChangeReason.Start : reason;
            if (placement.Determine(month, quote, reasonForChild, effectiveFrom) is not { } determined) continue;
            await writer.AppendAsync(placement.Id, determined, ct);
            appended++;
        }
        return appended;
    }

    /// <summary>A placement that ended (退所・利用解除 backdated) keeps no fee for a month it no longer covers: 更正 to 0.</summary>
    private static async Task<int> CorrectMonthsNoLongerCoveredAsync(PlacementWriter writer, HouseholdFeeInputs inputs, Guid childId, DateOnly month, ChildFee quote, CancellationToken ct)
    {
        var appended = 0;
        foreach (var ended in inputs.Placements.Where(p => p.ChildId == childId && !p.CoversMonth(month)))
        {
            if (ended.FeeFor(month) is not { } current || current.Fee == 0 && current.SideDishFee == 0) continue;
            var zero = quote with { Fee = 0, SideDishFee = 0, MonthlyFee = 0 };
            await writer.AppendAsync(ended.Id, new FeeDetermined(ended.Id, month, 0, 0, month, month, FeeChangeReason.Leaving, current.Fee, current.SideDishFee, zero), ct);
            appended++;
        }
        return appended;
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

    public static DateOnly CurrentMonth(TimeProvider clock) => MonthOf(clock.TodayJst());
}
