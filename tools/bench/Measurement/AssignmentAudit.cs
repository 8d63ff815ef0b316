using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Measurement;

/// <summary>
/// The two hard constraints counted again from the bare assignments, independently of the engine's checker,
/// so that a checker bug cannot hide a broken allocation.
/// </summary>
public static class AssignmentAudit
{
    /// <summary>(facility, class) cells holding more children than their capacity; an unknown facility counts as one violation per child.</summary>
    public static int CapacityViolations(AllocationInstance instance, IReadOnlyDictionary<string, string?> assignments)
    {
        var capacity = instance.Facilities.ToDictionary(f => f.Id, f => f.Capacity, StringComparer.Ordinal);
        var occupied = new Dictionary<(string Facility, int AgeClass), int>();
        var unknown = 0;
        foreach (var child in instance.Households.SelectMany(h => h.Children))
        {
            var facility = assignments.GetValueOrDefault(child.Id);
            if (facility is null) continue;
            if (!capacity.ContainsKey(facility)) { unknown++; continue; }
            var cell = (facility, child.AgeClass);
            occupied[cell] = occupied.GetValueOrDefault(cell) + 1;
        }
        return unknown + occupied.Count(cell => cell.Value > capacity[cell.Key.Facility][cell.Key.AgeClass]);
    }

    /// <summary>
    /// Households with a held seat that end neither on their held seats (継続) nor on one of their own options
    /// (where a holder left out of an option keeps its held seat).
    /// </summary>
    public static int IrViolations(AllocationInstance instance, IReadOnlyDictionary<string, string?> assignments)
    {
        var violations = 0;
        foreach (var household in instance.Households.Where(h => h.Children.Any(c => c.HeldSeat is not null)))
        {
            var result = household.Children.Select(c => assignments.GetValueOrDefault(c.Id)).ToList();
            var stays = household.Children.Select(c => c.HeldSeat).SequenceEqual(result);
            var takesAnOption = household.Options.Any(option =>
                household.Children.Select(c => option.GetValueOrDefault(c.Id) ?? c.HeldSeat).SequenceEqual(result));
            if (!stays && !takesAnOption) violations++;
        }
        return violations;
    }
}
