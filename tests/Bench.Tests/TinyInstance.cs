namespace KosodateShien.Bench.Tests;

/// <summary>Hand-built instances for the measurement tests: facilities A and B with one seat per class.</summary>
public static class TinyInstance
{
    public static FacilitySeats Facility(string id, int seatsPerClass = 1) => new(id, Enumerable.Repeat(seatsPerClass, 6).ToArray());

    public static HouseholdApplication Household(string id, ApplicantChild[] children, params string?[][] options) => new(
        id, 40m, [1, 100_000], 1, 0, children,
        options.Select(o => (IReadOnlyDictionary<string, string?>)children.Select((c, i) => (c.Id, Facility: o[i])).ToDictionary(p => p.Id, p => p.Facility)).ToList());

    public static AllocationInstance Of(params HouseholdApplication[] households) => new([Facility("A"), Facility("B")], households);
}
