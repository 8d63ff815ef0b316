using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// Validates an instance and builds its <see cref="CompiledInstance"/>. The big loops skip tier-0 JIT
/// (AggressiveOptimization): a round runs once per process, and tier-0 loops cost about half a second at 100k households.
/// </summary>
public static class InstanceCompiler
{
    const int ClassCount = CompiledInstance.ClassCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CompiledInstance Compile(AllocationInstance instance)
    {
        var facilityIndex = InstanceValidator.Validate(instance);
        var households = instance.Households;
        var order = PriorityOrder.Sort(households);

        var capacity = new int[instance.Facilities.Count * ClassCount];
        for (var f = 0; f < instance.Facilities.Count; f++)
            for (var g = 0; g < ClassCount; g++)
                capacity[f * ClassCount + g] = instance.Facilities[f].Capacity[g];

        var childCount = 0;
        foreach (var household in households) childCount += household.Children.Count;
        var childStart = new int[order.Length + 1];
        var childHousehold = new int[childCount];
        var childClass = new int[childCount];
        var heldCell = new int[childCount];
        var next = 0;
        for (var h = 0; h < order.Length; h++)
        {
            childStart[h] = next;
            foreach (var child in households[order[h]].Children)
            {
                childHousehold[next] = h;
                childClass[next] = child.AgeClass;
                heldCell[next] = child.HeldSeat is null ? -1 : facilityIndex[child.HeldSeat] * ClassCount + child.AgeClass;
                next++;
            }
        }
        childStart[order.Length] = next;

        var options = new OptionTable(order.Length);
        for (var h = 0; h < order.Length; h++)
            options.AddHousehold(households[order[h]], order[h], childStart[h], heldCell, facilityIndex);

        return new CompiledInstance
        {
            Source = instance,
            Capacity = capacity,
            HouseholdSource = order,
            ChildStart = childStart,
            ChildHousehold = childHousehold,
            ChildClass = childClass,
            HeldCell = heldCell,
            OptionStart = options.OptionStart.ToArray(),
            ListedOptions = options.Listed,
            EntryStart = options.EntryStart.ToArray(),
            EntryCell = options.EntryCell.ToArray(),
            EntryChild = options.EntryChild.ToArray(),
        };
    }

    /// <summary>Options flattened into entry arrays while households are added in 選考順.</summary>
    sealed class OptionTable(int householdCount)
    {
        public List<int> OptionStart { get; } = new(householdCount + 1) { 0 };
        public int[] Listed { get; } = new int[householdCount];
        public List<int> EntryStart { get; } = new(householdCount * 4) { 0 };
        public List<int> EntryCell { get; } = new(householdCount * 4);
        public List<int> EntryChild { get; } = new(householdCount * 4);
        int[] cells = new int[4];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void AddHousehold(HouseholdApplication household, int source, int firstChild, int[] heldCell, Dictionary<string, int> facilityIndex)
        {
            var members = household.Children.Count;
            if (cells.Length < members) cells = new int[members];
            var holdsAnySeat = false;
            for (var j = 0; j < members; j++) holdsAnySeat |= heldCell[firstChild + j] >= 0;

            for (var k = 0; k < household.Options.Count; k++)
            {
                var option = household.Options[k] ?? throw InstanceValidator.Missing($"households[{source}].options[{k}]");
                // A child that is absent or null keeps its held seat, if it has one.
                for (var j = 0; j < members; j++) cells[j] = heldCell[firstChild + j];
                var placesAnyone = false;
                foreach (var (childId, facilityId) in option)
                {
                    var j = IndexOf(household.Children, childId);
                    if (j < 0) throw InstanceValidator.UnknownChild(household, source, k, childId);
                    if (facilityId is null) continue;
                    if (!facilityIndex.TryGetValue(facilityId, out var facility)) throw InstanceValidator.UnknownFacility(household, source, k, childId, facilityId);
                    cells[j] = facility * ClassCount + household.Children[j].AgeClass;
                    placesAnyone = true;
                }
                if (!placesAnyone && !holdsAnySeat) throw InstanceValidator.EmptyOption(household, source, k);
                AddOption(firstChild, members);
            }
            if (holdsAnySeat)
            {
                for (var j = 0; j < members; j++) cells[j] = heldCell[firstChild + j];
                AddOption(firstChild, members);
            }
            Listed[OptionStart.Count - 1] = household.Options.Count;
            OptionStart.Add(EntryStart.Count - 1);
        }

        void AddOption(int firstChild, int members)
        {
            // Entries grouped by cell, children in order within a cell (members are few: selection order).
            var lastCell = -1;
            var lastChild = -1;
            while (true)
            {
                var best = -1;
                for (var j = 0; j < members; j++)
                {
                    var cell = cells[j];
                    if (cell < 0 || cell < lastCell || (cell == lastCell && j <= lastChild)) continue;
                    if (best < 0 || cell < cells[best]) best = j;
                }
                if (best < 0) break;
                lastCell = cells[best];
                lastChild = best;
                EntryCell.Add(lastCell);
                EntryChild.Add(firstChild + best);
            }
            EntryStart.Add(EntryCell.Count);
        }

        static int IndexOf(IReadOnlyList<ApplicantChild> children, string childId)
        {
            for (var j = 0; j < children.Count; j++)
                if (string.Equals(children[j].Id, childId, StringComparison.Ordinal)) return j;
            return -1;
        }
    }
}
