using KosodateShien.Bench.Fees;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Bench.Tests.StoredFees;

/// <summary>The synthetic ward obeys the API's rules: here, 利用定員.</summary>
public sealed class StoredFeeWorldTests
{
    [Theory]
    [InlineData(300, 7, "2027-06-01")]
    [InlineData(2_000, 11, "2028-03-01")]
    public void every_placement_had_a_free_place_in_its_class_on_its_start_as_the_api_checks_it(int children, int seed, string month)
    {
        var world = StoredFeeWorld.Generate(children, seed, DateOnly.Parse(month));
        var facilities = world.Streams.Where(s => s.Aggregate == typeof(Facility)).ToDictionary(s => s.Id, s => s.Events.Aggregate((Facility?)null, Facility.Evolve)!);
        var births = world.Streams.Select(s => s.Events[0]).OfType<PersonRegistered>().ToDictionary(e => e.PersonId, e => e.BirthDate);
        var placements = world.Streams.Where(s => s.Aggregate == typeof(Placement))
            .Select(s => (Started: (PlacementStarted)s.Events[0], Placement: s.Events.Aggregate((Placement?)null, Placement.Evolve)!))
            .OrderBy(p => long.Parse(p.Placement.ContractNumber[5..])).ToList();

        var problems = new List<string>();
        for (var i = 0; i < placements.Count; i++)
        {
            var (started, placement) = placements[i];
            if (ClassPlaces.FullOn(facilities[placement.FacilityId], placements.Take(i).Select(p => p.Placement), births, started.ClassAge, placement.StartsOn) is { } full)
                problems.Add($"{placement.ContractNumber}: {started.ClassAge}歳児 {full.Held} of {full.Places} on {full.Day:yyyy-MM-dd}");
        }

        problems.Take(10).ShouldBeEmpty();
        world.Counts.PlacedChildren.ShouldBe(children);
        world.Counts.Facilities.ShouldBe(Math.Max(3, (children + 79) / 80));
    }
}
