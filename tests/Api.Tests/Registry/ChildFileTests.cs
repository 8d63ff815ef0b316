namespace KosodateShien.Api.Tests.Registry;

public sealed class ChildFileTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_child_file_gathers_household_guardians_tax_years_and_certifications()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2023, 9, 1));
        await Api.PostJson($"/api/households/{family.HouseholdId}/tax-records", new
        {
            personId = family.MotherId, fiscalYear = 2026, incomeLevy = 120_000, perCapitaLevy = 5000, nonTaxable = false,
            filingType = "salaryReport", assessedOn = new DateOnly(2026, 6, 1),
        }, 201);
        var (certificationId, _) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));

        var file = await Api.GetJson($"/api/children/{family.ChildId}", ApiClient.Auditor);

        file.GetProperty("birthDate").GetString().ShouldBe("2023-09-01");
        file.GetProperty("age").GetInt32().ShouldBe(3);       // on 2027-01-15
        file.GetProperty("classAge").GetInt32().ShouldBe(2);  // 年度2026: age on 2026-04-01 (2歳児クラス)
        file.GetProperty("household").GetProperty("id").GetGuid().ShouldBe(family.HouseholdId);
        file.GetProperty("guardians").GetArrayLength().ShouldBe(2);
        file.GetProperty("guardians").EnumerateArray().Single(g => g.GetProperty("personId").GetGuid() == family.MotherId)
            .GetProperty("taxYears")[0].GetProperty("incomeLevy").GetInt64().ShouldBe(120_000);
        file.GetProperty("certifications")[0].GetProperty("id").GetGuid().ShouldBe(certificationId);
    }

    [Fact]
    public async Task a_guardian_or_an_unknown_id_is_not_a_child_file()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2023, 9, 1));
        await Api.Get($"/api/children/{family.MotherId}", 404);
        await Api.Get($"/api/children/{Guid.NewGuid()}", 404);
    }
}
