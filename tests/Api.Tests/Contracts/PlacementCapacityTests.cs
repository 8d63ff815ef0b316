using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>利用定員 limits placements: 入所, the placement a 転園 starts, and a 内定's placement alike.</summary>
public sealed class PlacementCapacityTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20 and 2025-08-01: both 1歳児 in 年度2027.
    private static readonly DateOnly Birth = new(2025, 6, 20);
    private static readonly DateOnly April = AllocationScenarios.April2027;
    private static readonly object OnePlaceForOneYearOlds = new { age0 = 3, age1 = 1, age2 = 3, age3 = 0, age4 = 0, age5 = 0 };

    private async Task<Guid> Placed(CertifiedFamily family, Guid facility, DateOnly startsOn)
    {
        Guid id = default;
        await Host.ExecuteAndWaitAsync(async () => id = (await Api.PostJson("/api/placements",
            new { childId = family.Family.ChildId, facilityId = facility, certificationId = family.CertificationId, startsOn }, 201)).GetProperty("id").GetGuid());
        return id;
    }

    private async Task<int> PlacementsOf(Guid childId) =>
        (await Api.GetJson($"/api/placements?childId={childId}", ApiClient.Auditor)).GetProperty("items").GetArrayLength();

    private static void ShouldBeClassFull(JsonElement problem, string facilityField)
    {
        problem.GetProperty("rule").GetString().ShouldBe("placement.class-full");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(facilityField, out _).ShouldBeTrue();
        errors.TryGetProperty("startsOn", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_placement_into_a_full_class_is_refused_naming_the_facility_and_the_start_until_a_child_leaves()
    {
        var facility = await Api.RegisteredFacility(capacity: OnePlaceForOneYearOlds);
        var first = await Api.CertifiedFamily(Birth);
        var second = await Api.CertifiedFamily(new DateOnly(2025, 8, 1));
        var placement = await Placed(first, facility, April);

        var full = ApiClient.Json(await Api.Post("/api/placements",
            new { childId = second.Family.ChildId, facilityId = facility, certificationId = second.CertificationId, startsOn = new DateOnly(2027, 6, 1) }, 422));

        ShouldBeClassFull(full, "facilityId");
        full.GetProperty("detail").GetString()!.ShouldContain("1歳児");
        (await PlacementsOf(second.Family.ChildId)).ShouldBe(0);
        (await Api.GetJson($"/api/facilities/{facility}/roster?month=2027-06-01", ApiClient.Auditor)).GetProperty("enrolled").GetInt32().ShouldBe(1);

        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placement}/leaving",
            new { lastDay = new DateOnly(2027, 6, 30), reason = "転出", version = (await Api.GetJson($"/api/placements/{placement}")).GetProperty("version").GetInt32() }));
        await Api.Post("/api/placements",
            new { childId = second.Family.ChildId, facilityId = facility, certificationId = second.CertificationId, startsOn = new DateOnly(2027, 6, 30) }, 422);
        await Placed(second, facility, new DateOnly(2027, 7, 1));
    }

    [Fact]
    public async Task a_baby_placed_in_the_year_it_was_born_is_still_in_the_0_year_class_next_april_on_the_roster_and_for_the_check()
    {
        // Born 2026-06-10: 0 on 1 April 2027 as well, so the 0歳児 class again in 年度2027 (before the April run records it too).
        var facility = await Api.RegisteredFacility(capacity: new { age0 = 1, age1 = 3, age2 = 3, age3 = 0, age4 = 0, age5 = 0 });
        var baby = await Api.RegisteredFamily(new DateOnly(2026, 6, 10));
        var (certification, version) = await Api.Applied(baby, new DateOnly(2027, 2, 1), Scenarios.Employment(baby, 160, 160));
        await Api.Approved(certification, version);
        await Placed(new CertifiedFamily(baby, certification), facility, new DateOnly(2027, 2, 1));

        var april = await Api.GetJson($"/api/facilities/{facility}/roster?month=2027-04-01", ApiClient.Auditor);
        april.GetProperty("children").EnumerateArray().Single().GetProperty("classAge").GetInt32().ShouldBe(0);
        var younger = await Api.CertifiedFamily(new DateOnly(2026, 10, 1));
        ShouldBeClassFull(ApiClient.Json(await Api.Post("/api/placements",
            new { childId = younger.Family.ChildId, facilityId = facility, certificationId = younger.CertificationId, startsOn = April }, 422)), "facilityId");
        await Placed(await Api.CertifiedFamily(Birth), facility, April);
    }

    [Fact]
    public async Task a_transfer_into_a_full_class_is_refused_and_the_child_stays_where_it_is()
    {
        var full = await Api.RegisteredFacility(capacity: OnePlaceForOneYearOlds);
        await Placed(await Api.CertifiedFamily(new DateOnly(2025, 8, 1)), full, April);
        var moving = await Api.CertifiedFamily(Birth);
        var placement = await Placed(moving, await Api.RegisteredFacility(), April);
        var version = (await Api.GetJson($"/api/placements/{placement}")).GetProperty("version").GetInt32();

        var refused = ApiClient.Json(await Api.Post($"/api/placements/{placement}/transfer", new { toFacilityId = full, startsOn = new DateOnly(2027, 6, 1), version }, 422));

        ShouldBeClassFull(refused, "toFacilityId");
        var after = await Api.GetJson($"/api/placements/{placement}");
        after.GetProperty("version").GetInt32().ShouldBe(version);
        after.GetProperty("endsOn").ValueKind.ShouldBe(JsonValueKind.Null);
        (await PlacementsOf(moving.Family.ChildId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_child_offered_a_place_in_the_round_is_held_to_the_capacity_too()
    {
        // The facility declared a free 1歳児 place for April and the round offered it; meanwhile a direct contract took it.
        var facility = await Api.RegisteredFacility(capacity: OnePlaceForOneYearOlds, aprilVacancies: new { age0 = 0, age1 = 1, age2 = 0, age3 = 0, age4 = 0, age5 = 0 });
        var offered = await Api.CertifiedFamily(Birth);
        var (application, _) = await Api.AppliedForPlacement(offered, [facility]);
        var (roundId, _, run) = await Api.RanRound();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);
        (await Api.GetJson($"/api/applications/{application}", ApiClient.Auditor)).GetProperty("status").GetString().ShouldBe("offered");
        await Placed(await Api.CertifiedFamily(new DateOnly(2025, 8, 1)), facility, April);

        var refused = ApiClient.Json(await Api.Post("/api/placements",
            new { childId = offered.Family.ChildId, facilityId = facility, startsOn = April, applicationId = application }, 422));

        ShouldBeClassFull(refused, "facilityId");
        (await PlacementsOf(offered.Family.ChildId)).ShouldBe(0);
    }
}
