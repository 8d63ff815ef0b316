namespace KosodateShien.Api.Tests.Certification;

public sealed class RuleSetVersionTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static object Rules(DateOnly effectiveFrom, int minimumHours) => new
    {
        effectiveFrom, description = $"下限{minimumHours}時間", minimumMonthlyHours = minimumHours, standardCareMonthlyHours = 120,
        jobSeekingValidityDays = 90, jobSeekingEndsAtMonthEnd = false, decisionDeadlineDays = 30, nearDeadlineDays = 7,
        reasons = new[] { "employment", "pregnancy", "illness", "care", "disaster", "jobSeeking", "study", "abuse", "parentalLeave", "other" }
            .Select(r => new { reason = r, rule = r is "employment" or "care" or "study" or "other" ? "byHours" : r == "parentalLeave" ? "alwaysShort" : "alwaysStandard" }),
    };

    [Fact]
    public async Task a_new_rule_version_applies_from_its_effective_date_and_decisions_record_which_version_they_used()
    {
        // REFERENCE.md §2: the lower limit is municipal (48–64h). Version 2 lowers it to 48h from 2027-04-01.
        var published = await Api.PostJson("/api/rule-sets/certification", Rules(new DateOnly(2027, 4, 1), 48), 201, ApiClient.Admin);
        published.GetProperty("version").GetInt32().ShouldBe(2);

        var april = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (aprilId, v1) = await Api.Applied(april, new DateOnly(2027, 4, 1), Scenarios.Employment(april, 50, 170));
        var approved = await Api.Approved(aprilId, v1);
        approved.GetProperty("careLevel").GetString().ShouldBe("short");

        var march = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (marchId, v2) = await Api.Applied(march, new DateOnly(2027, 3, 1), Scenarios.Employment(march, 50, 170));
        ApiClient.Json(await Api.Post($"/api/certifications/{marchId}/decision", new { decisionDate = TestClock.DefaultToday, approve = true, version = v2 }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("certification.below-minimum-hours");

        var history = await Api.GetJson($"/api/certifications/{aprilId}/history");
        var basis = history[1].GetProperty("data").GetProperty("basis");
        basis.GetProperty("ruleSetVersion").GetInt32().ShouldBe(2);
        basis.GetProperty("guardians")[0].GetProperty("monthlyHours").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task rule_versions_cannot_be_backdated_and_only_admins_publish_them()
    {
        await Api.Post("/api/rule-sets/certification", Rules(new DateOnly(2027, 4, 1), 48), 403, ApiClient.Supervisor);
        ApiClient.Json(await Api.Post("/api/rule-sets/certification", Rules(new DateOnly(2014, 4, 1), 48), 422, ApiClient.Admin))
            .GetProperty("rule").GetString().ShouldBe("rules.not-after-latest");
        (await Api.GetJson("/api/rule-sets/certification", ApiClient.Clerk)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_published_version_records_who_published_it()
    {
        await Api.PostJson("/api/rule-sets/certification", Rules(new DateOnly(2027, 4, 1), 48), 201, ApiClient.Admin);
        var versions = await Api.GetJson("/api/rule-sets/certification", ApiClient.Auditor);
        versions[1].GetProperty("publishedBy").GetString().ShouldBe("test-admin");
        versions[1].GetProperty("minimumMonthlyHours").GetInt32().ShouldBe(48);
        versions[0].GetProperty("minimumMonthlyHours").GetInt32().ShouldBe(64);
    }
}
