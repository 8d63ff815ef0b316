using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// PO-DA (ALLOCATION.md §3.2) and the blocking-coalition repair loop (§3.3). Households propose their options
/// in 選考順 from a priority queue; an option is accepted when each member is within the capacity of its cell
/// among the tentative holders there plus the household's own members; the worst holders over capacity are
/// evicted with their whole option and propose their next one. A held seat is an ordinary seat whose holder
/// comes first, so 玉突き chains need no special code.
/// </summary>
internal sealed class PriorityOrderedDeferredAcceptance
{
    readonly CompiledInstance instance;
    readonly CellHolders holders;
    readonly int[] current;
    readonly int[] next;
    readonly PriorityQueue<int, int> queue;
    ulong assignmentHash;

    public PriorityOrderedDeferredAcceptance(CompiledInstance instance)
    {
        this.instance = instance;
        holders = new CellHolders(instance);
        current = new int[instance.HouseholdCount];
        next = new int[instance.HouseholdCount];
        Array.Fill(current, -1);
        queue = new PriorityQueue<int, int>(instance.HouseholdCount);
    }

    /// <summary>Each household's option (index among its options; -1 = none).</summary>
    public int[] Assignment => (int[])current.Clone();

    /// <summary>
    /// DA for single-child households first, then the sibling households join in 選考順 (the sorted/extended
    /// SDA order of Ashlagi et al. and Sun et al.): a single child's rejection then reflects seats that stay taken,
    /// not seats a sibling group holds only until it moves as a whole.
    /// </summary>
    public void RunDeferredAcceptance()
    {
        for (var household = 0; household < instance.HouseholdCount; household++)
            if (instance.MemberCount(household) == 1) queue.Enqueue(household, household);
        DrainQueue();
        for (var household = 0; household < instance.HouseholdCount; household++)
            if (instance.MemberCount(household) > 1) queue.Enqueue(household, household);
        DrainQueue();
    }

    /// <summary>
    /// Repeatedly moves the first household (scanning in 選考順, wrapping around) that has a blocking option to
    /// its best one, then lets the evicted households re-propose, until a whole scan finds none. Gives up
    /// (cycled) when an assignment repeats at the same scan position or the budget of steps is spent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RepairOutcome Repair(long budget)
    {
        var seen = new HashSet<ulong>();
        int steps = 0, position = 0, clean = 0;
        while (clean < instance.HouseholdCount)
        {
            var option = FirstBlockingOption(position);
            if (option < 0)
            {
                clean++;
                position = position + 1 == instance.HouseholdCount ? 0 : position + 1;
                continue;
            }
            if (steps >= budget) return new RepairOutcome(steps, Cycled: true);
            steps++;
            if (current[position] >= 0) Release(position);
            Place(position, option);
            DrainQueue();
            if (!seen.Add(assignmentHash ^ ScanPositionHash(position))) return new RepairOutcome(steps, Cycled: true);
            clean = 0;
        }
        return new RepairOutcome(steps, Cycled: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void DrainQueue()
    {
        while (queue.TryDequeue(out var household, out _))
        {
            var options = instance.OptionCount(household);
            while (next[household] < options)
            {
                var option = next[household]++;
                if (!Fits(household, option)) continue;
                Place(household, option);
                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int FirstBlockingOption(int household)
    {
        var better = current[household] < 0 ? instance.OptionCount(household) : current[household];
        for (var option = 0; option < better; option++)
            if (Fits(household, option)) return option;
        return -1;
    }

    /// <summary>
    /// Whether every member of the option is within capacity at its cell among the holders outside the household
    /// plus the household's members applying there (the blocking condition of §3.5 when the option is better).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Fits(int household, int option)
    {
        var o = instance.OptionStart[household] + option;
        int e = instance.EntryStart[o], end = instance.EntryStart[o + 1];
        while (e < end)
        {
            var cell = instance.EntryCell[e];
            var groupEnd = instance.GroupEnd(e, end);
            var worst = 0;
            for (var k = e; k < groupEnd; k++) worst = Math.Max(worst, instance.Key(instance.EntryChild[k], cell));
            var better = holders.CountBetter(cell, worst) - OwnHoldersBetter(household, cell, worst);
            if (better + (groupEnd - e) > instance.Capacity[cell]) return false;
            e = groupEnd;
        }
        return true;
    }

    int OwnHoldersBetter(int household, int cell, int key)
    {
        if (current[household] < 0) return 0;
        var o = instance.OptionStart[household] + current[household];
        var own = 0;
        for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
            if (instance.EntryCell[e] == cell && instance.Key(instance.EntryChild[e], cell) < key) own++;
        return own;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Place(int household, int option)
    {
        var o = instance.OptionStart[household] + option;
        int e = instance.EntryStart[o], end = instance.EntryStart[o + 1];
        while (e < end)
        {
            var cell = instance.EntryCell[e];
            var groupEnd = instance.GroupEnd(e, end);
            while (holders.Count(cell) + (groupEnd - e) > instance.Capacity[cell])
                Evict(instance.ChildHousehold[instance.ChildOfKey(holders.Worst(cell))]);
            for (var k = e; k < groupEnd; k++) holders.Insert(cell, instance.Key(instance.EntryChild[k], cell));
            e = groupEnd;
        }
        SetCurrent(household, option);
        next[household] = option + 1;
    }

    void Evict(int household)
    {
        Release(household);
        queue.Enqueue(household, household);
    }

    void Release(int household)
    {
        var o = instance.OptionStart[household] + current[household];
        for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
            holders.Remove(instance.EntryCell[e], instance.Key(instance.EntryChild[e], instance.EntryCell[e]));
        SetCurrent(household, -1);
    }

    void SetCurrent(int household, int option)
    {
        assignmentHash ^= Zobrist(household, current[household]) ^ Zobrist(household, option);
        current[household] = option;
    }

    static ulong Zobrist(int household, int option) =>
        option < 0 ? 0UL : Mix(((ulong)(uint)household << 32) | (uint)option);

    // Household number uint.MaxValue never occurs, so this cannot cancel a household's term.
    static ulong ScanPositionHash(int position) => Mix(((ulong)uint.MaxValue << 32) | (uint)position);

    /// <summary>SplitMix64 finaliser.</summary>
    static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

internal readonly record struct RepairOutcome(int Steps, bool Cycled);
