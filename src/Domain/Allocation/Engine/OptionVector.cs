namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// Converts an assignment between 選考順 (internal) and the instance's household order, using the convention
/// of <see cref="ExactSolution.OptionByHousehold"/>: the option's index, Options.Count for the implicit stay
/// option, -1 for no option.
/// </summary>
internal static class OptionVector
{
    public static int[] ToInstanceOrder(CompiledInstance instance, int[] assignment)
    {
        var vector = new int[instance.HouseholdCount];
        for (var h = 0; h < instance.HouseholdCount; h++) vector[instance.HouseholdSource[h]] = assignment[h];
        return vector;
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
