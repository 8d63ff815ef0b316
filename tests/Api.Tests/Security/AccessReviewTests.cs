using KosodateShien.Projections.Audit;

namespace KosodateShien.Api.Tests.Security;

/// <summary>The review of the access log over HTTP: findings raised once, listed for supervisors and auditors, acknowledged by another supervisor.</summary>
public sealed class AccessReviewTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static DateTimeOffset Jst(string at) => DateTimeOffset.Parse(at + "+09:00");

    [Fact]
    public async Task a_review_raises_each_finding_once_and_a_supervisor_other_than_its_user_acknowledges_it()
    {
        // The log as requests leave it (how it is written is tested in AccessLogTests); 2027-01-14 is a Thursday.
        var records = new List<AccessRecord>();
        void Add(string user, string at, int status, int subjects = 1) => records.Add(new AccessRecord(0, Jst(at), user, ["clerk"], "GET /api/children/{id}", "/api/children/x",
            [.. Enumerable.Range(0, subjects).Select(_ => Guid.NewGuid())], "調査", status, 1, "t"));
        for (var i = 0; i < 60; i++) Add("clerk-many", "2027-01-14T10:20:00", 200);
        Add("clerk-night", "2027-01-14T22:30:00", 200);
        for (var i = 0; i < 6; i++) Add("test-supervisor", "2027-01-14T11:05:00", 403);
        for (var i = 0; i < 5; i++) Add("clerk-fine", "2027-01-14T12:05:00", 403);
        await using (var session = Store.LightweightSession())
        {
            session.InsertObjects(records);
            await session.SaveChangesAsync();
        }

        var review = await Api.PostJson("/api/access-reviews", new { from = new DateOnly(2027, 1, 14), to = new DateOnly(2027, 1, 14) }, 200, ApiClient.Supervisor);
        (review.GetProperty("reads").GetInt32(), review.GetProperty("raised").GetInt32()).ShouldBe((72, 4));
        review.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("user").GetString(), f.GetProperty("count").GetInt32()))
            .ShouldBe([("manySubjects", "clerk-many", 60), ("noOpenCase", "clerk-many", 60), ("repeatedRefusals", "test-supervisor", 6), ("outsideOfficeHours", "clerk-night", 1)],
                ignoreOrder: true);
        (await Api.PostJson("/api/access-reviews", new { from = new DateOnly(2027, 1, 14), to = new DateOnly(2027, 1, 14) }, 200, ApiClient.Supervisor))
            .GetProperty("raised").GetInt32().ShouldBe(0);

        var open = (await Api.GetJson("/api/access-findings?open=true", ApiClient.Auditor)).EnumerateArray().ToList();
        open.Count.ShouldBe(4);
        var own = open.Single(f => f.GetProperty("user").GetString() == "test-supervisor").GetProperty("id").GetGuid();
        ApiClient.Json(await Api.Post($"/api/access-findings/{own}/acknowledgement", new { note = "自分の件", version = 1 }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("finding.own");
        var night = open.Single(f => f.GetProperty("user").GetString() == "clerk-night").GetProperty("id").GetGuid();
        await Api.PostJson($"/api/access-findings/{night}/acknowledgement", new { note = "夜間の緊急対応、上長承認済み", version = 1 }, 200, ApiClient.Supervisor);
        await Api.Post($"/api/access-findings/{night}/acknowledgement", new { note = "x", version = 1 }, 403, ApiClient.Auditor);
        (await Api.GetJson("/api/access-findings?open=true", ApiClient.Supervisor)).GetArrayLength().ShouldBe(3);
        ApiClient.Json(await Api.Post("/api/access-reviews", new { from = new DateOnly(2027, 1, 14), to = new DateOnly(2027, 1, 20) }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("date.in-future");
    }

    [Fact]
    public async Task reads_of_families_with_no_open_case_for_the_role_are_flagged_past_ten_an_hour_and_reads_of_a_case_or_of_ones_own_entries_are_not()
    {
        // A family applying for certification is a case for the 窓口 (clerk), not yet for 収納 (finance).
        var applying = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        await Api.Applied(applying, new DateOnly(2027, 4, 1), Scenarios.Employment(applying, 160, 160));
        var stranger = await Api.RegisteredFamily(new DateOnly(2025, 7, 20));   // registered by test-clerk, then left alone

        // Reads now (real time), since "entered it" is judged by the events' recorded times.
        var now = DateTimeOffset.UtcNow;
        var records = new List<AccessRecord>();
        void Read(string user, string role, params Guid[] subjects) => records.Add(new AccessRecord(0, now, user, [role],
            "GET /api/households/{id}", "/api/households/x", subjects, "確認", 200, 1, "t"));
        for (var i = 0; i < 12; i++) Read("clerk-on-case", "clerk", applying.HouseholdId, applying.ChildId);
        for (var i = 0; i < 11; i++) Read("finance-browsing", "finance", applying.HouseholdId, applying.ChildId);
        for (var i = 0; i < 12; i++) Read("test-clerk", "clerk", stranger.HouseholdId);    // entered it today
        for (var i = 0; i < 11; i++) Read("clerk-browsing", "clerk", Guid.NewGuid());
        for (var i = 0; i < 10; i++) Read("clerk-just-under", "clerk", Guid.NewGuid());
        for (var i = 0; i < 30; i++) Read("auditor-checking", "auditor", Guid.NewGuid());
        await using (var session = Store.LightweightSession())
        {
            session.InsertObjects(records);
            await session.SaveChangesAsync();
        }

        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var review = await Api.PostJson("/api/access-reviews", new { from = day, to = day }, 200, ApiClient.Supervisor);
        review.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("kind").GetString() == "noOpenCase")
            .Select(f => (f.GetProperty("user").GetString(), f.GetProperty("count").GetInt32()))
            .ShouldBe([("finance-browsing", 11), ("clerk-browsing", 11)], ignoreOrder: true);
    }
}
