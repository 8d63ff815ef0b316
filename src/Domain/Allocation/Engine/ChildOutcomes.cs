using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// 内定 / 継続 / 保留 for every child, in 選考順: placed at a cell other than its held seat (with the 1-based rank of
/// the household's option), kept at its held seat, or not placed.
/// </summary>
internal static class ChildOutcomes
{
    public static OutcomeKind Kind(CompiledInstance instance, Occupancy occupancy, int child)
    {
        var cell = occupancy.ChildCell[child];
        if (cell < 0) return OutcomeKind.Unplaced;
        return cell == instance.HeldCell[child] ? OutcomeKind.TransferKept : OutcomeKind.Placed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<ChildOutcome> Build(CompiledInstance instance, int[] assignment, Occupancy occupancy)
    {
        var outcomes = new ChildOutcome[instance.ChildCount];
        for (var child = 0; child < instance.ChildCount; child++)
        {
            var household = instance.ChildHousehold[child];
            var kind = Kind(instance, occupancy, child);
            var cell = occupancy.ChildCell[child];
            outcomes[child] = new ChildOutcome(
                instance.Child(child).Id,
                instance.Household(household).Id,
                kind,
                cell < 0 ? null : instance.FacilityId(cell),
                instance.ChildClass[child],
                kind == OutcomeKind.Placed ? assignment[household] + 1 : null);
        }
        return outcomes;
    }

    /// <summary>Each child's facility (a kept 転園 applicant maps to its current facility), null when unplaced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyDictionary<string, string?> Assignments(CompiledInstance instance, Occupancy occupancy)
    {
        var assignments = new Dictionary<string, string?>(instance.ChildCount, StringComparer.Ordinal);
        for (var child = 0; child < instance.ChildCount; child++)
        {
            var cell = occupancy.ChildCell[child];
            assignments.Add(instance.Child(child).Id, cell < 0 ? null : instance.FacilityId(cell));
        }
        return assignments;
    }
}
