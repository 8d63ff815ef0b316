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
        (review.GetProperty("reads").GetInt32(), review.GetProperty("raised").GetInt32()).ShouldBe((72, 3));
        review.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("user").GetString(), f.GetProperty("count").GetInt32()))
            .ShouldBe([("manySubjects", "clerk-many", 60), ("repeatedRefusals", "test-supervisor", 6), ("outsideOfficeHours", "clerk-night", 1)], ignoreOrder: true);
        (await Api.PostJson("/api/access-reviews", new { from = new DateOnly(2027, 1, 14), to = new DateOnly(2027, 1, 14) }, 200, ApiClient.Supervisor))
            .GetProperty("raised").GetInt32().ShouldBe(0);

        var open = (await Api.GetJson("/api/access-findings?open=true", ApiClient.Auditor)).EnumerateArray().ToList();
        open.Count.ShouldBe(3);
        var own = open.Single(f => f.GetProperty("user").GetString() == "test-supervisor").GetProperty("id").GetGuid();
        ApiClient.Json(await Api.Post($"/api/access-findings/{own}/acknowledgement", new { note = "自分の件", version = 1 }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("finding.own");
        var night = open.Single(f => f.GetProperty("user").GetString() == "clerk-night").GetProperty("id").GetGuid();
        await Api.PostJson($"/api/access-findings/{night}/acknowledgement", new { note = "夜間の緊急対応、上長承認済み", version = 1 }, 200, ApiClient.Supervisor);
        await Api.Post($"/api/access-findings/{night}/acknowledgement", new { note = "x", version = 1 }, 403, ApiClient.Auditor);
        (await Api.GetJson("/api/access-findings?open=true", ApiClient.Supervisor)).GetArrayLength().ShouldBe(2);
        ApiClient.Json(await Api.Post("/api/access-reviews", new { from = new DateOnly(2027, 1, 14), to = new DateOnly(2027, 1, 20) }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("date.in-future");
    }
}
