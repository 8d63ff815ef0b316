namespace KosodateShien.Api.Tests.Collection;

/// <summary>滞納処分の執行停止 (地方税法15条の7 の例), its 取消, and the 不納欠損 run proposing the claims it extinguished, through the API.</summary>
public sealed class ExecutionSuspensionTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_write_off_run_proposes_immediate_extinction_at_once_and_a_suspension_the_day_after_its_three_years_but_not_a_revoked_one()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var matured = await Api.Charged(family.MotherId, "2027-04");
        var immediate = await Api.Charged(family.FatherId!.Value, "2027-04");
        var revoked = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2028, 6, 20);

        // 執行停止 2028-06-10: the 3 years count from 06-11 and end at the end of 2031-06-10 (民法143条).
        var suspended = await Api.PostJson($"/api/charges/{matured}/execution-suspension", new { suspendedOn = new DateOnly(2028, 6, 10), ground = "noAssets", version = 1 }, 200,
            ApiClient.Finance);
        var suspension = suspended.GetProperty("suspensions").EnumerateArray().ShouldHaveSingleItem();
        (suspension.GetProperty("ground").GetString(), suspension.GetProperty("immediateExtinction").GetBoolean(), suspension.GetProperty("extinctionDate").GetString())
            .ShouldBe(("noAssets", false, "2031-06-10"));
        await Api.PostJson($"/api/charges/{immediate}/execution-suspension", new { suspendedOn = new DateOnly(2028, 6, 10), ground = "noAssets", immediateExtinction = true }, 200,
            ApiClient.Finance);
        (await Api.GetJson($"/api/charges/{immediate}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString())
            .ShouldContain("執行停止 2028-06-10 (無財産, 即時消滅)");
        await Api.PostJson($"/api/charges/{revoked}/execution-suspension", new { suspendedOn = new DateOnly(2028, 6, 10), ground = "unknown" }, 200, ApiClient.Finance);

        var proposedNow = (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2028, 6, 20) }, 200, ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        (proposedNow.GetProperty("chargeId").GetGuid(), proposedNow.GetProperty("reason").GetString(), proposedNow.GetProperty("amount").GetInt64())
            .ShouldBe((immediate, "immediateExtinction", 30_000L));
        ApiClient.Json(await Api.Post($"/api/charges/{immediate}/execution-suspension/revocation", new { revokedOn = new DateOnly(2028, 6, 20) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("suspension.extinguished");

        Clock.Today = new DateOnly(2029, 1, 10);
        var revocation = await Api.PostJson($"/api/charges/{revoked}/execution-suspension/revocation", new { revokedOn = new DateOnly(2029, 1, 10), reason = "所在判明" }, 200,
            ApiClient.Finance);
        revocation.GetProperty("suspensions")[0].GetProperty("revokedOn").GetString().ShouldBe("2029-01-10");

        Clock.Today = new DateOnly(2031, 6, 11);
        (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2031, 6, 10) }, 200, ApiClient.Finance)).GetArrayLength().ShouldBe(0);
        var proposed = (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2031, 6, 11) }, 200, ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        (proposed.GetProperty("chargeId").GetGuid(), proposed.GetProperty("reason").GetString()).ShouldBe((matured, "suspensionMatured"));

        await Api.PostJson($"/api/charges/{matured}/write-off/approval", new { approvedOn = new DateOnly(2031, 6, 11), version = 3 }, 200, ApiClient.Supervisor);
        var report = await Api.GetJson("/api/reports/write-offs?fiscalYear=2031", ApiClient.Auditor);
        report.GetProperty("totals").EnumerateArray().ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("suspensionMatured");
    }

    [Fact]
    public async Task immediate_extinction_needs_the_no_assets_ground_and_a_revocation_needs_a_suspension_in_force()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = await Api.Charged(family.MotherId, "2027-04");
        Clock.Today = new DateOnly(2028, 6, 20);

        var wrongGround = ApiClient.Json(await Api.Post($"/api/charges/{id}/execution-suspension",
            new { suspendedOn = new DateOnly(2028, 6, 10), ground = "livelihood", immediateExtinction = true }, 422, ApiClient.Finance));
        (wrongGround.GetProperty("rule").GetString(), wrongGround.GetProperty("errors").TryGetProperty("immediateExtinction", out _))
            .ShouldBe(("suspension.immediate-extinction-ground", true));
        ApiClient.Json(await Api.Post($"/api/charges/{id}/execution-suspension", new { suspendedOn = new DateOnly(2028, 6, 10), ground = "bankrupt" }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("ground", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"/api/charges/{id}/execution-suspension/revocation", new { revokedOn = new DateOnly(2028, 6, 10) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("suspension.not-suspended");
        var future = ApiClient.Json(await Api.Post($"/api/charges/{id}/execution-suspension", new { suspendedOn = new DateOnly(2028, 6, 21), ground = "livelihood" }, 422,
            ApiClient.Finance));
        (future.GetProperty("rule").GetString(), future.GetProperty("errors").TryGetProperty("suspendedOn", out _)).ShouldBe(("date.in-future", true));
    }
}
