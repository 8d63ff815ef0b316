namespace KosodateShien.Bench.Generator;

/// <summary>Where families live: a mixture of Gaussian clusters (neighbourhoods) inside the unit square.</summary>
public sealed class HomeClusters
{
    private readonly double[] centerX, centerY, spread, weight;

    public HomeClusters(int count, Xoshiro256 random)
    {
        centerX = new double[count];
        centerY = new double[count];
        spread = new double[count];
        weight = new double[count];
        for (var i = 0; i < count; i++)
        {
            centerX[i] = random.NextDouble(0.1, 0.9);
            centerY[i] = random.NextDouble(0.1, 0.9);
            spread[i] = random.NextDouble(0.04, 0.12);
            weight[i] = random.NextDouble(0.5, 1.5);
        }
    }

    /// <summary>Enough neighbourhoods that large tiers are not a few dense blobs.</summary>
    public static int CountFor(int facilities) => 6 + facilities / 50;

    public (double X, double Y) Sample(Xoshiro256 random)
    {
        var cluster = random.NextWeighted(weight);
        var x = centerX[cluster] + spread[cluster] * random.NextGaussian();
        var y = centerY[cluster] + spread[cluster] * random.NextGaussian();
        return (Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1));
    }
}
