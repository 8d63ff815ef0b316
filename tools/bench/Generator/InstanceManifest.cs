using System.Text.Json;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Generator;

/// <summary>What reproduces a dumped instance: generator version, tier, seed, every parameter, sizes and the file's SHA-256.</summary>
public sealed record InstanceManifest(
    string GeneratorVersion,
    string Tier,
    int Seed,
    GeneratorOptions Parameters,
    int Facilities,
    int Households,
    int Children,
    int Seats,
    string InstanceFile,
    string Sha256)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static InstanceManifest For(AllocationInstance instance, BenchTier tier, int seed, GeneratorOptions options, string instanceFile, string sha256) => new(
        InstanceGenerator.Version,
        tier.ToString(),
        seed,
        options,
        instance.Facilities.Count,
        instance.Households.Count,
        instance.Households.Sum(h => h.Children.Count),
        instance.Facilities.Sum(f => f.Capacity.Sum()),
        Path.GetFileName(instanceFile),
        sha256);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
