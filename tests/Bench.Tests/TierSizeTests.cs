namespace KosodateShien.Bench.Tests;

public class TierSizeTests
{
    [Theory]
    [InlineData(BenchTier.S, 1_500, 86)]
    [InlineData(BenchTier.W, 6_000, 250)]
    [InlineData(BenchTier.M, 8_000, 311)]
    [InlineData(BenchTier.L, 30_000, 800)]
    [InlineData(BenchTier.XL, 100_000, 2_000)]
    public void Tiers_have_the_documented_households_facilities_and_about_1_13_children_per_household(BenchTier tier, int households, int facilities)
    {
        var instance = InstanceGenerator.Generate(tier, 1);

        instance.Households.Count.ShouldBe(households);
        instance.Facilities.Count.ShouldBe(facilities);
        var childrenPerHousehold = (double)instance.Households.Sum(h => h.Children.Count) / households;
        childrenPerHousehold.ShouldBeInRange(1.10, 1.18);
    }

    [Fact]
    public void Ids_follow_the_documented_formats_and_are_unique()
    {
        var instance = TierS.Instance;

        instance.Facilities[0].Id.ShouldBe("F0001");
        instance.Households[0].Id.ShouldBe("H000001");
        instance.Households[0].Children[0].Id.ShouldBe("C0000001");
        instance.Facilities.Select(f => f.Id).Distinct().Count().ShouldBe(instance.Facilities.Count);
        instance.Households.Select(h => h.Id).Distinct().Count().ShouldBe(instance.Households.Count);
        TierS.Children.Select(c => c.Id).Distinct().Count().ShouldBe(TierS.Children.Count());
    }
}
