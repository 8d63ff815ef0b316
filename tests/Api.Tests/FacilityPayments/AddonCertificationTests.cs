using System.Text.Json;

namespace KosodateShien.Api.Tests.FacilityPayments;

/// <summary>加算認定 per facility and 年度 through the real pipeline: roles, versions, and the catalogue of the 単価表 in force.</summary>
public sealed class AddonCertificationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task PublishSampleTable() =>
        await Api.PostJson("/api/facility-payments/price-tables", PublicPriceTableTests.SampleBody(), 201, ApiClient.Admin);

    [Fact]
    public async Task a_year_of_addons_is_applied_for_certified_changed_and_revoked_at_the_version_read()
    {
        await PublishSampleTable();
        var facility = await Api.RegisteredFacility();
        var url = $"/api/facilities/{facility}/addons/2026";

        await Api.Get(url, 404);
        (await Api.PostJson($"{url}/applications", new { code = "head-nurse", fromMonth = "2026-04-01", appliedOn = "2026-03-10" }, 200, ApiClient.FacilityLiaison))
            .GetProperty("version").GetInt32().ShouldBe(2);
        await Api.Post($"{url}/certifications", new { code = "head-nurse", fromMonth = "2026-04-01", certifiedOn = "2026-03-25", version = 2 }, 403, ApiClient.Clerk);
        await Api.PostJson($"{url}/certifications", new { code = "head-nurse", fromMonth = "2026-04-01", certifiedOn = "2026-03-25", version = 2 }, 200, ApiClient.Supervisor);
        ApiClient.Json(await Api.Post($"{url}/certifications", new { code = "head-nurse", fromMonth = "2026-06-01", certifiedOn = "2026-05-25", version = 2 }, 409, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("version.conflict");
        ApiClient.Json(await Api.Post($"{url}/certifications", new { code = "head-nurse", fromMonth = "2026-06-01", certifiedOn = "2026-05-25", version = 3 }, 422, ApiClient.Supervisor))
            .GetProperty("errors").TryGetProperty("changeReason", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"{url}/certifications", new { code = "nope", fromMonth = "2026-06-01", certifiedOn = "2026-05-25", version = 3 }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("addon.unknown-item");
        await Api.PostJson($"{url}/revocations", new { code = "head-nurse", fromMonth = "2026-10-01", revokedOn = "2026-09-30", reason = "主任保育士の退職", version = 3 }, 200, ApiClient.Supervisor);
        await Api.PostJson($"{url}/treatment-rates", new { a = 10, b = 7, personsA = 3, personsB = 2, fromMonth = "2026-04-01", provisional = true, certifiedOn = "2026-04-01", version = 4 }, 200, ApiClient.Supervisor);

        var year = await Api.GetJson(url, ApiClient.Auditor);
        year.GetProperty("version").GetInt32().ShouldBe(5);
        var item = year.GetProperty("items").EnumerateArray().Single();
        (item.GetProperty("fromMonth").GetString(), item.GetProperty("untilMonth").GetString()).ShouldBe(("2026-04-01", "2026-09-01"));
        item.GetProperty("priceTableVersion").GetInt32().ShouldBe(1);
        year.GetProperty("pending").GetArrayLength().ShouldBe(0);
        year.GetProperty("rates").EnumerateArray().Single().GetProperty("provisional").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task an_unknown_facility_is_not_found_and_a_bad_year_or_input_names_the_field()
    {
        await Api.Post($"/api/facilities/{Guid.NewGuid()}/addons/2026/applications", new { code = "head-nurse", fromMonth = "2026-04-01", appliedOn = "2026-03-10" }, 404,
            ApiClient.FacilityLiaison);
        var facility = await Api.RegisteredFacility();
        ApiClient.Json(await Api.Get($"/api/facilities/{facility}/addons/99999", 400)).GetProperty("errors").TryGetProperty("fiscalYear", out _).ShouldBeTrue();
        var problem = ApiClient.Json(await Api.Post($"/api/facilities/{facility}/addons/2026/treatment-rates",
            new { a = -1, b = 7, personsA = 0, personsB = 0, fromMonth = "2026-04-01", provisional = false, certifiedOn = "2026-04-01" }, 400, ApiClient.Supervisor));
        problem.GetProperty("errors").TryGetProperty("a", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"/api/facilities/{facility}/addons/2026/applications", new { code = "head-nurse", fromMonth = "2027-04-01", appliedOn = "2026-03-10" }, 422,
            ApiClient.FacilityLiaison)).GetProperty("rule").GetString().ShouldBe("addon.outside-fiscal-year");
        await Api.Get($"/api/facilities/{facility}/addons/2026", 404);
    }
}
