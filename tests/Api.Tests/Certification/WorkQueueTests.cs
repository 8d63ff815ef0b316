namespace KosodateShien.Api.Tests.Certification;

public sealed class WorkQueueTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_queue_shows_pending_applications_by_their_30_day_limit()
    {
        var birth = new DateOnly(2022, 10, 5);
        var overdue = await Api.RegisteredFamily(birth);
        var near = await Api.RegisteredFamily(birth);
        var fresh = await Api.RegisteredFamily(birth);
        var decided = await Api.RegisteredFamily(birth);
        // Today is 2027-01-15; due dates are application + 30 days.
        var (overdueId, _) = await Api.Applied(overdue, new DateOnly(2027, 4, 1), Scenarios.Employment(overdue, 160, 160), applicationDate: new DateOnly(2026, 12, 10)); // due 2027-01-09
        var (nearId, _) = await Api.Applied(near, new DateOnly(2027, 4, 1), Scenarios.Employment(near, 160, 160), missingDocuments: ["就労証明書"], applicationDate: new DateOnly(2026, 12, 20)); // due 2027-01-19
        var (freshId, _) = await Api.Applied(fresh, new DateOnly(2027, 4, 1), Scenarios.Employment(fresh, 160, 160), applicationDate: new DateOnly(2027, 1, 14)); // due 2027-02-13
        var (decidedId, v) = await Api.Applied(decided, new DateOnly(2027, 4, 1), Scenarios.Employment(decided, 160, 160), applicationDate: new DateOnly(2026, 12, 1));
        await Api.Approved(decidedId, v);

        var all = await Api.GetJson("/api/certification-queue");
        all.GetProperty("total").GetInt64().ShouldBe(3);
        var items = all.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe([overdueId, nearId, freshId]);
        items.Select(i => i.GetProperty("deadline").GetString()).ShouldBe(["overdue", "nearDeadline", "onTime"]);
        items[0].GetProperty("daysLeft").GetInt32().ShouldBe(-6);
        items[1].GetProperty("queue").GetString().ShouldBe("awaitingDocuments");
        items[1].GetProperty("childKana").GetString()!.ShouldNotBeNullOrWhiteSpace();

        (await Api.GetJson("/api/certification-queue?queue=overdue")).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(overdueId);
        (await Api.GetJson("/api/certification-queue?queue=nearDeadline")).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(nearId);
        (await Api.GetJson("/api/certification-queue?queue=awaitingDocuments")).GetProperty("total").GetInt64().ShouldBe(1);

        var page2 = await Api.GetJson("/api/certification-queue?page=2&pageSize=2");
        page2.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(freshId);
    }

    [Fact]
    public async Task a_postponement_moves_the_limit_and_bad_filters_answer_400()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2022, 10, 5));
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160), applicationDate: new DateOnly(2026, 12, 20));

        var postponed = await Api.PostJson($"/api/certifications/{id}/postponement",
            new { noticeDate = TestClock.DefaultToday, newDueDate = new DateOnly(2027, 2, 28), reason = "所得の確認に時間を要するため", version }, 200, ApiClient.Supervisor);
        postponed.GetProperty("decisionDueDate").GetString().ShouldBe("2027-02-28");
        (await Api.GetJson("/api/certification-queue?queue=nearDeadline")).GetProperty("total").GetInt64().ShouldBe(0);

        ApiClient.Json(await Api.Get("/api/certification-queue?queue=someday", 400)).GetProperty("errors").TryGetProperty("queue", out _).ShouldBeTrue();
        await Api.Get("/api/certification-queue?pageSize=1000", 400);
        await Api.Get("/api/certification-queue?page=abc", 400);
    }
}
