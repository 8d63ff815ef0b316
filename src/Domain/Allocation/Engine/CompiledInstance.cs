namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The instance in indexed form. Households are numbered in 選考順 (<see cref="PriorityOrder"/>) and children
/// in the same order, so a child's number is its priority key. Cells are facility × 6 + クラス年齢.
/// Each household's options are its listed options in order, then (when a child holds a seat) the implicit
/// stay option. An option is a list of entries (cell, child), grouped by cell, for the children it seats.
/// Public for solvers outside the pure domain (the CP-SAT exact allocator), so they judge by the same conventions.
/// </summary>
public sealed class CompiledInstance
{
    public const int ClassCount = InstanceValidator.ClassCount;

    public required AllocationInstance Source { get; init; }
    /// <summary>受入可能数 per cell.</summary>
    public required int[] Capacity { get; init; }
    /// <summary>Household number → its index in <see cref="AllocationInstance.Households"/>.</summary>
    public required int[] HouseholdSource { get; init; }
    /// <summary>Household number → its first child; one extra element at the end.</summary>
    public required int[] ChildStart { get; init; }
    public required int[] ChildHousehold { get; init; }
    public required int[] ChildClass { get; init; }
    /// <summary>The cell of a 転園 applicant's current seat, or -1.</summary>
    public required int[] HeldCell { get; init; }
    /// <summary>Household number → its first option; one extra element at the end.</summary>
    public required int[] OptionStart { get; init; }
    /// <summary>Household number → how many options it listed (the implicit stay option, if any, comes after them).</summary>
    public required int[] ListedOptions { get; init; }
    /// <summary>Option → its first entry; one extra element at the end.</summary>
    public required int[] EntryStart { get; init; }
    public required int[] EntryCell { get; init; }
    public required int[] EntryChild { get; init; }

    public int HouseholdCount => HouseholdSource.Length;
    public int ChildCount => ChildHousehold.Length;
    public int CellCount => Capacity.Length;
    public int TotalOptions => OptionStart[^1];

    public int OptionCount(int household) => OptionStart[household + 1] - OptionStart[household];
    public bool HasStayOption(int household) => OptionCount(household) > ListedOptions[household];
    public int MemberCount(int household) => ChildStart[household + 1] - ChildStart[household];

    /// <summary>Children the option seats somewhere other than their held seat (内定; a kept 転園 is not placed).</summary>
    public int Placed(int option)
    {
        var placed = 0;
        for (var e = EntryStart[option]; e < EntryStart[option + 1]; e++)
            if (EntryCell[e] != HeldCell[EntryChild[e]]) placed++;
        return placed;
    }

    /// <summary>A child's key at a cell: smaller is better; a holder comes before everyone without a seat there.</summary>
    public int Key(int child, int cell) => HeldCell[child] == cell ? child : child + ChildCount;
    public int ChildOfKey(int key) => key >= ChildCount ? key - ChildCount : key;

    public HouseholdApplication Household(int household) => Source.Households[HouseholdSource[household]];
    public ApplicantChild Child(int child) => Household(ChildHousehold[child]).Children[child - ChildStart[ChildHousehold[child]]];
    public string FacilityId(int cell) => Source.Facilities[cell / ClassCount].Id;

    /// <summary>The cell an option gives a child, or -1 when the option does not seat it.</summary>
    public int CellIn(int option, int child)
    {
        for (var e = EntryStart[option]; e < EntryStart[option + 1]; e++)
            if (EntryChild[e] == child) return EntryCell[e];
        return -1;
    }

    /// <summary>End of the run of entries that share the cell of entry <paramref name="entry"/>.</summary>
    public int GroupEnd(int entry, int optionEnd)
    {
        var end = entry + 1;
        while (end < optionEnd && EntryCell[end] == EntryCell[entry]) end++;
        return end;
    }
}
