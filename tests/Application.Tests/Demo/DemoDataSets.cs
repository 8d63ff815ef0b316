using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>Generated once per test run: a small set for most tests, the default size for the one shape test.</summary>
internal static class DemoDataSets
{
    public const int Seed = 20261127;
    public static readonly DateOnly Today = new(2026, 11, 27);
    public static readonly DemoSize Small = new(Households: 600);

    private static readonly Lazy<DemoWorld> SmallWorld = new(() => new DemoWorld(DemoDataGenerator.Generate(Seed, Today, CertificationRuleSet.Default, Small), Today));

    public static DemoWorld SmallSet => SmallWorld.Value;
}
