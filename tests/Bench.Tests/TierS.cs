namespace KosodateShien.Bench.Tests;

/// <summary>Tier S with seed 1, generated once for all the distribution and validity tests.</summary>
public static class TierS
{
    private static readonly Lazy<AllocationInstance> Lazy = new(() => InstanceGenerator.Generate(BenchTier.S, seed: 1));

    public static AllocationInstance Instance => Lazy.Value;

    public static IEnumerable<ApplicantChild> Children => Instance.Households.SelectMany(h => h.Children);
}
