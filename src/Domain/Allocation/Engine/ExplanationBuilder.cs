using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// 保留 / 不承諾 理由 (ALLOCATION.md §3.6), derived from the final state only: for every child and every option its
/// household listed above the granted one, one entry about the child's cell in that option.
/// <list type="bullet">
/// <item>The household blocks with the option (checker) → <see cref="ExplanationCode.StaffReview"/>.</item>
/// <item>The option does not seat the child → <see cref="ExplanationCode.SiblingRule"/> naming the first member whose
/// cell refused it; the entry shows that member's facility and class.</item>
/// <item>No seats in the class → <see cref="ExplanationCode.NoVacancy"/>.</item>
/// <item>The class is full with better keys even for the child alone → compared with the last admitted child
/// there: <see cref="ExplanationCode.OutOfArea"/> (lower tier), <see cref="ExplanationCode.Cutoff"/> (higher 指数, or a
/// holder), <see cref="ExplanationCode.TieBreak"/> (same 指数); a kept 転園 applicant gets
/// <see cref="ExplanationCode.TransferKept"/> instead of Cutoff or TieBreak.</item>
/// <item>Otherwise the child would fit by itself but another member does not (at its own cell, or beside the child
/// when both need the same class) → <see cref="ExplanationCode.SiblingRule"/> naming that member.</item>
/// </list>
/// Only the child's own household is ever named; other children appear as their 指数 and the deciding key step.
/// </summary>
internal sealed class ExplanationBuilder(CompiledInstance instance, int[] assignment, CheckOutcome check)
{
    readonly Occupancy occupancy = check.Occupancy;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<Explanation> Build()
    {
        var explanations = new List<Explanation>();
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            var above = assignment[h] < 0 ? instance.ListedOptions[h] : Math.Min(assignment[h], instance.ListedOptions[h]);
            for (var option = 0; option < above; option++)
                for (var child = instance.ChildStart[h]; child < instance.ChildStart[h + 1]; child++)
                    explanations.Add(Explain(h, option, child));
        }
        return explanations;
    }

    Explanation Explain(int household, int option, int child)
    {
        var o = instance.OptionStart[household] + option;
        var cell = instance.CellIn(o, child);
        if (check.BlockingOption[o])
            return Entry(child, option, cell >= 0 ? cell : instance.EntryCell[instance.EntryStart[o]], ExplanationCode.StaffReview);
        if (cell < 0)
        {
            var blocker = FirstMemberRefused(household, o, except: child);
            if (blocker < 0) throw new InvalidOperationException($"Option {option + 1} of household {instance.Household(household).Id} neither blocks nor fails.");
            return Entry(child, option, instance.CellIn(o, blocker), ExplanationCode.SiblingRule, blockingChild: blocker);
        }
        if (instance.Capacity[cell] == 0) return Entry(child, option, cell, ExplanationCode.NoVacancy);

        var key = instance.Key(child, cell);
        if (occupancy.OthersBetter(instance, household, cell, key) + 1 > instance.Capacity[cell])
            return CutoffEntry(household, option, child, cell);

        var sibling = FirstMemberRefused(household, o, except: child);
        if (sibling < 0) sibling = BestOtherMemberAt(o, cell, child);
        return Entry(child, option, cell, ExplanationCode.SiblingRule, blockingChild: sibling);
    }

    Explanation CutoffEntry(int household, int option, int child, int cell)
    {
        var lastAdmitted = instance.ChildOfKey(occupancy.WorstKey(cell));
        var winner = instance.Household(instance.ChildHousehold[lastAdmitted]);
        var own = instance.Household(household);
        var code = winner.Tier < own.Tier ? ExplanationCode.OutOfArea
            : winner.Tier == own.Tier && winner.Score == own.Score ? ExplanationCode.TieBreak
            : ExplanationCode.Cutoff;
        if (code != ExplanationCode.OutOfArea && ChildOutcomes.Kind(instance, occupancy, child) == OutcomeKind.TransferKept)
            code = ExplanationCode.TransferKept;
        return Entry(child, option, cell, code, winner.Score, PriorityOrder.DecidingStep(instance, lastAdmitted, child, cell));
    }

    /// <summary>The first member (in application order) that the option's cell would not admit together with the members before it there.</summary>
    int FirstMemberRefused(int household, int o, int except)
    {
        var first = -1;
        for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
        {
            var member = instance.EntryChild[e];
            if (member == except || (first >= 0 && member > first)) continue;
            if (!AdmittedWithSiblings(household, o, member, instance.EntryCell[e])) first = member;
        }
        return first;
    }

    bool AdmittedWithSiblings(int household, int o, int member, int cell)
    {
        var key = instance.Key(member, cell);
        var ahead = occupancy.OthersBetter(instance, household, cell, key);
        for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
            if (instance.EntryCell[e] == cell && instance.Key(instance.EntryChild[e], cell) <= key) ahead++;
        return ahead <= instance.Capacity[cell];
    }

    /// <summary>A member applying to the same class with a better key: the sibling that takes the seat the child would need.</summary>
    int BestOtherMemberAt(int o, int cell, int child)
    {
        var best = -1;
        for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
        {
            var member = instance.EntryChild[e];
            if (instance.EntryCell[e] != cell || member == child) continue;
            if (best < 0 || instance.Key(member, cell) < instance.Key(best, cell)) best = member;
        }
        if (best >= 0) return best;
        throw new InvalidOperationException("A child refused beside its siblings must share the class with one of them.");
    }

    Explanation Entry(int child, int option, int cell, ExplanationCode code, decimal? cutoffScore = null, string? decidingStep = null, int blockingChild = -1) =>
        new(instance.Child(child).Id,
            instance.FacilityId(cell),
            option + 1,
            code,
            cell % CompiledInstance.ClassCount,
            instance.Capacity[cell],
            instance.Household(instance.ChildHousehold[child]).Score,
            cutoffScore,
            decidingStep,
            blockingChild < 0 ? null : instance.Child(blockingChild).Id);
}
