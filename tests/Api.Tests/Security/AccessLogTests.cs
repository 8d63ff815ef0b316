using System.Text.Json;
using KosodateShien.Api.Auth;
using KosodateShien.Projections.Audit;
using Marten;

namespace KosodateShien.Api.Tests.Security;

/// <summary>The personal-data access log: every read of personal data states a purpose and is recorded; auditors query it; nobody changes it.</summary>
public sealed class AccessLogTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<IReadOnlyList<AccessRecord>> Records()
    {
        await using var session = Store.QuerySession();
        return await session.Query<AccessRecord>().OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task a_read_without_a_purpose_is_refused_naming_the_header_and_the_attempt_is_recorded()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var refused = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("clerk-sato", Roles.Clerk)}");
            s.Get.Url($"/api/children/{family.ChildId}");
            s.StatusCodeShouldBe(400);
        });
        var problem = ApiClient.Json(refused);
        (problem.GetProperty("rule").GetString(), problem.GetProperty("errors").TryGetProperty("X-Purpose", out _)).ShouldBe(("access.purpose-required", true));

        var record = (await Records()).ShouldHaveSingleItem();
        (record.User, record.Status, record.Purpose, record.ResultCount).ShouldBe(("clerk-sato", 400, (string?)null, 0));
        record.SubjectIds.ShouldContain(family.ChildId);
    }

    [Fact]
    public async Task a_read_records_who_what_whose_why_and_how_many_and_auditors_find_it_by_user_and_subject()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var charge = await Api.Charged(family.MotherId, "2027-01");
        await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance);
        await Api.GetJson($"/api/payers/{family.MotherId}/account", ApiClient.Finance);
        await Api.Get($"/api/charges/{Guid.NewGuid()}", 404, ApiClient.Finance);
        await Api.Get($"/api/charges/{charge}", 403, ApiClient.FacilityLiaison);

        var records = await Records();
        records.Select(r => (r.Endpoint, r.Status)).ShouldBe([
            ("GET /api/charges/{id}", 200), ("GET /api/payers/{id}/account", 200), ("GET /api/charges/{id}", 404), ("GET /api/charges/{id}", 403)]);
        var read = records[0];
        (read.User, read.Roles.ShouldHaveSingleItem(), read.Purpose, read.ResultCount, read.Path).ShouldBe(
            ("test-finance", Roles.Finance, ApiClient.Purpose, 1, $"/api/charges/{charge}"));
        read.SubjectIds.ShouldBe([charge, family.MotherId], ignoreOrder: true);
        records[1].SubjectIds.ShouldContain(family.MotherId);

        var byUser = await Api.GetJson($"/api/access-log?user=test-facility-liaison", ApiClient.Auditor);
        byUser.GetProperty("records").EnumerateArray().ShouldHaveSingleItem().GetProperty("status").GetInt32().ShouldBe(403);
        var bySubject = await Api.GetJson($"/api/access-log?subject={family.MotherId}&limit=1", ApiClient.Auditor);
        bySubject.GetProperty("records").GetArrayLength().ShouldBe(1);
        var next = await Api.GetJson($"/api/access-log?subject={family.MotherId}&limit=1&before={bySubject.GetProperty("before").GetInt64()}", ApiClient.Auditor);
        next.GetProperty("records")[0].GetProperty("endpoint").GetString().ShouldBe("GET /api/charges/{id}");
        (await Api.GetJson($"/api/access-log?from=2000-01-01&to=2000-01-31", ApiClient.Auditor)).GetProperty("records").GetArrayLength().ShouldBe(0);
        await Api.Get("/api/access-log", 403, ApiClient.Supervisor);
        ApiClient.Json(await Api.Get("/api/access-log?limit=0", 400, ApiClient.Auditor)).GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task every_personal_data_endpoint_in_the_openapi_document_writes_the_log_and_none_changes_it()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var reads = new List<(string Path, string Role)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
        {
            if (path.Name.StartsWith("/api/access-log"))
                path.Value.EnumerateObject().Select(o => o.Name).ShouldBe(["get"], customMessage: "the access log is read-only");
            if (!path.Value.TryGetProperty("get", out var get)) continue;
            var policy = System.Text.RegularExpressions.Regex.Match(get.GetProperty("description").GetString() ?? "", @"Policy `([^`]+)`").Groups[1].Value;
            if (Policies.PersonalDataReads.Contains(policy)) reads.Add((path.Name, Policies.RolesByPolicy[policy][^1]));
        }
        reads.Count.ShouldBeGreaterThan(30);

        foreach (var (path, role) in reads)
            await Host.Scenario(s =>
            {
                s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token($"walker-{role}", role)}");
                s.WithRequestHeader("X-Purpose", "audit-walk");
                s.Get.Url(System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", Guid.NewGuid().ToString()));
                s.IgnoreStatusCode();
            });

        var logged = (await Records()).Select(r => r.Endpoint).ToHashSet();
        reads.Select(r => $"GET {r.Path}").Where(e => !logged.Contains(e)).ShouldBeEmpty("every personal-data read is in the access log");
    }
}
