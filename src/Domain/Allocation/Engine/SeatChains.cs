namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// 玉突き: seats released by 転園 applicants who moved, and who took them, as "T → Y" child ids. At a class the
/// free seats (capacity minus all held seats) go to the best newcomers; the released seats go to the next
/// newcomers, paired with the movers in 選考順. A released seat nobody took is not listed.
/// </summary>
internal static class SeatChains
{
    public static IReadOnlyList<string> Build(CompiledInstance instance, Occupancy occupancy)
    {
        var held = new int[instance.CellCount];
        var released = new int[instance.CellCount];
        for (var child = 0; child < instance.ChildCount; child++)
        {
            var cell = instance.HeldCell[child];
            if (cell < 0) continue;
            held[cell]++;
            if (occupancy.ChildCell[child] != cell) released[cell]++;
        }

        var chains = new List<string>();
        var releasedSoFar = new int[instance.CellCount];
        for (var child = 0; child < instance.ChildCount; child++)
        {
            var cell = instance.HeldCell[child];
            if (cell < 0 || occupancy.ChildCell[child] == cell) continue;
            var staying = held[cell] - released[cell];
            var freeSeats = instance.Capacity[cell] - held[cell];
            var newcomer = staying + freeSeats + releasedSoFar[cell]++;
            if (newcomer >= occupancy.Count(cell)) continue;
            var taker = instance.ChildOfKey(occupancy.KeyAt(cell, newcomer));
            chains.Add($"{instance.Child(child).Id} → {instance.Child(taker).Id}");
        }
        return chains;
    }
}
