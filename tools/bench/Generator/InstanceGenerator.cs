using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Generator;

/// <summary>
/// Synthetic 利用調整 instances (ALLOCATION.md §4.1–4.2). One PRNG stream drives everything in a fixed order,
/// so the same (tier, seed, options) gives a bit-identical instance.
/// </summary>
public static class InstanceGenerator
{
    /// <summary>Bump when a change alters the instances produced for an existing (tier, seed, options).</summary>
    public const string Version = "bench-gen/1";

    public static AllocationInstance Generate(BenchTier tier, int seed, GeneratorOptions? options = null)
    {
        options ??= GeneratorOptions.Default;
        var (defaultHouseholds, defaultFacilities) = BenchTierSizes.Of(tier);
        var householdCount = options.Households ?? defaultHouseholds;
        var facilityCount = options.Facilities ?? defaultFacilities;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(householdCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(facilityCount);

        var random = new Xoshiro256(unchecked((ulong)seed * 8 + (ulong)tier));
        var clusters = new HomeClusters(HomeClusters.CountFor(facilityCount), random);
        var sites = FacilitySites.Create(facilityCount, clusters, options, random);
        var grid = new FacilityGrid(sites.X, sites.Y);
        var demand = new SeatDemand(facilityCount);
        // Lottery numbers 1..H, one per household: a strict last tie-break, and easy to audit.
        var lottery = random.Permutation(householdCount);

        var builder = new HouseholdBuilder(options, sites, grid, clusters, demand, random);
        var households = new HouseholdApplication[householdCount];
        for (var h = 0; h < householdCount; h++) households[h] = builder.Build(h, lottery[h] + 1L);

        var capacity = SeatApportionment.Apportion(sites, demand, options, random);
        var facilities = new FacilitySeats[facilityCount];
        for (var d = 0; d < facilityCount; d++) facilities[d] = new FacilitySeats(sites.Ids[d], capacity[d]);
        return new AllocationInstance(facilities, households);
    }
}
