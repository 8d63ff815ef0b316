using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace KosodateShien.Api.Tests.Certification;

public sealed partial class CertificationViewSnapshotTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_certification_detail_view_keeps_its_shape()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 100, 170), missingDocuments: ["就労証明書"]);
        var received = await Api.PostJson($"/api/certifications/{id}/documents-received", new { documents = new[] { "就労証明書" }, date = TestClock.DefaultToday, version });
        await Api.Approved(id, received.GetProperty("version").GetInt32());

        var json = (await Api.Get($"/api/certifications/{id}")).ReadAsText();

        Snapshot.Match(JToken.Parse(Normalize(json)));
    }

    // Ids, generated numbers and recording times differ per run; number them by first appearance instead.
    private static string Normalize(string json)
    {
        var ids = new Dictionary<string, string>();
        json = GuidPattern().Replace(json, m => ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = $"<id{ids.Count + 1}>");
        json = InstantPattern().Replace(json, "<instant>");
        json = CorrelationPattern().Replace(json, "\"correlationId\":\"<correlation>\"");
        return NumberPattern().Replace(json, "\"certificationNumber\":\"<number>\"");
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"""correlationId"":""[^""]*""")]
    private static partial Regex CorrelationPattern();

    [GeneratedRegex(@"""certificationNumber"":""\d+""")]
    private static partial Regex NumberPattern();
}
