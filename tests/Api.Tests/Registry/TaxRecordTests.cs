namespace KosodateShien.Api.Tests.Registry;

public sealed class TaxRecordTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static object Assessment(Guid personId, long incomeLevy, int? version = null, string? correctionReason = null) => new
    {
        personId, fiscalYear = 2026, incomeLevy, perCapitaLevy = 5000, nonTaxable = false, filingType = "salaryReport",
        assessedOn = new DateOnly(2026, 6, 1), version, correctionReason,
    };

    [Fact]
    public async Task an_assessment_then_a_tax_correction_are_kept_as_history_with_the_latest_figures_shown()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 4, 10));
        var url = $"/api/households/{family.HouseholdId}/tax-records";

        var assessed = await Api.PostJson(url, Assessment(family.MotherId, 95_000), 201);
        var corrected = await Api.PostJson(url, Assessment(family.MotherId, 97_000, version: 1, correctionReason: "扶養控除の更正"));

        assessed.GetProperty("version").GetInt32().ShouldBe(1);
        corrected.GetProperty("version").GetInt32().ShouldBe(2);
        corrected.GetProperty("corrected").GetBoolean().ShouldBeTrue();
        var mother = (await Api.GetJson($"/api/households/{family.HouseholdId}")).GetProperty("members").EnumerateArray()
            .Single(m => m.GetProperty("personId").GetGuid() == family.MotherId);
        var year = mother.GetProperty("taxYears")[0];
        year.GetProperty("incomeLevy").GetInt64().ShouldBe(97_000);
        year.GetProperty("corrections").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task a_second_assessment_without_a_version_is_refused_and_a_stale_correction_conflicts()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 4, 10));
        var url = $"/api/households/{family.HouseholdId}/tax-records";
        await Api.PostJson(url, Assessment(family.MotherId, 95_000), 201);
        await Api.PostJson(url, Assessment(family.MotherId, 96_000, version: 1, correctionReason: "更正1"));

        ApiClient.Json(await Api.Post(url, Assessment(family.MotherId, 50_000), 422)).GetProperty("rule").GetString().ShouldBe("tax.year-exists");
        ApiClient.Json(await Api.Post(url, Assessment(family.MotherId, 50_000, version: 1, correctionReason: "更正2"), 409)).GetProperty("status").GetInt32().ShouldBe(409);
    }

    [Fact]
    public async Task tax_records_are_only_taken_for_current_members_and_non_taxable_means_no_levy()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 4, 10));
        var stranger = await Api.RegisteredFamily(new DateOnly(2023, 4, 10));
        var url = $"/api/households/{family.HouseholdId}/tax-records";

        ApiClient.Json(await Api.Post(url, Assessment(stranger.MotherId, 1000), 422)).GetProperty("rule").GetString().ShouldBe("registry.not-a-member");
        var nonTaxableWithLevy = new { personId = family.MotherId, fiscalYear = 2026, incomeLevy = 1000, perCapitaLevy = 0, nonTaxable = true, filingType = "salaryReport", assessedOn = new DateOnly(2026, 6, 1) };
        ApiClient.Json(await Api.Post(url, nonTaxableWithLevy, 422)).GetProperty("rule").GetString().ShouldBe("tax.non-taxable-with-levy");
    }
}
