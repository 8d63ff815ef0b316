using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// ボーダー per facility × class that has a seat or an applicant, in facility order: capacity, admitted, turned away
/// (children for whom an option above their result gave this class and who do not sit there), the last admitted
/// child's 指数 and tier, and the key step that separated it from the best child turned away with a worse key.
/// </summary>
internal static class CutoffTable
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<Cutoff> Build(CompiledInstance instance, int[] assignment, Occupancy occupancy)
    {
        var applied = new bool[instance.CellCount];
        foreach (var cell in instance.EntryCell) applied[cell] = true;
        var turnedAway = new int[instance.CellCount];
        var bestBelowCutoff = new int[instance.CellCount];
        Array.Fill(bestBelowCutoff, int.MaxValue);

        var pairs = new List<long>();
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            UnmetWishes.Collect(instance, assignment, occupancy.ChildCell, h, pairs);
            foreach (var pair in pairs)
            {
                var cell = UnmetWishes.CellOf(instance, pair);
                var key = instance.Key(UnmetWishes.ChildOf(instance, pair), cell);
                turnedAway[cell]++;
                if (occupancy.Count(cell) > 0 && key > occupancy.WorstKey(cell) && key < bestBelowCutoff[cell]) bestBelowCutoff[cell] = key;
            }
        }

        var cutoffs = new List<Cutoff>();
        for (var cell = 0; cell < instance.CellCount; cell++)
        {
            if (instance.Capacity[cell] == 0 && !applied[cell]) continue;
            var admitted = occupancy.Count(cell);
            HouseholdApplication? last = null;
            string? step = null;
            if (admitted > 0)
            {
                var lastChild = instance.ChildOfKey(occupancy.WorstKey(cell));
                last = instance.Household(instance.ChildHousehold[lastChild]);
                if (bestBelowCutoff[cell] != int.MaxValue)
                    step = PriorityOrder.DecidingStep(instance, lastChild, instance.ChildOfKey(bestBelowCutoff[cell]), cell);
            }
            cutoffs.Add(new Cutoff(instance.FacilityId(cell), cell % CompiledInstance.ClassCount, instance.Capacity[cell], admitted,
                turnedAway[cell], last?.Score, last?.Tier, step));
        }
        return cutoffs;
    }
}
