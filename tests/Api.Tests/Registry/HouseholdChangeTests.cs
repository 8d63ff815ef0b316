namespace KosodateShien.Api.Tests.Registry;

public sealed class HouseholdChangeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly ChildBirth = new(2024, 8, 1);

    [Fact]
    public async Task a_birth_joins_the_household_with_the_version_checked()
    {
        var family = await Api.RegisteredFamily(ChildBirth);
        var baby = Scenarios.Member(Domain.Registry.HouseholdRole.Child, Domain.Registry.Sex.Female, new DateOnly(2026, 12, 1), "子");

        var added = await Api.PostJson($"/api/households/{family.HouseholdId}/members",
            new { members = new[] { baby }, version = family.HouseholdVersion, reason = "birth", effectiveDate = new DateOnly(2026, 12, 1) });

        added.GetProperty("version").GetInt32().ShouldBe(family.HouseholdVersion + 1);
        var view = await Api.GetJson($"/api/households/{family.HouseholdId}");
        view.GetProperty("members").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task a_stale_version_is_refused_with_409_and_appends_nothing()
    {
        var family = await Api.RegisteredFamily(ChildBirth);
        await Api.PostJson($"/api/households/{family.HouseholdId}/address",
            new { address = Scenarios.Address(), date = new DateOnly(2026, 10, 1), version = family.HouseholdVersion });

        var problem = ApiClient.Json(await Api.Post($"/api/households/{family.HouseholdId}/address",
            new { address = Scenarios.Address(), date = new DateOnly(2026, 11, 1), version = family.HouseholdVersion }, 409));

        problem.GetProperty("status").GetInt32().ShouldBe(409);
        var history = await Api.GetJson($"/api/households/{family.HouseholdId}/history", ApiClient.Auditor);
        history.GetArrayLength().ShouldBe(family.HouseholdVersion + 1);
    }

    [Fact]
    public async Task a_household_change_moves_a_person_between_households_in_one_step()
    {
        var parents = await Api.RegisteredFamily(ChildBirth);
        var other = await Api.RegisteredFamily(new DateOnly(2023, 3, 3), singleParent: true);

        await Api.PostJson($"/api/households/{other.HouseholdId}/members",
            new { members = new[] { new { personId = parents.FatherId, role = "guardian", relationship = "夫" } }, version = other.HouseholdVersion });

        var from = await Api.GetJson($"/api/households/{parents.HouseholdId}");
        from.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ShouldNotContain(parents.FatherId!.Value);
        from.GetProperty("formerMembers").EnumerateArray().Single().GetProperty("personId").GetGuid().ShouldBe(parents.FatherId.Value);
        var to = await Api.GetJson($"/api/households/{other.HouseholdId}");
        to.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ShouldContain(parents.FatherId.Value);
        var lastEvent = (await Api.GetJson($"/api/households/{parents.HouseholdId}/history")).EnumerateArray().Last();
        lastEvent.GetProperty("eventType").GetString().ShouldBe("household_member_left");
    }

    [Fact]
    public async Task a_member_moving_out_becomes_a_former_member_and_cannot_leave_twice()
    {
        var family = await Api.RegisteredFamily(ChildBirth);
        var url = $"/api/households/{family.HouseholdId}/members/{family.FatherId}/departure";

        var after = await Api.PostJson(url, new { date = new DateOnly(2026, 12, 20), reason = "moveOut", version = family.HouseholdVersion });
        var problem = ApiClient.Json(await Api.Post(url, new { date = new DateOnly(2026, 12, 21), reason = "moveOut", version = after.GetProperty("version").GetInt32() }, 422));

        problem.GetProperty("rule").GetString().ShouldBe("registry.not-a-member");
        var view = await Api.GetJson($"/api/households/{family.HouseholdId}");
        view.GetProperty("formerMembers")[0].GetProperty("until").GetString().ShouldBe("2026-12-20");
    }

    [Fact]
    public async Task welfare_status_periods_are_recorded_and_an_unopened_one_cannot_end()
    {
        var family = await Api.RegisteredFamily(ChildBirth);
        var url = $"/api/households/{family.HouseholdId}/welfare";

        var started = await Api.PostJson(url, new { kind = "publicAssistance", action = "start", date = new DateOnly(2026, 4, 1), version = family.HouseholdVersion });
        var ended = await Api.PostJson(url, new { kind = "publicAssistance", action = "end", date = new DateOnly(2026, 9, 30), version = started.GetProperty("version").GetInt32() });
        var problem = ApiClient.Json(await Api.Post(url, new { kind = "singleParent", action = "end", date = new DateOnly(2026, 9, 30), version = ended.GetProperty("version").GetInt32() }, 422));

        problem.GetProperty("rule").GetString().ShouldBe("registry.welfare-not-open");
        var welfare = (await Api.GetJson($"/api/households/{family.HouseholdId}")).GetProperty("welfare")[0];
        welfare.GetProperty("kind").GetString().ShouldBe("publicAssistance");
        welfare.GetProperty("startDate").GetString().ShouldBe("2026-04-01");
        welfare.GetProperty("endDate").GetString().ShouldBe("2026-09-30");
    }

    [Fact]
    public async Task history_shows_who_made_each_change_and_the_request_correlation()
    {
        var family = await Api.RegisteredFamily(ChildBirth);
        await Api.Post($"/api/households/{family.HouseholdId}/address",
            new { address = Scenarios.Address(), date = new DateOnly(2026, 10, 1), version = family.HouseholdVersion }, 200,
            configure: s => s.WithRequestHeader("X-Correlation-ID", "req-転居-001"));

        var last = (await Api.GetJson($"/api/households/{family.HouseholdId}/history", ApiClient.Auditor)).EnumerateArray().Last();

        last.GetProperty("label").GetString().ShouldBe("住所変更");
        last.GetProperty("userName").GetString().ShouldBe("test-clerk");
        last.GetProperty("correlationId").GetString().ShouldBe("req-転居-001");
        last.GetProperty("causationId").GetString()!.ShouldStartWith("http-request:");
        last.GetProperty("operation").GetString().ShouldBe("POST /api/households/{id}/address");
    }
}
