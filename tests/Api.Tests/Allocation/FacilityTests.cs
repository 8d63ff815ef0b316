namespace KosodateShien.Api.Tests.Allocation;

public sealed class FacilityTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_facility_is_registered_and_declares_vacancies_within_its_capacity()
    {
        var id = await Api.RegisteredFacility(capacity: new { age0 = 3, age1 = 6, age2 = 6 }, aprilVacancies: new { age0 = 3, age1 = 2 });

        var facility = await Api.GetJson($"/api/facilities/{id}", ApiClient.Clerk);
        facility.GetProperty("capacity").GetProperty("age1").GetInt32().ShouldBe(6);
        var april = facility.GetProperty("vacancies").EnumerateArray().Single();
        april.GetProperty("month").GetString().ShouldBe("2027-04-01");
        april.GetProperty("seats").GetProperty("age0").GetInt32().ShouldBe(3);

        var tooMany = ApiClient.Json(await Api.Post($"/api/facilities/{id}/vacancies", new { month = AllocationScenarios.April2027, seats = new { age1 = 7 }, version = 2 }, 422, ApiClient.FacilityLiaison));
        tooMany.GetProperty("rule").GetString().ShouldBe("facility.vacancies-above-capacity");
        tooMany.GetProperty("errors").TryGetProperty("seats.1", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task small_scale_facilities_take_children_under_three_only()
    {
        var problem = ApiClient.Json(await Api.Post("/api/facilities", new
        {
            facilityNumber = Scenarios.NextNumber(), name = "テスト小規模保育所", kind = "smallScale", address = Scenarios.Address(),
            opensOn = new DateOnly(2020, 4, 1), capacity = new { age1 = 6, age3 = 1 },
        }, 422, ApiClient.FacilityLiaison));

        problem.GetProperty("rule").GetString().ShouldBe("facility.under-three-only");
    }

    [Fact]
    public async Task a_duplicate_facility_number_is_a_conflict()
    {
        var body = new { facilityNumber = "1310400001", name = "テスト保育園", kind = "nurserySchool", address = Scenarios.Address(), opensOn = new DateOnly(2020, 4, 1), capacity = new { age1 = 6 } };
        await Api.PostJson("/api/facilities", body, 201, ApiClient.FacilityLiaison);
        ApiClient.Json(await Api.Post("/api/facilities", body, 409, ApiClient.FacilityLiaison)).GetProperty("errors").TryGetProperty("facilityNumber", out _).ShouldBeTrue();
    }
}
