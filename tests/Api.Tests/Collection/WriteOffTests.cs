namespace KosodateShien.Api.Tests.Collection;

/// <summary>不納欠損: the run proposes prescribed charges, a supervisor approves (REFERENCE.md §15 example 20), through the API.</summary>
public sealed class WriteOffTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_charge_due_on_30_april_2025_is_proposed_from_1_may_2030_and_written_off_on_approval()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2023, 6, 20));
        Clock.Today = new DateOnly(2025, 4, 1);
        var id = await Api.Charged(family.MotherId, "2025-04");

        Clock.Today = new DateOnly(2030, 5, 1);
        var schedule = await Api.GetJson("/api/reports/prescriptions?from=2030-04-01&to=2030-04-30", ApiClient.Auditor);
        (schedule.GetProperty("charges").GetInt32(), schedule.GetProperty("amount").GetInt64(), schedule.GetProperty("lines")[0].GetProperty("prescriptionDate").GetString())
            .ShouldBe((1, 30_000L, "2030-04-30"));
        (await Api.GetJson("/api/reports/prescriptions?from=2030-05-01&to=2030-12-31", ApiClient.Auditor)).GetProperty("charges").GetInt32().ShouldBe(0);
        ApiClient.Json(await Api.Get("/api/reports/prescriptions", 400, ApiClient.Auditor)).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2030, 4, 30) }, 200, ApiClient.Finance)).GetArrayLength().ShouldBe(0);
        var proposed = (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2030, 5, 1) }, 200, ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        (proposed.GetProperty("chargeId").GetGuid(), proposed.GetProperty("amount").GetInt64(), proposed.GetProperty("prescriptionDate").GetString(),
            proposed.GetProperty("proposedBy").GetString()).ShouldBe((id, 30_000L, "2030-04-30", "test-finance"));
        (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = new DateOnly(2030, 5, 1) }, 200, ApiClient.Finance)).GetArrayLength().ShouldBe(0);
        (await Api.GetJson("/api/write-offs/proposals", ApiClient.Auditor)).GetArrayLength().ShouldBe(1);

        await Api.Post($"/api/charges/{id}/write-off/approval", new { approvedOn = new DateOnly(2030, 5, 1), version = 2 }, 403, ApiClient.Finance);
        await Api.PostJson($"/api/charges/{id}/write-off/approval", new { approvedOn = new DateOnly(2030, 5, 1), version = 2 }, 200, ApiClient.Supervisor);

        var charge = await Api.GetJson($"/api/charges/{id}?asOf=2030-05-01", ApiClient.Finance);
        (charge.GetProperty("status").GetString(), charge.GetProperty("outstanding").GetInt64()).ShouldBe(("writtenOff", 0L));
        (await Api.GetJson("/api/write-offs/proposals", ApiClient.Auditor)).GetArrayLength().ShouldBe(0);
        var labels = (await Api.GetJson($"/api/charges/{id}/history", ApiClient.Auditor)).EnumerateArray().Select(e => (e.GetProperty("label").GetString(), e.GetProperty("userName").GetString())).ToList();
        labels.ShouldContain(("不納欠損 2030-05-01: 30,000円 (Prescription)", "test-supervisor"));

        var report = await Api.GetJson("/api/reports/write-offs?fiscalYear=2030", ApiClient.Auditor);
        (report.GetProperty("charges").GetInt32(), report.GetProperty("amount").GetInt64()).ShouldBe((1, 30_000L));
        var total = report.GetProperty("totals").EnumerateArray().ShouldHaveSingleItem();
        (total.GetProperty("subject").GetString(), total.GetProperty("reason").GetString()).ShouldBe(("userFee", "prescription"));
        (await Api.GetJson("/api/reports/write-offs?fiscalYear=2029", ApiClient.Auditor)).GetProperty("charges").GetInt32().ShouldBe(0);
        (await Api.GetJson("/api/reports/prescriptions?from=2030-04-01&to=2030-04-30", ApiClient.Auditor)).GetProperty("charges").GetInt32().ShouldBe(0);
    }
}
