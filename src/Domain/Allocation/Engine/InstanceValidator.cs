using System.Runtime.CompilerServices;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// Refuses malformed allocation instances with a <see cref="DomainRuleException"/> that names the field
/// by its JSON path (e.g. <c>households[3].options[1].c-17</c>).
/// </summary>
internal static class InstanceValidator
{
    public const int ClassCount = 6;

    /// <summary>Checks the instance and returns the index of each facility id.</summary>
    public static Dictionary<string, int> Validate(AllocationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var facilityIndex = ValidateFacilities(instance.Facilities);
        var holders = new int[facilityIndex.Count * ClassCount];
        ValidateHouseholds(instance.Households, facilityIndex, holders);
        for (var cell = 0; cell < holders.Length; cell++)
        {
            var capacity = instance.Facilities[cell / ClassCount].Capacity[cell % ClassCount];
            if (holders[cell] > capacity)
                throw Rule("allocation.held-over-capacity",
                    $"{holders[cell]} children hold seats in class {cell % ClassCount} of facility {instance.Facilities[cell / ClassCount].Id}, but its capacity is {capacity}; held seats count in the capacity.",
                    $"facilities[{cell / ClassCount}].capacity[{cell % ClassCount}]");
        }
        return facilityIndex;
    }

    static Dictionary<string, int> ValidateFacilities(IReadOnlyList<FacilitySeats>? facilities)
    {
        if (facilities is null) throw Missing("facilities");
        var index = new Dictionary<string, int>(facilities.Count, StringComparer.Ordinal);
        for (var f = 0; f < facilities.Count; f++)
        {
            var facility = facilities[f] ?? throw Missing($"facilities[{f}]");
            if (string.IsNullOrEmpty(facility.Id)) throw Missing($"facilities[{f}].id");
            if (!index.TryAdd(facility.Id, f))
                throw Rule("allocation.duplicate-id", $"Facility id {facility.Id} appears twice.", $"facilities[{f}].id");
            if (facility.Capacity is null || facility.Capacity.Count != ClassCount)
                throw Rule("allocation.capacity-shape", $"Facility {facility.Id} must give a capacity for each of the {ClassCount} age classes (0歳児–5歳児).", $"facilities[{f}].capacity");
            for (var g = 0; g < ClassCount; g++)
                if (facility.Capacity[g] < 0)
                    throw Rule("allocation.negative-capacity", $"Facility {facility.Id} has a negative capacity in class {g}.", $"facilities[{f}].capacity[{g}]");
        }
        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ValidateHouseholds(IReadOnlyList<HouseholdApplication>? households, Dictionary<string, int> facilityIndex, int[] holders)
    {
        if (households is null) throw Missing("households");
        var householdIds = new HashSet<string>(households.Count, StringComparer.Ordinal);
        var childIds = new HashSet<string>(households.Count, StringComparer.Ordinal);
        for (var h = 0; h < households.Count; h++)
        {
            var household = households[h] ?? throw Missing($"households[{h}]");
            if (string.IsNullOrEmpty(household.Id)) throw Missing($"households[{h}].id");
            if (!householdIds.Add(household.Id))
                throw Rule("allocation.duplicate-id", $"Household id {household.Id} appears twice.", $"households[{h}].id");
            if (household.TieBreak is null) throw Missing($"households[{h}].tieBreak");
            if (household.Children is null || household.Children.Count == 0)
                throw Rule("allocation.no-children", $"Household {household.Id} applies for no child.", $"households[{h}].children");
            ValidateChildren(household, h, facilityIndex, childIds, holders);
            if (household.Options is null) throw Missing($"households[{h}].options");
        }
    }

    static void ValidateChildren(HouseholdApplication household, int h, Dictionary<string, int> facilityIndex, HashSet<string> childIds, int[] holders)
    {
        for (var j = 0; j < household.Children.Count; j++)
        {
            var child = household.Children[j] ?? throw Missing($"households[{h}].children[{j}]");
            if (string.IsNullOrEmpty(child.Id)) throw Missing($"households[{h}].children[{j}].id");
            if (!childIds.Add(child.Id))
                throw Rule("allocation.duplicate-id", $"Child id {child.Id} appears twice.", $"households[{h}].children[{j}].id");
            if (child.AgeClass is < 0 or >= ClassCount)
                throw Rule("allocation.age-class", $"Child {child.Id} has クラス年齢 {child.AgeClass}; it must be 0–5.", $"households[{h}].children[{j}].ageClass");
            if (child.HeldSeat is null) continue;
            if (!facilityIndex.TryGetValue(child.HeldSeat, out var f))
                throw Rule("allocation.unknown-held-facility", $"Child {child.Id} holds a seat at unknown facility {child.HeldSeat}.", $"households[{h}].children[{j}].heldSeat");
            holders[f * ClassCount + child.AgeClass]++;
        }
    }

    // Option contents are checked while they are compiled (InstanceCompiler), to walk 500k options once.
    public static DomainRuleException UnknownChild(HouseholdApplication household, int h, int k, string childId) =>
        Rule("allocation.unknown-child", $"Option {k + 1} of household {household.Id} names {childId}, which is not one of its children.", $"households[{h}].options[{k}].{childId}");

    public static DomainRuleException UnknownFacility(HouseholdApplication household, int h, int k, string childId, string facilityId) =>
        Rule("allocation.unknown-facility", $"Option {k + 1} of household {household.Id} places {childId} at unknown facility {facilityId}.", $"households[{h}].options[{k}].{childId}");

    public static DomainRuleException EmptyOption(HouseholdApplication household, int h, int k) =>
        Rule("allocation.empty-option", $"Option {k + 1} of household {household.Id} places no child.", $"households[{h}].options[{k}]");

    public static DomainRuleException Missing(string field) => Rule("allocation.missing", $"{field} is required.", field);

    static DomainRuleException Rule(string rule, string message, string field) => new(rule, message, field);
}
