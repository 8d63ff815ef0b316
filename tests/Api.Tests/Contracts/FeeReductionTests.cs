using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>減免: application, decision (適用期間, 減免率) feeding the fee engine and correcting the months it covers; rejection.</summary>
public sealed class FeeReductionTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<CertifiedFamily> PlacedWithoutTaxRecords()
    {
        // No tax record on file → the top tier (国第8階層, 104,000 標準時間) for a 3号 child.
        var facility = await Api.RegisteredFacility();
        var family = await Api.CertifiedFamily(new DateOnly(2025, 6, 20));
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/placements",
            new { childId = family.Family.ChildId, facilityId = facility, certificationId = family.CertificationId, startsOn = AllocationScenarios.April2027 }, 201));
        return family;
    }

    [Fact]
    public async Task a_granted_reduction_corrects_the_months_it_covers_and_a_rejection_changes_nothing()
    {
        var family = await PlacedWithoutTaxRecords();
        Clock.Today = new DateOnly(2027, 6, 10);
        foreach (var month in new[] { new DateOnly(2027, 5, 1), new DateOnly(2027, 6, 1) })
            await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/fees/monthly-runs", new { month }, 200, ApiClient.Finance));

        var applied = await Api.PostJson("/api/fee-reductions", new
        {
            childId = family.Family.ChildId, kind = "unemployment", appliedOn = new DateOnly(2027, 5, 20), requestedFrom = new DateOnly(2027, 5, 1), reason = "世帯主の失業",
        }, 201);
        var id = applied.GetProperty("id").GetGuid();
        applied.GetProperty("number").GetString()!.ShouldStartWith("R2027");

        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/fee-reductions/{id}/decision", new
        {
            decidedOn = new DateOnly(2027, 6, 1), approve = true, from = new DateOnly(2027, 5, 1), to = new DateOnly(2027, 7, 31), numerator = 1, denominator = 2, version = 1,
        }, 200, ApiClient.Supervisor));

        var latest = (await Api.GetJson($"/api/children/{family.Family.ChildId}/fees", ApiClient.Finance)).EnumerateArray()
            .GroupBy(f => f.GetProperty("month").GetString()).ToDictionary(g => g.Key!, g => g.Last());
        latest["2027-04-01"].GetProperty("fee").GetInt64().ShouldBe(104_000);
        latest["2027-05-01"].GetProperty("fee").GetInt64().ShouldBe(52_000);
        latest["2027-05-01"].GetProperty("reason").GetString().ShouldBe("circumstancesChanged");
        latest["2027-05-01"].GetProperty("replaces").GetInt64().ShouldBe(104_000);
        latest["2027-05-01"].GetProperty("basis").GetProperty("waiverReduction").GetInt64().ShouldBe(52_000);
        // June's fee was the same as May's before and after: May's 更正 holds for it.
        latest.ContainsKey("2027-06-01").ShouldBeFalse();
        (await Api.GetJson($"/api/children/{family.Family.ChildId}/monthly-fees?from=2027-04-01&to=2027-06-01", ApiClient.Finance)).EnumerateArray()
            .Select(f => (f.GetProperty("month").GetString(), f.GetProperty("fee").GetInt64(), f.GetProperty("determinedFor").GetString()))
            .ShouldBe([("2027-04-01", 104_000L, "2027-04-01"), ("2027-05-01", 52_000L, "2027-05-01"), ("2027-06-01", 52_000L, "2027-05-01")]);

        var rejected = await Api.PostJson("/api/fee-reductions", new
        {
            childId = family.Family.ChildId, kind = "disaster", appliedOn = new DateOnly(2027, 6, 1), requestedFrom = new DateOnly(2027, 6, 1), reason = "床下浸水",
        }, 201);
        var decision = await Api.PostJson($"/api/fee-reductions/{rejected.GetProperty("id").GetGuid()}/decision",
            new { decidedOn = new DateOnly(2027, 6, 5), approve = false, reason = "被害の程度が基準に満たない", version = 1 }, 200, ApiClient.Supervisor);
        decision.GetProperty("status").GetString().ShouldBe("rejected");
        decision.GetProperty("rejectionReason").GetString().ShouldBe("被害の程度が基準に満たない");
    }

    [Fact]
    public async Task a_grant_needs_a_period_and_a_share_between_zero_and_one()
    {
        var family = await PlacedWithoutTaxRecords();
        var id = (await Api.PostJson("/api/fee-reductions", new
        {
            childId = family.Family.ChildId, kind = "closure", appliedOn = TestClock.DefaultToday, requestedFrom = new DateOnly(2027, 1, 1), daysAffected = 5, reason = "休園",
        }, 201)).GetProperty("id").GetGuid();

        ApiClient.Json(await Api.Post($"/api/fee-reductions/{id}/decision", new { decidedOn = TestClock.DefaultToday, approve = true, version = 1 }, 400, ApiClient.Supervisor))
            .GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"/api/fee-reductions/{id}/decision", new
        {
            decidedOn = TestClock.DefaultToday, approve = true, from = new DateOnly(2027, 1, 1), to = new DateOnly(2027, 1, 31), numerator = 3, denominator = 2, version = 1,
        }, 422, ApiClient.Supervisor)).GetProperty("rule").GetString().ShouldBe("reduction.ratio");
        await Api.Post($"/api/fee-reductions/{id}/decision", new { decidedOn = TestClock.DefaultToday, approve = true, version = 1 }, 403, ApiClient.Clerk);
    }
}
