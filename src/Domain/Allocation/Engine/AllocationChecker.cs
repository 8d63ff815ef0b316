using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The independent checker (ALLOCATION.md §3.5). It looks only at the final option vector, rebuilds who sits
/// where, and counts:
/// <list type="bullet">
/// <item><b>Blocking coalitions</b>: pairs (household a, option p ranked above a's result) such that for every cell
/// (d,g) p uses, #(occupants of (d,g) outside a with a better key than a's worst member applying there)
/// + #(a's members applying there) ≤ Capacity(d,g). Counted per (household, option), as in the exact model.</item>
/// <item><b>Justified envy</b>: distinct (child c, cell (d,g)) where an option ranked above c's household's result
/// gives c that cell, c does not sit there, and some occupant there from another household has a worse key at
/// (d,g) than c.</item>
/// <item><b>Wasted seats</b>: Σ over cells of min(free seats, #children who wish for the cell), where a child wishes
/// for a cell when an option ranked above its household's result gives it that cell and it does not sit there
/// — a seat the child could take by itself, ignoring what the option asks for its siblings. For single
/// children this is zero exactly when the allocation is non-wasteful in the textbook sense.</item>
/// <item><b>IR violations</b>: children holding a seat (転園) who end with no seat at all.</item>
/// <item><b>Capacity violations</b>: cells with more occupants than seats.</item>
/// </list>
/// </summary>
internal static class AllocationChecker
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CheckOutcome Check(CompiledInstance instance, int[] assignment)
    {
        var occupancy = Occupancy.Of(instance, assignment);
        var blockingOption = new bool[instance.OptionStart[instance.HouseholdCount]];
        var coalitions = new List<BlockingCoalition>();
        var wishing = new int[instance.CellCount];
        var pairs = new List<long>();
        var envy = 0;

        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            var better = assignment[h] < 0 ? instance.OptionCount(h) : assignment[h];
            for (var option = 0; option < better; option++)
            {
                if (!Blocks(instance, occupancy, h, instance.OptionStart[h] + option)) continue;
                blockingOption[instance.OptionStart[h] + option] = true;
                coalitions.Add(new BlockingCoalition(instance.Household(h).Id, option + 1, instance.MemberCount(h) > 1));
            }
            if (better == 0) continue;
            UnmetWishes.Collect(instance, assignment, occupancy.ChildCell, h, pairs);
            foreach (var pair in pairs)
            {
                var child = UnmetWishes.ChildOf(instance, pair);
                var cell = UnmetWishes.CellOf(instance, pair);
                wishing[cell]++;
                if (occupancy.WorstKeyOutside(instance, h, cell) > instance.Key(child, cell)) envy++;
            }
        }

        int wasted = 0, overCapacity = 0, irViolations = 0;
        for (var cell = 0; cell < instance.CellCount; cell++)
        {
            var free = instance.Capacity[cell] - occupancy.Count(cell);
            if (free < 0) overCapacity++;
            else wasted += Math.Min(free, wishing[cell]);
        }
        for (var child = 0; child < instance.ChildCount; child++)
            if (instance.HeldCell[child] >= 0 && occupancy.ChildCell[child] < 0) irViolations++;

        var report = new CheckReport(coalitions.Count, envy, wasted, irViolations, overCapacity, coalitions);
        return new CheckOutcome(report, occupancy, blockingOption);
    }

    static bool Blocks(CompiledInstance instance, Occupancy occupancy, int household, int o)
    {
        int e = instance.EntryStart[o], end = instance.EntryStart[o + 1];
        while (e < end)
        {
            var cell = instance.EntryCell[e];
            var groupEnd = instance.GroupEnd(e, end);
            var worst = 0;
            for (var k = e; k < groupEnd; k++) worst = Math.Max(worst, instance.Key(instance.EntryChild[k], cell));
            if (occupancy.OthersBetter(instance, household, cell, worst) + (groupEnd - e) > instance.Capacity[cell]) return false;
            e = groupEnd;
        }
        return true;
    }
}

/// <param name="BlockingOption">per option number (all households): whether the household blocks with it</param>
internal sealed record CheckOutcome(CheckReport Report, Occupancy Occupancy, bool[] BlockingOption);
