namespace KosodateShien.Api.Tests.Allocation;

public sealed class PlacementApplicationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly OneYearClass = new(2025, 6, 20);

    [Fact]
    public async Task an_application_is_received_with_a_number_and_a_second_one_for_the_same_child_is_refused()
    {
        var facility = await Api.RegisteredFacility();
        var family = await Api.CertifiedFamily(OneYearClass);
        var (id, number) = await Api.AppliedForPlacement(family, [facility], adjustments: ["siblingEnrolled"]);

        number.ShouldStartWith("A2027");
        var application = await Api.GetJson($"/api/applications/{id}", ApiClient.Auditor);
        application.GetProperty("status").GetString().ShouldBe("received");
        application.GetProperty("desiredFacilities")[0].GetGuid().ShouldBe(facility);

        var duplicate = ApiClient.Json(await Api.Post("/api/applications", new
        {
            childId = family.Family.ChildId, applicantId = family.Family.MotherId, certificationId = family.CertificationId,
            applicationDate = TestClock.DefaultToday, desiredFacilities = new[] { facility }, desiredStartMonth = AllocationScenarios.April2027,
        }, 422));
        duplicate.GetProperty("rule").GetString().ShouldBe("application.duplicate");
    }

    [Fact]
    public async Task unknown_facilities_adjustments_and_a_transfer_without_its_current_facility_are_refused()
    {
        var facility = await Api.RegisteredFacility();
        var family = await Api.CertifiedFamily(OneYearClass);
        object Body(Guid[] facilities, string[] adjustments, string kind = "new") => new
        {
            childId = family.Family.ChildId, applicantId = family.Family.MotherId, certificationId = family.CertificationId,
            applicationDate = TestClock.DefaultToday, desiredFacilities = facilities, desiredStartMonth = AllocationScenarios.April2027, adjustments, kind,
        };

        ApiClient.Json(await Api.Post("/api/applications", Body([facility, Guid.NewGuid()], []), 422)).GetProperty("errors").TryGetProperty("desiredFacilities[1]", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post("/api/applications", Body([facility], ["bribe"]), 422)).GetProperty("rule").GetString().ShouldBe("application.unknown-adjustment");
        ApiClient.Json(await Api.Post("/api/applications", Body([facility], [], "transfer"), 400)).GetProperty("errors").TryGetProperty("currentFacilityId", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post("/api/applications", Body([facility, facility], []), 400)).GetProperty("errors").TryGetProperty("desiredFacilities", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task a_withdrawn_application_is_closed_and_stays_in_history()
    {
        var facility = await Api.RegisteredFacility();
        var family = await Api.CertifiedFamily(OneYearClass);
        var (id, _) = await Api.AppliedForPlacement(family, [facility]);

        var withdrawn = await Api.PostJson($"/api/applications/{id}/withdrawal", new { date = TestClock.DefaultToday, reason = "認可外に入所", version = 1 });

        withdrawn.GetProperty("status").GetString().ShouldBe("withdrawn");
        var history = await Api.GetJson($"/api/applications/{id}/history", ApiClient.Auditor);
        history.EnumerateArray().Select(h => h.GetProperty("label").GetString()).ShouldBe(["利用申込受付", "利用申請取下"]);
    }
}
