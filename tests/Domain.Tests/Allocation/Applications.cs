using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>Short constructors for hand-written allocation instances.</summary>
public static class Applications
{
    public static AllocationInstance Instance(IReadOnlyList<FacilitySeats> facilities, params HouseholdApplication[] households) =>
        new(facilities, households);

    /// <summary>A facility with <paramref name="seats"/> seats in one class and none elsewhere.</summary>
    public static FacilitySeats Facility(string id, int ageClass, int seats)
    {
        var capacity = new int[6];
        capacity[ageClass] = seats;
        return new FacilitySeats(id, capacity);
    }

    /// <summary>A one-child household whose options are its wished facilities in order.</summary>
    public static HouseholdApplication Single(
        string id, decimal score, string childId, int ageClass, string[] wishes,
        long[]? tieBreak = null, long lottery = 0, int tier = 0, string? held = null) =>
        new(id, score, tieBreak ?? [], lottery, tier, [new ApplicantChild(childId, ageClass, held)],
            [.. wishes.Select(f => Option((childId, f)))]);

    public static HouseholdApplication Siblings(
        string id, decimal score, ApplicantChild[] children, IReadOnlyDictionary<string, string?>[] options,
        long[]? tieBreak = null, long lottery = 0, int tier = 0) =>
        new(id, score, tieBreak ?? [], lottery, tier, children, options);

    public static IReadOnlyDictionary<string, string?> Option(params (string Child, string? Facility)[] seats) =>
        seats.ToDictionary(s => s.Child, s => s.Facility);
}
