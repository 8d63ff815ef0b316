namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The tentative holders of every cell during PO-DA, as keys sorted best first. All cells share one
/// pooled array; a cell's slice is as long as the fewer of its capacity and its applicant entries.
/// </summary>
internal sealed class CellHolders
{
    readonly int[] pool;
    readonly int[] start;
    readonly int[] slots;
    readonly int[] count;

    public CellHolders(CompiledInstance instance)
    {
        var entries = new int[instance.CellCount];
        foreach (var cell in instance.EntryCell) entries[cell]++;
        slots = new int[instance.CellCount];
        start = new int[instance.CellCount];
        count = new int[instance.CellCount];
        long total = 0;
        for (var cell = 0; cell < slots.Length; cell++)
        {
            slots[cell] = Math.Min(instance.Capacity[cell], entries[cell]);
            start[cell] = (int)total;
            total += slots[cell];
        }
        pool = new int[total];
    }

    public int Count(int cell) => count[cell];

    public int Worst(int cell) => pool[start[cell] + count[cell] - 1];

    /// <summary>How many holders have a key better (smaller) than <paramref name="key"/>.</summary>
    public int CountBetter(int cell, int key)
    {
        var found = Array.BinarySearch(pool, start[cell], count[cell], key);
        return (found >= 0 ? found : ~found) - start[cell];
    }

    public void Insert(int cell, int key)
    {
        if (count[cell] == slots[cell]) throw new InvalidOperationException($"Cell {cell} is over its capacity.");
        var end = start[cell] + count[cell];
        var at = ~Array.BinarySearch(pool, start[cell], count[cell], key);
        Array.Copy(pool, at, pool, at + 1, end - at);
        pool[at] = key;
        count[cell]++;
    }

    public void Remove(int cell, int key)
    {
        var end = start[cell] + count[cell];
        var at = Array.BinarySearch(pool, start[cell], count[cell], key);
        Array.Copy(pool, at + 1, pool, at, end - at - 1);
        count[cell]--;
    }
}
