using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>The service generates for its own JST date, whatever it is: the rules hold around April, June, New Year and 29 February,
/// the allocation round is always the next April's and placements run in today's month.</summary>
public sealed class DemoDataOtherDatesTests
{
    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026-05-20")]
    [InlineData("2027-01-04")]
    [InlineData("2028-02-29")]
    public void the_rules_hold_on_any_today(string todayText)
    {
        var today = DateOnly.Parse(todayText);
        var world = new DemoWorld(DemoDataGenerator.Generate(DemoDataSets.Seed, today, CertificationRuleSet.Default, new DemoSize(Households: 400)), today);

        DemoInvariants.DateProblems(world).ShouldBeEmpty();
        DemoInvariants.RegistryProblems(world).ShouldBeEmpty();
        DemoInvariants.TaxProblems(world).ShouldBeEmpty();
        DemoInvariants.CertificationProblems(world).ShouldBeEmpty();
        DemoInvariants.FacilityProblems(world).ShouldBeEmpty();
        DemoInvariants.ApplicationProblems(world).ShouldBeEmpty();
        DemoInvariants.PlacementProblems(world).ShouldBeEmpty();
        world.Data.AllocationMonth.ShouldBe(new DateOnly(JapaneseDates.FiscalYearOf(today) + 1, 4, 1));
        world.Applications.Count.ShouldBeGreaterThan(50);
        world.Data.PlacementMonth.ShouldBe(new DateOnly(today.Year, today.Month, 1));
        world.Placements.Count.ShouldBeGreaterThan(100);
    }
}
