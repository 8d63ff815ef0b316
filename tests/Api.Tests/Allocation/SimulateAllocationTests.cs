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
    public async Task exact_mode_solves_a_small_instance_with_cp_sat_and_agrees_with_the_heuristic()
    {
        // A transfer (c4 holds a seat at B) and a sibling pair that only goes together: the heuristic's allocation is stable
        // and places the most children, so CP-SAT proves it optimal and returns the same assignment.
        var instance = new
        {
            facilities = new[] { new { id = "A", capacity = new Dictionary<string, int> { ["1"] = 2 } }, new { id = "B", capacity = new Dictionary<string, int> { ["1"] = 2 } } },
            households = new object[]
            {
                new { id = "h1", score = 40, tieBreak = new long[] { 1 }, lottery = 5, tier = 0, children = new[] { new { id = "c1", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c1"] = "A" }, new Dictionary<string, string?> { ["c1"] = "B" } } },
                new { id = "h2", score = 40, tieBreak = new long[] { 0 }, lottery = 9, tier = 0, children = new[] { new { id = "c2", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c2"] = "A" } } },
                new { id = "h3", score = 38, tieBreak = new long[] { 0 }, lottery = 1, tier = 0, children = new[] { new { id = "c3a", ageClass = 1 }, new { id = "c3b", ageClass = 1 } }, options = new[] { new Dictionary<string, string?> { ["c3a"] = "A", ["c3b"] = "A" }, new Dictionary<string, string?> { ["c3a"] = "B", ["c3b"] = "B" } } },
                new { id = "h4", score = 30, tieBreak = new long[] { 0 }, lottery = 2, tier = 0, children = new[] { new { id = "c4", ageClass = 1, heldSeat = "B" } }, options = new[] { new Dictionary<string, string?> { ["c4"] = "A" } } },
            },
        };
        var heuristic = await Api.PostJson("/api/allocation/simulate", new { mode = "heuristic", instance.facilities, instance.households }, 200, ApiClient.Auditor);

        var exact = await Api.PostJson("/api/allocation/simulate", new { mode = "exact", instance.facilities, instance.households }, 200, ApiClient.Auditor);

        // c2 and c1 take A; the pair cannot go together at A or B (c4 keeps one of B's two seats), so it is left out.
        var assignments = exact.GetProperty("assignments");
        assignments.GetProperty("c2").GetString().ShouldBe("A");
        assignments.GetProperty("c1").GetString().ShouldBe("A");
        assignments.GetProperty("c3a").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        assignments.GetProperty("c4").GetString().ShouldBe("B");
        exact.GetProperty("stable").GetBoolean().ShouldBeTrue();
        exact.GetProperty("check").GetProperty("irViolations").GetInt32().ShouldBe(0);
        exact.GetProperty("diagnostics").GetProperty("mode").GetString().ShouldBe("exact");
        exact.GetProperty("diagnostics").GetProperty("exactStatus").GetString().ShouldBe("OPTIMAL");
        exact.GetProperty("assignments").GetRawText().ShouldBe(heuristic.GetProperty("assignments").GetRawText());
        heuristic.GetProperty("stable").GetBoolean().ShouldBeTrue();
    }
}
