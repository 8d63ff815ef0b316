namespace KosodateShien.Bench.Generator;

/// <summary>Facilities before seats are known: id, location, popularity U(0,2) and a size factor for spreading seats.</summary>
public sealed class FacilitySites
{
    public required string[] Ids { get; init; }
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    public required double[] Popularity { get; init; }
    public required double[] SizeFactor { get; init; }

    public int Count => Ids.Length;

    public static FacilitySites Create(int count, HomeClusters clusters, GeneratorOptions options, Xoshiro256 random)
    {
        var sites = new FacilitySites
        {
            Ids = new string[count],
            X = new double[count],
            Y = new double[count],
            Popularity = new double[count],
            SizeFactor = new double[count],
        };
        for (var d = 0; d < count; d++)
        {
            sites.Ids[d] = "F" + (d + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            (sites.X[d], sites.Y[d]) = random.Chance(options.FacilitiesNearHomesShare)
                ? clusters.Sample(random)
                : (random.NextDouble(), random.NextDouble());
            sites.Popularity[d] = random.NextDouble(0, 2);
            sites.SizeFactor[d] = random.NextLogNormal(0, 0.5);
        }
        return sites;
    }
}
