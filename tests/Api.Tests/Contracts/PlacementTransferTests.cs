using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>異動: 転園 and 認定変更 on a running placement, with the fees that follow, through the API on real PostgreSQL.</summary>
public sealed class PlacementTransferTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: 1歳児 in 年度2027, 3号. Both parents 160h → 保育標準時間; 年度2026 所得割 95,000 → 国第4階層.
    private static readonly DateOnly Birth = new(2025, 6, 20);
    private static readonly DateOnly June2027 = new(2027, 6, 1);

    private async Task<JsonElement> Placement(Guid id) => await Api.GetJson($"/api/placements/{id}", ApiClient.Auditor);

    /// <summary>The placement's fee in force for the month, as the child's month-by-month fees show it (null: the month owes nothing on it).</summary>
    private async Task<long?> FeeFor(JsonElement placement, DateOnly month) =>
        (await Api.GetJson($"/api/children/{placement.GetProperty("childId").GetGuid()}/monthly-fees?from={month:yyyy-MM-dd}&to={month:yyyy-MM-dd}", ApiClient.Auditor))
            .EnumerateArray().Where(f => f.GetProperty("placementId").GetGuid() == placement.GetProperty("id").GetGuid())
            .Select(f => (long?)f.GetProperty("fee").GetInt64()).SingleOrDefault();

    private static IEnumerable<string> Labels(JsonElement history) => history.EnumerateArray().Select(e => e.GetProperty("label").GetString()!);

    [Fact]
    public async Task a_transfer_ends_the_old_placement_the_day_before_and_moves_the_months_fee_to_the_new_one()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 6, 10);
        await Host.MonthlyRun(Api, June2027);
        var before = await Placement(placed.PlacementId);
        var juneFee = (await FeeFor(before, June2027))!.Value;
        var other = await Api.RegisteredFacility();

        JsonElement created = default;
        await Host.ExecuteAndWaitAsync(async () => created = await Api.PostJson($"/api/placements/{placed.PlacementId}/transfer",
            new { toFacilityId = other, startsOn = June2027, version = before.GetProperty("version").GetInt32() }, 201));

        var old = await Placement(placed.PlacementId);
        old.GetProperty("endsOn").GetString().ShouldBe("2027-05-31");
        old.GetProperty("endReason").GetString().ShouldBe("転園");
        (await FeeFor(old, June2027)).ShouldBeNull();
        var moved = await Placement(created.GetProperty("id").GetGuid());
        moved.GetProperty("facilityId").GetGuid().ShouldBe(other);
        moved.GetProperty("startsOn").GetString().ShouldBe("2027-06-01");
        moved.GetProperty("classAge").GetInt32().ShouldBe(1);
        created.GetProperty("contractNumber").GetString().ShouldNotBe(old.GetProperty("contractNumber").GetString());
        (await FeeFor(moved, June2027)).ShouldBe(juneFee);
        Labels(await Api.GetJson($"/api/placements/{placed.PlacementId}/history", ApiClient.Auditor)).ShouldContain("異動 (転園)");
        Labels(await Api.GetJson($"/api/placements/{moved.GetProperty("id").GetGuid()}/history", ApiClient.Auditor)).First().ShouldBe("利用決定・入所 (転園)");
        var roster = await Api.GetJson($"/api/facilities/{placed.FacilityId}/roster?month=2027-06-01", ApiClient.Auditor);
        roster.GetProperty("enrolled").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task a_transfer_mid_month_or_to_the_same_facility_is_refused_and_nothing_is_stored()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        var other = await Api.RegisteredFacility();
        var version = (await Placement(placed.PlacementId)).GetProperty("version").GetInt32();

        var midMonth = ApiClient.Json(await Api.Post($"/api/placements/{placed.PlacementId}/transfer", new { toFacilityId = other, startsOn = new DateOnly(2027, 6, 15), version }, 422));
        midMonth.GetProperty("rule").GetString().ShouldBe("placement.transfer-on-first-of-month");
        var same = ApiClient.Json(await Api.Post($"/api/placements/{placed.PlacementId}/transfer", new { toFacilityId = placed.FacilityId, startsOn = June2027, version }, 422));
        same.GetProperty("rule").GetString().ShouldBe("placement.transfer-same-facility");
        await Api.Post($"/api/placements/{placed.PlacementId}/transfer", new { toFacilityId = other, startsOn = June2027, version = version + 1 }, 409);
        await Api.Post($"/api/placements/{placed.PlacementId}/transfer", new { toFacilityId = other, startsOn = June2027, version }, 403, ApiClient.Auditor);

        var after = await Placement(placed.PlacementId);
        after.GetProperty("version").GetInt32().ShouldBe(version);
        after.TryGetProperty("endsOn", out var ends).ShouldBeTrue();
        ends.ValueKind.ShouldBe(JsonValueKind.Null);
        (await Api.GetJson($"/api/placements?childId={placed.Family.Family.ChildId}", ApiClient.Auditor)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_certification_change_is_recorded_on_the_placement_and_the_fee_follows_from_the_next_month()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 6, 10);
        await Host.MonthlyRun(Api, new DateOnly(2027, 5, 1));
        await Host.MonthlyRun(Api, June2027);
        var standard = (await FeeFor(await Placement(placed.PlacementId), June2027))!.Value;

        // The mother cuts her hours to 100 from 15 May: 保育短時間 from that day, so from June for the fee (各月初日).
        var certification = await Api.GetJson($"/api/certifications/{placed.Family.CertificationId}", ApiClient.Auditor);
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/certifications/{placed.Family.CertificationId}/changes", new
        {
            changeDate = new DateOnly(2027, 5, 15), reason = "就労時間の減少", needs = Scenarios.Employment(placed.Family.Family, 100, 160),
            version = certification.GetProperty("version").GetInt32(),
        }, 200, ApiClient.Supervisor));

        var after = await Placement(placed.PlacementId);
        var link = after.GetProperty("certifications").EnumerateArray().Last();
        link.GetProperty("from").GetString().ShouldBe("2027-05-15");
        link.GetProperty("careLevel").GetString().ShouldBe("short");
        link.GetProperty("historyNumber").GetInt32().ShouldBe(2);
        Labels(await Api.GetJson($"/api/placements/{placed.PlacementId}/history", ApiClient.Auditor)).ShouldContain("異動 (認定変更: 3号 短時間)");

        var quote = await Api.PostJson("/api/fees/quote", new
        {
            month = "2027-06",
            household = new { singleParent = false, disabledAtHome = false, publicAssistance = false, taxYears = new[] { new { fiscalYear = 2026, incomeLevy = 95_000, nonTaxable = false } } },
            children = new[] { new { id = "c", birthDate = Birth, certification = "3", careLevel = "short", enrollment = "nursery", enrolledFrom = AllocationScenarios.April2027 } },
        }, 200, ApiClient.Clerk);
        var shortFee = quote.GetProperty("children")[0].GetProperty("fee").GetInt64();
        shortFee.ShouldBeLessThan(standard);
        (await FeeFor(after, new DateOnly(2027, 5, 1))).ShouldBe(standard);
        (await FeeFor(after, June2027)).ShouldBe(shortFee);
        var roster = await Api.GetJson($"/api/facilities/{placed.FacilityId}/roster?month=2027-05-01", ApiClient.Auditor);
        roster.GetProperty("counts")[0].GetProperty("careLevel").GetString().ShouldBe("standard");
        roster = await Api.GetJson($"/api/facilities/{placed.FacilityId}/roster?month=2027-06-01", ApiClient.Auditor);
        roster.GetProperty("counts")[0].GetProperty("careLevel").GetString().ShouldBe("short");
    }

    [Fact]
    public async Task a_placement_can_move_to_a_new_certification_of_the_same_child_but_not_to_another_childs()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        var stranger = await Api.CertifiedFamily(Birth);
        var version = (await Placement(placed.PlacementId)).GetProperty("version").GetInt32();

        var refused = ApiClient.Json(await Api.Post($"/api/placements/{placed.PlacementId}/certification",
            new { certificationId = stranger.CertificationId, effectiveFrom = new DateOnly(2027, 5, 1), version }, 422));
        refused.GetProperty("rule").GetString().ShouldBe("placement.certification-other-child");
        var outside = ApiClient.Json(await Api.Post($"/api/placements/{placed.PlacementId}/certification",
            new { certificationId = placed.Family.CertificationId, effectiveFrom = new DateOnly(2027, 3, 1), version }, 422));
        outside.GetProperty("rule").GetString().ShouldBe("placement.change-outside-placement");

        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placed.PlacementId}/certification",
            new { certificationId = placed.Family.CertificationId, effectiveFrom = new DateOnly(2027, 5, 1), version, reason = "認定証の再確認" }, 200));
        var after = await Placement(placed.PlacementId);
        after.GetProperty("certifications").EnumerateArray().Last().GetProperty("from").GetString().ShouldBe("2027-05-01");
        after.GetProperty("version").GetInt32().ShouldBe(version + 1);
    }
}
