namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// Converts an assignment between 選考順 (internal) and the instance's household order, using the convention
/// of <see cref="ExactSolution.OptionByHousehold"/>: the option's index, Options.Count for the implicit stay
/// option, -1 for no option.
/// </summary>
public static class OptionVector
{
    public static int[] ToInstanceOrder(CompiledInstance instance, int[] assignment)
    {
        var vector = new int[instance.HouseholdCount];
        for (var h = 0; h < instance.HouseholdCount; h++) vector[instance.HouseholdSource[h]] = assignment[h];
        return vector;
    }

    /// <summary>As <see cref="FromInstanceOrder"/>, or null when the vector does not fit the instance.</summary>
    public static int[]? TryFromInstanceOrder(CompiledInstance instance, IReadOnlyList<int>? vector)
    {
        if (vector is null || vector.Count != instance.HouseholdCount) return null;
        for (var h = 0; h < instance.HouseholdCount; h++)
            if (vector[instance.HouseholdSource[h]] is var option && (option < -1 || option >= instance.OptionCount(h))) return null;
        return FromInstanceOrder(instance, vector);
    }

    /// <summary>The assignment that changes nothing: holders stay, everybody else unassigned.</summary>
    public static int[] NobodyMoves(CompiledInstance instance)
    {
        var assignment = new int[instance.HouseholdCount];
        for (var h = 0; h < instance.HouseholdCount; h++) assignment[h] = instance.HasStayOption(h) ? instance.ListedOptions[h] : -1;
        return assignment;
    }

    public static int[] FromInstanceOrder(CompiledInstance instance, IReadOnlyList<int> vector)
    {
        if (vector is null || vector.Count != instance.HouseholdCount)
            throw new InvalidOperationException($"The exact solver must give one option per household ({instance.HouseholdCount}).");
        var assignment = new int[instance.HouseholdCount];
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            var option = vector[instance.HouseholdSource[h]];
            if (option < -1 || option >= instance.OptionCount(h))
                throw new InvalidOperationException($"Option {option} of household {instance.Household(h).Id} does not exist.");
            assignment[h] = option;
        }
        return assignment;
    }
}
