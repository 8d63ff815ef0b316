namespace KosodateShien.Api.Tests.Allocation;

public sealed class SimulateAllocationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_what_if_instance_is_allocated_by_priority_with_explanations_and_a_clean_check()
    {
        var response = await Api.PostJson("/api/allocation/simulate", new
        {
            mode = "heuristic",
            facilities = new[] { new { id = "A", capacity = new Dictionary<string, int> { ["1"] = 1 } }, new { id = "B", capacity = new Dictionary<string, int> { ["1"] = 1 } } },
            households = new object[]
            {
                new { id = "h1", score = 40, tieBreak = new long[] { 1 }, lottery = 5, tier = 0, children = new[] { new { id = "c1", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c1"] = "A" }, new Dictionary<string, string?> { ["c1"] = "B" } } },
                new { id = "h2", score = 40, tieBreak = new long[] { 0 }, lottery = 9, tier = 0, children = new[] { new { id = "c2", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c2"] = "A" } } },
                new { id = "h3", score = 30, tieBreak = new long[] { 0 }, lottery = 1, tier = 0, children = new[] { new { id = "c3", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c3"] = "A" }, new Dictionary<string, string?> { ["c3"] = "B" } } },
            },
        }, 200, ApiClient.Auditor);

        // h2 beats h1 at A on the first tie-break key; h1 then takes B; h3 is left out.
        var assignments = response.GetProperty("assignments");
        assignments.GetProperty("c2").GetString().ShouldBe("A");
        assignments.GetProperty("c1").GetString().ShouldBe("B");
        assignments.GetProperty("c3").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        response.GetProperty("stable").GetBoolean().ShouldBeTrue();
        response.GetProperty("check").GetProperty("irViolations").GetInt32().ShouldBe(0);
        var c1 = response.GetProperty("explanations").GetProperty("c1").EnumerateArray().Single();
        c1.GetProperty("code").GetString().ShouldBe("tieBreak");
        c1.GetProperty("decidingStep").GetString().ShouldBe("tieBreak:0");
        response.GetProperty("explanations").GetProperty("c3").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task an_option_naming_an_unknown_facility_is_refused_naming_the_field()
    {
        var problem = ApiClient.Json(await Api.Post("/api/allocation/simulate", new
        {
            facilities = new[] { new { id = "A", capacity = new Dictionary<string, int> { ["1"] = 1 } } },
            households = new[] { new { id = "h1", score = 40, children = new[] { new { id = "c1", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c1"] = "Z" } } } },
        }, 422, ApiClient.Clerk));
        problem.GetProperty("errors").EnumerateObject().Single().Name.ShouldContain("households[0].options[0]");

        var badKey = ApiClient.Json(await Api.Post("/api/allocation/simulate", new
        {
            facilities = new[] { new { id = "A", capacity = new Dictionary<string, int> { ["7"] = 1 } } },
            households = Array.Empty<object>(),
        }, 400, ApiClient.Clerk));
        badKey.GetProperty("errors").TryGetProperty("facilities[0].capacity.7", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task exact_mode_says_when_it_is_not_available()
    {
        var problem = ApiClient.Json(await Api.Post("/api/allocation/simulate", new
        {
            mode = "exact",
            facilities = new[] { new { id = "A", capacity = new Dictionary<string, int> { ["1"] = 1 } } },
            households = Array.Empty<object>(),
        }, 422, ApiClient.Clerk));
        problem.GetProperty("rule").GetString().ShouldBe("allocation.exact-unavailable");
    }
}
