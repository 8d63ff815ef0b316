using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>Generated once per test run: a small set for most tests, the default size for the shape tests.</summary>
internal static class DemoDataSets
{
    public const int Seed = 20261127;
    public static readonly DateOnly Today = new(2026, 11, 27);
    public static readonly DemoSize Small = new(Households: 600);

    private static readonly Lazy<DemoWorld> SmallWorld = new(() => new DemoWorld(DemoDataGenerator.Generate(Seed, Today, CertificationRuleSet.Default, Small), Today));

    private static readonly Lazy<DemoWorld> DefaultWorld = new(() => new DemoWorld(DemoDataGenerator.Generate(Seed, Today, CertificationRuleSet.Default), Today));

    public static DemoWorld SmallSet => SmallWorld.Value;

    /// <summary>The default size (4,500 households), as <c>./kosodate run</c> seeds it.</summary>
    public static DemoWorld DefaultSet => DefaultWorld.Value;
}
