using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// Who sits where in a final assignment, rebuilt from the option vector alone (not from the allocator's
/// state): each child's cell, and each cell's occupants as keys sorted best first.
/// </summary>
internal sealed class Occupancy
{
    readonly int[] start;
    readonly int[] keys;

    Occupancy(int[] childCell, int[] start, int[] keys)
    {
        ChildCell = childCell;
        this.start = start;
        this.keys = keys;
    }

    /// <summary>The cell each child sits in, or -1.</summary>
    public int[] ChildCell { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Occupancy Of(CompiledInstance instance, int[] assignment)
    {
        var childCell = new int[instance.ChildCount];
        Array.Fill(childCell, -1);
        var start = new int[instance.CellCount + 1];
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            if (assignment[h] < 0) continue;
            var o = instance.OptionStart[h] + assignment[h];
            for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
            {
                childCell[instance.EntryChild[e]] = instance.EntryCell[e];
                start[instance.EntryCell[e] + 1]++;
            }
        }
        for (var cell = 0; cell < instance.CellCount; cell++) start[cell + 1] += start[cell];
        var fill = (int[])start.Clone();
        var keys = new int[start[instance.CellCount]];
        for (var child = 0; child < childCell.Length; child++)
            if (childCell[child] >= 0) keys[fill[childCell[child]]++] = instance.Key(child, childCell[child]);
        for (var cell = 0; cell < instance.CellCount; cell++)
            if (start[cell + 1] - start[cell] > 1) Array.Sort(keys, start[cell], start[cell + 1] - start[cell]);
        return new Occupancy(childCell, start, keys);
    }

    public int Count(int cell) => start[cell + 1] - start[cell];

    /// <summary>The key of the worst occupant (the last admitted child); only when <see cref="Count"/> &gt; 0.</summary>
    public int WorstKey(int cell) => keys[start[cell + 1] - 1];

    /// <summary>The key of the worst occupant outside the household, or -1 when there is none.</summary>
    public int WorstKeyOutside(CompiledInstance instance, int household, int cell)
    {
        for (var i = start[cell + 1] - 1; i >= start[cell]; i--)
            if (instance.ChildHousehold[instance.ChildOfKey(keys[i])] != household) return keys[i];
        return -1;
    }

    /// <summary>The key of the i-th best occupant.</summary>
    public int KeyAt(int cell, int index) => keys[start[cell] + index];

    public int CountBetter(int cell, int key)
    {
        var found = Array.BinarySearch(keys, start[cell], Count(cell), key);
        return (found >= 0 ? found : ~found) - start[cell];
    }

    /// <summary>
    /// Occupants of the cell outside the household whose key is better than <paramref name="key"/>: the
    /// left-hand count of the blocking condition.
    /// </summary>
    public int OthersBetter(CompiledInstance instance, int household, int cell, int key)
    {
        var others = CountBetter(cell, key);
        for (var c = instance.ChildStart[household]; c < instance.ChildStart[household + 1]; c++)
            if (ChildCell[c] == cell && instance.Key(c, cell) < key) others--;
        return others;
    }
}
