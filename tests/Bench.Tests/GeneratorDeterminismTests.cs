namespace KosodateShien.Bench.Tests;

public class GeneratorDeterminismTests
{
    [Fact]
    public void Same_tier_seed_and_options_give_the_same_canonical_hash()
    {
        var first = InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 7));
        var second = InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 7));

        second.ShouldBe(first);
        first.Length.ShouldBe(64);
    }

    [Fact]
    public void A_different_seed_gives_a_different_instance()
    {
        InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 8))
            .ShouldNotBe(InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 7)));
    }

    [Fact]
    public void The_tier_is_part_of_the_seed()
    {
        var options = new GeneratorOptions { Households = 300, Facilities = 20 };

        InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 1, options))
            .ShouldNotBe(InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.W, 1, options)));
    }

    [Fact]
    public void Options_change_the_instance()
    {
        var small = new GeneratorOptions { Households = 300, Facilities = 20 };

        InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 1, small with { SeatRatio = 1.2 }))
            .ShouldNotBe(InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 1, small)));
    }

    [Fact]
    public void The_dumped_file_hashes_to_the_canonical_hash()
    {
        var instance = InstanceGenerator.Generate(BenchTier.S, 3, new GeneratorOptions { Households = 200, Facilities = 12 });
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.jsonl");
        try
        {
            var written = InstanceJsonLines.WriteFile(instance, path);

            written.ShouldBe(InstanceJsonLines.Sha256(instance));
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ShouldBe(written);
            File.ReadLines(path).Count().ShouldBe(200 + 12);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
