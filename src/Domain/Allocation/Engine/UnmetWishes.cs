namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The cells a household's children wished for and did not get: every (child, cell) that some option ranked
/// above the household's result gives the child, other than the cell the child sits in now. Each pair once.
/// </summary>
internal static class UnmetWishes
{
    /// <summary>Fills <paramref name="pairs"/> with the household's pairs, encoded as child × cells + cell, sorted.</summary>
    public static void Collect(CompiledInstance instance, int[] assignment, int[] childCell, int household, List<long> pairs)
    {
        pairs.Clear();
        var better = assignment[household] < 0 ? instance.OptionCount(household) : assignment[household];
        for (var option = 0; option < better; option++)
        {
            var o = instance.OptionStart[household] + option;
            for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
            {
                var child = instance.EntryChild[e];
                var cell = instance.EntryCell[e];
                if (childCell[child] != cell) pairs.Add(Encode(instance, child, cell));
            }
        }
        if (pairs.Count < 2) return;
        pairs.Sort();
        var kept = 1;
        for (var i = 1; i < pairs.Count; i++)
            if (pairs[i] != pairs[kept - 1]) pairs[kept++] = pairs[i];
        pairs.RemoveRange(kept, pairs.Count - kept);
    }

    public static long Encode(CompiledInstance instance, int child, int cell) => (long)child * instance.CellCount + cell;
    public static int ChildOf(CompiledInstance instance, long pair) => (int)(pair / instance.CellCount);
    public static int CellOf(CompiledInstance instance, long pair) => (int)(pair % instance.CellCount);
}
