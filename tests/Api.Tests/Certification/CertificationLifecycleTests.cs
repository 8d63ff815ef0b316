namespace KosodateShien.Api.Tests.Certification;

public sealed class CertificationLifecycleTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: under 3 on 2027-04-01 (reaches 3 on 2028-06-19) → 3号.
    private static readonly DateOnly InfantBirth = new(2025, 6, 20);
    // Born 2022-10-05: reached 3 on 2025-10-04 → 2号 for a period starting 2027-04-01.
    private static readonly DateOnly PreschoolerBirth = new(2022, 10, 5);

    [Fact]
    public async Task from_application_to_certificate_with_history_of_who_did_what()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 170));
        version.ShouldBe(1);

        var decision = await Api.Approved(id, version);
        decision.GetProperty("category").GetString().ShouldBe("2");
        decision.GetProperty("careLevel").GetString().ShouldBe("standard");
        decision.GetProperty("validFrom").GetString().ShouldBe("2027-04-01");
        decision.GetProperty("validTo").GetString().ShouldBe("2029-03-31"); // day before 就学 (born 2022-10 enters school 2029-04-01)
        decision.GetProperty("certificationNumber").GetString()!.ShouldStartWith("2026");
        decision.GetProperty("version").GetInt32().ShouldBe(2);

        var certificate = await Api.PostJson($"/api/certifications/{id}/certificate", new { action = "issue", date = TestClock.DefaultToday, version = 2 });
        certificate.GetProperty("certificate").GetProperty("issueCount").GetInt32().ShouldBe(1);

        var history = (await Api.GetJson($"/api/certifications/{id}/history", ApiClient.Auditor)).EnumerateArray().ToList();
        history.Select(h => h.GetProperty("label").GetString()).ShouldBe(["支給認定申請受付", "支給認定決定", "認定証交付"]);
        history.Select(h => h.GetProperty("userName").GetString()).ShouldBe(["test-clerk", "test-supervisor", "test-clerk"]);

        var details = await Api.GetJson($"/api/certifications/{id}");
        details.GetProperty("certification").GetProperty("status").GetString().ShouldBe("certified");
        details.GetProperty("history").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task example_14_mother_100h_father_170h_gives_the_household_short_care()
    {
        // REFERENCE.md §15 example 14: both above the 64h lower limit; the household takes the lower level.
        var family = await Api.RegisteredFamily(InfantBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 100, 170));

        var decision = await Api.Approved(id, version);

        decision.GetProperty("category").GetString().ShouldBe("3");
        decision.GetProperty("careLevel").GetString().ShouldBe("short");
        decision.GetProperty("validTo").GetString().ShouldBe("2028-06-18"); // day before 満3歳に達する日 (2028-06-19)
        decision.GetProperty("continuesAsCategory2Until").GetString().ShouldBe("2032-03-31");
    }

    [Fact]
    public async Task example_14_mother_50h_is_below_the_64h_limit_and_cannot_be_approved()
    {
        var family = await Api.RegisteredFamily(InfantBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 50, 170));

        var problem = ApiClient.Json(await Api.Post($"/api/certifications/{id}/decision", new { decisionDate = TestClock.DefaultToday, approve = true, version }, 422, ApiClient.Supervisor));

        problem.GetProperty("rule").GetString().ShouldBe("certification.below-minimum-hours");
        problem.GetProperty("errors").TryGetProperty("needs[0].monthlyHours", out _).ShouldBeTrue();
        var history = await Api.GetJson($"/api/certifications/{id}/history");
        history.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task rejection_needs_a_reason_and_is_recorded_with_it()
    {
        var family = await Api.RegisteredFamily(InfantBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 50, 170));

        var missingReason = ApiClient.Json(await Api.Post($"/api/certifications/{id}/decision", new { decisionDate = TestClock.DefaultToday, approve = false, version }, 400, ApiClient.Supervisor));
        missingReason.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var rejected = await Api.PostJson($"/api/certifications/{id}/decision",
            new { decisionDate = TestClock.DefaultToday, approve = false, reason = "就労時間が下限に満たない", version }, 200, ApiClient.Supervisor);
        rejected.GetProperty("status").GetString().ShouldBe("rejected");
        rejected.GetProperty("closingReason").GetString().ShouldBe("就労時間が下限に満たない");
    }

    [Fact]
    public async Task a_stale_version_gets_409_and_appends_nothing()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));
        await Api.PostJson($"/api/certifications/{id}/missing-documents", new { documents = new[] { "就労証明書" }, date = TestClock.DefaultToday, version });

        await Api.Post($"/api/certifications/{id}/decision", new { decisionDate = TestClock.DefaultToday, approve = true, version }, 409, ApiClient.Supervisor);

        (await Api.GetJson($"/api/certifications/{id}/history")).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task of_ten_concurrent_decisions_on_the_same_version_exactly_one_wins()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("racer", "supervisor")}");
            s.Post.Json(new { decisionDate = TestClock.DefaultToday, approve = true, version }).ToUrl($"/api/certifications/{id}/decision");
            s.IgnoreStatusCode();
        })));

        var statuses = attempts.Select(a => a.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == 200).ShouldBe(1, string.Join(",", statuses));
        statuses.Count(s => s == 409).ShouldBe(9, string.Join(",", statuses));
        (await Api.GetJson($"/api/certifications/{id}/history")).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task missing_documents_block_approval_until_received()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160), missingDocuments: ["就労証明書"]);

        ApiClient.Json(await Api.Post($"/api/certifications/{id}/decision", new { decisionDate = TestClock.DefaultToday, approve = true, version }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("certification.documents-missing");
        var received = await Api.PostJson($"/api/certifications/{id}/documents-received", new { documents = new[] { "就労証明書" }, date = TestClock.DefaultToday, version });
        received.GetProperty("missingDocuments").GetArrayLength().ShouldBe(0);

        (await Api.Approved(id, received.GetProperty("version").GetInt32())).GetProperty("status").GetString().ShouldBe("certified");
    }

    [Fact]
    public async Task a_change_of_hours_gives_a_new_history_number_and_care_level_and_cancellation_closes_it()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 100, 160));
        var approved = await Api.Approved(id, version);
        approved.GetProperty("careLevel").GetString().ShouldBe("short");
        Clock.Today = new DateOnly(2027, 6, 1);

        var changed = await Api.PostJson($"/api/certifications/{id}/changes", new
        {
            changeDate = new DateOnly(2027, 7, 1), reason = "就労時間の増加", needs = Scenarios.Employment(family, 140, 160), version = approved.GetProperty("version").GetInt32(),
        }, 200, ApiClient.Supervisor);

        changed.GetProperty("careLevel").GetString().ShouldBe("standard");
        changed.GetProperty("historyNumber").GetInt32().ShouldBe(2);
        changed.GetProperty("validFrom").GetString().ShouldBe("2027-07-01");

        var cancelled = await Api.PostJson($"/api/certifications/{id}/cancellation",
            new { date = new DateOnly(2027, 8, 31), reason = "転出", version = changed.GetProperty("version").GetInt32() }, 200, ApiClient.Supervisor);
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task a_certificate_can_be_reissued_and_returned_and_a_status_report_issued_and_submitted()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));
        var v = (await Api.Approved(id, version)).GetProperty("version").GetInt32();
        var url = $"/api/certifications/{id}/certificate";

        v = (await Api.PostJson(url, new { action = "issue", date = TestClock.DefaultToday, version = v })).GetProperty("version").GetInt32();
        ApiClient.Json(await Api.Post(url, new { action = "issue", date = TestClock.DefaultToday, version = v }, 422)).GetProperty("rule").GetString().ShouldBe("certificate.already-issued");
        var reissued = await Api.PostJson(url, new { action = "reissue", date = TestClock.DefaultToday, reason = "紛失", version = v });
        reissued.GetProperty("certificate").GetProperty("issueCount").GetInt32().ShouldBe(2);
        var returned = await Api.PostJson(url, new { action = "return", date = TestClock.DefaultToday, reason = "転出", version = reissued.GetProperty("version").GetInt32() });
        returned.GetProperty("certificate").GetProperty("returnedOn").GetString().ShouldBe("2027-01-15");

        var report = $"/api/certifications/{id}/status-report";
        var issued = await Api.PostJson(report, new { action = "issue", date = TestClock.DefaultToday, version = returned.GetProperty("version").GetInt32() });
        var submitted = await Api.PostJson(report, new { action = "submit", date = TestClock.DefaultToday, version = issued.GetProperty("version").GetInt32() });
        submitted.GetProperty("statusReport").GetProperty("state").GetString().ShouldBe("submitted");
    }

    [Fact]
    public async Task the_certification_as_of_a_past_date_shows_what_was_recorded_then()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));
        await Api.Approved(id, version);

        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(-1);
        await Api.Get($"/api/certifications/{id}?asOf={yesterday:yyyy-MM-dd}", 404); // nothing was recorded before today
        var today = await Api.GetJson($"/api/certifications/{id}?asOf={DateTime.UtcNow.AddHours(9):yyyy-MM-dd}");
        today.GetProperty("certification").GetProperty("status").GetString().ShouldBe("certified");
    }

    [Fact]
    public async Task an_application_must_be_for_a_child_by_a_guardian_of_the_same_household()
    {
        var family = await Api.RegisteredFamily(PreschoolerBirth);
        var other = await Api.RegisteredFamily(PreschoolerBirth);

        var notAChild = ApiClient.Json(await Api.Post("/api/certifications", new
        {
            childId = family.MotherId, applicantId = family.MotherId, applicationDate = TestClock.DefaultToday, wantsNurseryCare = true,
            desiredFrom = new DateOnly(2027, 4, 1), needs = Scenarios.Employment(family, 160, 160),
        }, 422));
        notAChild.GetProperty("rule").GetString().ShouldBe("certification.not-a-child");

        var strangerApplies = ApiClient.Json(await Api.Post("/api/certifications", new
        {
            childId = family.ChildId, applicantId = other.MotherId, applicationDate = TestClock.DefaultToday, wantsNurseryCare = true,
            desiredFrom = new DateOnly(2027, 4, 1), needs = Scenarios.Employment(family, 160, 160),
        }, 422));
        strangerApplies.GetProperty("errors").TryGetProperty("applicantId", out _).ShouldBeTrue();
    }
}
