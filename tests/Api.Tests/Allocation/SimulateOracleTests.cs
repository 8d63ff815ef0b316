using System.Text.Json;
using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Tests.Allocation;

namespace KosodateShien.Api.Tests.Allocation;

/// <summary>
/// POST /api/allocation/simulate against the brute-force oracle (ALLOCATION.md §5.1) on random tiny instances, through
/// the real pipeline: the heuristic for single children and transfers, exact mode with siblings.
/// </summary>
public sealed class SimulateOracleTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task heuristic_simulation_of_singles_and_transfers_is_the_oracles_stable_allocation()
    {
        for (var seed = 1; seed <= 120; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.SinglesAndTransfers);
            var oracle = BruteForceAllocator.Solve(instance);
            var response = await Simulate(instance, "heuristic");

            oracle.AnyStable.ShouldBeTrue($"seed {seed}");
            response.GetProperty("stable").GetBoolean().ShouldBeTrue($"seed {seed}");
            Placed(response).ShouldBe(oracle.MaxPlacedAmongStable!.Value, $"seed {seed}");
            HardViolations(response).ShouldBe(0, $"seed {seed}");
        }
    }

    [Fact]
    public async Task exact_simulation_with_siblings_matches_the_oracle_or_proves_no_stable_allocation_exists()
    {
        for (var seed = 1; seed <= 120; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            var oracle = BruteForceAllocator.Solve(instance);
            var response = await Simulate(instance, "exact");

            response.GetProperty("stable").GetBoolean().ShouldBe(oracle.AnyStable, $"seed {seed}");
            if (oracle.AnyStable) Placed(response).ShouldBe(oracle.MaxPlacedAmongStable!.Value, $"seed {seed}");
            else response.GetProperty("check").GetProperty("blockingCoalitions").GetInt32().ShouldBe(oracle.MinBlockingCoalitions, $"seed {seed}");
            HardViolations(response).ShouldBe(0, $"seed {seed}");
        }
    }

    private Task<JsonElement> Simulate(AllocationInstance instance, string mode) => Api.PostJson("/api/allocation/simulate", new
    {
        mode,
        facilities = instance.Facilities.Select(f => new { id = f.Id, capacity = Enumerable.Range(0, 6).ToDictionary(age => age.ToString(), age => f.Capacity[age]) }),
        households = instance.Households.Select(h => new
        {
            id = h.Id, score = h.Score, tieBreak = h.TieBreak, lottery = h.Lottery, tier = h.Tier,
            children = h.Children.Select(c => new { id = c.Id, ageClass = c.AgeClass, heldSeat = c.HeldSeat }),
            options = h.Options,
        }),
    }, 200, ApiClient.Auditor);

    private static int Placed(JsonElement response) => response.GetProperty("outcomes").EnumerateArray().Count(o => o.GetProperty("kind").GetString() == "placed");

    private static int HardViolations(JsonElement response) =>
        response.GetProperty("check").GetProperty("irViolations").GetInt32() + response.GetProperty("check").GetProperty("capacityViolations").GetInt32();
}
