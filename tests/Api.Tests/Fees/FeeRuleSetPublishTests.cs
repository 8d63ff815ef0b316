using System.Text.Json;
using System.Text.Json.Nodes;

namespace KosodateShien.Api.Tests.Fees;

/// <summary>A municipality publishes its own 利用者負担額の基準 as a new versioned rule set, and quotes use it from its 適用開始日.</summary>
public sealed class FeeRuleSetPublishTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>The shipped national v2 as a publish request under another name, with 第4階層 3号 標準時間 at <paramref name="tier4Infant"/>.</summary>
    private async Task<JsonObject> WardSet(string name, string effectiveFrom, long tier4Infant)
    {
        var national = (await Api.GetJson("/api/fees/rule-sets", ApiClient.Auditor)).EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "national" && r.GetProperty("version").GetInt32() == 2);
        var body = JsonNode.Parse(national.GetRawText())!.AsObject();
        foreach (var key in new[] { "id", "version", "publishedBy", "publishedAt" }) body.Remove(key);
        body["name"] = name;
        body["effectiveFrom"] = effectiveFrom;
        body["description"] = "テスト区 利用者負担額基準";
        var fee = body["tiers"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == "4")!["fees"]!.AsArray()
            .Single(f => f!["category"]!.GetValue<string>() == "3" && f["careLevel"]!.GetValue<string>() == "standard")!;
        fee["amount"] = tier4Infant;
        return body;
    }

    private async Task<JsonElement> QuoteTier4Infant(string ruleSet, string month, int expectedStatus = 200) =>
        ApiClient.Json(await Api.Post("/api/fees/quote", new
        {
            ruleSet, month,
            household = new { taxYears = new[] { new { fiscalYear = 2026, incomeLevy = 95_000, nonTaxable = false }, new { fiscalYear = 2027, incomeLevy = 95_000, nonTaxable = false } } },
            children = new[] { new { id = "c1", birthDate = new DateOnly(2026, 1, 10), certification = "3", careLevel = "standard", enrollment = "nursery" } },
        }, expectedStatus, ApiClient.Clerk));

    [Fact]
    public async Task a_published_set_prices_the_months_from_its_effective_date()
    {
        var published = await Api.PostJson("/api/fees/rule-sets", await WardSet("test-ward", "2027-04-01", 25_000), 201, ApiClient.Admin);
        published.GetProperty("version").GetInt32().ShouldBe(1);

        var april = (await QuoteTier4Infant("test-ward", "2027-04")).GetProperty("children")[0];
        april.GetProperty("fee").GetInt64().ShouldBe(25_000);
        april.GetProperty("basis").GetProperty("ruleSet").GetString().ShouldBe("test-ward");
        april.GetProperty("basis").GetProperty("ruleVersion").GetInt32().ShouldBe(1);
        ApiClient.Json(await Api.Post("/api/fees/quote", new
        {
            ruleSet = "test-ward", month = "2027-03",
            household = new { taxYears = new[] { new { fiscalYear = 2026, incomeLevy = 95_000, nonTaxable = false } } },
            children = new[] { new { id = "c1", birthDate = new DateOnly(2026, 1, 10), certification = "3", careLevel = "standard", enrollment = "nursery" } },
        }, 422)).GetProperty("rule").GetString().ShouldBe("rules.none-in-force");

        await Api.PostJson("/api/fees/rule-sets", await WardSet("test-ward", "2027-09-01", 26_000), 201, ApiClient.Admin);
        (await QuoteTier4Infant("test-ward", "2027-08")).GetProperty("children")[0].GetProperty("fee").GetInt64().ShouldBe(25_000);
        (await QuoteTier4Infant("test-ward", "2027-09")).GetProperty("children")[0].GetProperty("fee").GetInt64().ShouldBe(26_000);
        var versions = (await Api.GetJson("/api/fees/rule-sets", ApiClient.Auditor)).EnumerateArray().Where(r => r.GetProperty("name").GetString() == "test-ward").ToList();
        versions.Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        versions.ShouldAllBe(v => v.GetProperty("publishedBy").GetString() == "test-admin");
    }

    [Fact]
    public async Task a_set_that_leaves_a_household_without_a_tier_or_goes_back_in_time_is_refused_and_only_admins_publish()
    {
        var gapped = await WardSet("test-ward", "2027-04-01", 25_000);
        var tier5 = gapped["tiers"]!.AsArray().Single(t => t!["code"]!.GetValue<string>() == "5")!;
        tier5["levyFrom"] = tier5["levyFrom"]!.GetValue<long>() + 1;
        var problem = ApiClient.Json(await Api.Post("/api/fees/rule-sets", gapped, 400, ApiClient.Admin));
        problem.GetProperty("errors").GetProperty("tiers")[0].GetString()!.ShouldContain("contiguous");

        await Api.Post("/api/fees/rule-sets", await WardSet("test-ward", "2027-04-01", 25_000), 403, ApiClient.Supervisor);
        await Api.PostJson("/api/fees/rule-sets", await WardSet("test-ward", "2027-04-01", 25_000), 201, ApiClient.Admin);
        ApiClient.Json(await Api.Post("/api/fees/rule-sets", await WardSet("test-ward", "2027-04-01", 24_000), 422, ApiClient.Admin))
            .GetProperty("rule").GetString().ShouldBe("rules.not-after-latest");
        (await Api.GetJson("/api/fees/rule-sets", ApiClient.Auditor)).EnumerateArray().Count(r => r.GetProperty("name").GetString() == "test-ward").ShouldBe(1);
        await Api.Post("/api/fees/rule-sets", (await WardSet("Bad Name", "2027-04-01", 25_000)), 400, ApiClient.Admin);
    }
}
