namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The brute-force oracle for tiny instances (ALLOCATION.md §5.1): every assignment in which each household takes
/// one of its options or none (a household holding a seat takes one of its options or the implicit stay option,
/// never none), pruned on capacity, each judged by the independent checker.
/// </summary>
public static class BruteForceAllocator
{
    /// <summary>Refuse instances with more candidate assignments than this (Π over households of options + 1).</summary>
    public const long DefaultMaxSearchSpace = 1_000_000;

    /// <summary>Stable assignments are listed only up to this many.</summary>
    public const int MaxListedStable = 1_000;

    /// <exception cref="ArgumentException">the search space exceeds <paramref name="maxSearchSpace"/></exception>
    public static BruteForceResult Solve(AllocationInstance instance, long maxSearchSpace = DefaultMaxSearchSpace)
    {
        var compiled = InstanceCompiler.Compile(instance);
        var space = SearchSpace(compiled);
        if (space > maxSearchSpace)
            throw new ArgumentException($"The instance has {space} candidate assignments; brute force is limited to {maxSearchSpace}.", nameof(instance));
        var search = new Search(compiled);
        search.Enumerate(0);
        return search.Result();
    }

    /// <summary>Π over households of (listed options + 1): each takes an option, or none / the stay option.</summary>
    public static long SearchSpace(AllocationInstance instance) => SearchSpace(InstanceCompiler.Compile(instance));

    static long SearchSpace(CompiledInstance instance)
    {
        long space = 1;
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            space *= instance.ListedOptions[h] + 1;
            if (space > long.MaxValue / 64) return long.MaxValue;
        }
        return space;
    }

    sealed class Search(CompiledInstance instance)
    {
        readonly int[] assignment = new int[instance.HouseholdCount];
        readonly int[] load = new int[instance.CellCount];
        readonly List<IReadOnlyList<int>> stable = [];
        long feasible;
        int stableCount;
        int? maxPlaced;
        int minBlocking = int.MaxValue;

        public void Enumerate(int household)
        {
            if (household == instance.HouseholdCount)
            {
                Judge();
                return;
            }
            for (var option = 0; option < instance.OptionCount(household); option++)
            {
                if (!TryTake(household, option)) continue;
                assignment[household] = option;
                Enumerate(household + 1);
                Give(household, option);
            }
            if (instance.HasStayOption(household)) return;
            assignment[household] = -1;
            Enumerate(household + 1);
        }

        bool TryTake(int household, int option)
        {
            var o = instance.OptionStart[household] + option;
            int start = instance.EntryStart[o], end = instance.EntryStart[o + 1];
            for (var e = start; e < end; e++)
            {
                if (++load[instance.EntryCell[e]] <= instance.Capacity[instance.EntryCell[e]]) continue;
                for (var undo = start; undo <= e; undo++) load[instance.EntryCell[undo]]--;
                return false;
            }
            return true;
        }

        void Give(int household, int option)
        {
            var o = instance.OptionStart[household] + option;
            for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++) load[instance.EntryCell[e]]--;
        }

        void Judge()
        {
            feasible++;
            var check = AllocationChecker.Check(instance, assignment);
            minBlocking = Math.Min(minBlocking, check.Report.BlockingCoalitions);
            if (check.Report.BlockingCoalitions > 0) return;
            stableCount++;
            var placed = 0;
            for (var child = 0; child < instance.ChildCount; child++)
                if (ChildOutcomes.Kind(instance, check.Occupancy, child) == OutcomeKind.Placed) placed++;
            maxPlaced = Math.Max(maxPlaced ?? 0, placed);
            if (stableCount <= MaxListedStable) stable.Add(OptionVector.ToInstanceOrder(instance, assignment));
        }

        public BruteForceResult Result() =>
            new(feasible, stableCount > 0, stableCount, maxPlaced, minBlocking, stableCount <= MaxListedStable ? stable : null);
    }
}

/// <summary>What brute force found.</summary>
/// <param name="FeasibleAssignments">assignments within capacity (each judged by the checker)</param>
/// <param name="StableCount">feasible assignments with no blocking coalition</param>
/// <param name="MaxPlacedAmongStable">
/// the most children placed by a stable assignment, null when none is stable. A child counts as placed when it
/// gets a seat other than the one it holds (<see cref="OutcomeKind.Placed"/>): kept 転園 applicants do not count.
/// </param>
/// <param name="MinBlockingCoalitions">the fewest blocking coalitions (household, option pairs) over feasible assignments</param>
/// <param name="StableAssignments">
/// each stable assignment as one option index per household in instance order (Options.Count = implicit stay,
/// -1 = none), in enumeration order; null when there are more than <see cref="BruteForceAllocator.MaxListedStable"/>
/// </param>
public sealed record BruteForceResult(
    long FeasibleAssignments,
    bool AnyStable,
    int StableCount,
    int? MaxPlacedAmongStable,
    int MinBlockingCoalitions,
    IReadOnlyList<IReadOnlyList<int>>? StableAssignments);
