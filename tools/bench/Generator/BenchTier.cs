namespace KosodateShien.Bench.Generator;

/// <summary>Instance sizes of ALLOCATION.md §4.1 (T0, the brute-force size, is built by the engine's own tests).</summary>
public enum BenchTier
{
    /// <summary>Sun et al. scale: 1,500 households, 86 facilities.</summary>
    S,
    /// <summary>One ward: 6,000 households, 250 facilities.</summary>
    W,
    /// <summary>さいたま市 FY2016 scale: 8,000 households, 311 facilities.</summary>
    M,
    /// <summary>30,000 households, 800 facilities.</summary>
    L,
    /// <summary>100,000 households, 2,000 facilities.</summary>
    XL,
}

public static class BenchTierSizes
{
    public static (int Households, int Facilities) Of(BenchTier tier) => tier switch
    {
        BenchTier.S => (1_500, 86),
        BenchTier.W => (6_000, 250),
        BenchTier.M => (8_000, 311),
        BenchTier.L => (30_000, 800),
        BenchTier.XL => (100_000, 2_000),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
