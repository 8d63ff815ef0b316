using System.Text.Json;
using KosodateShien.Projections;

namespace KosodateShien.Api.Tests.Security;

/// <summary>開示請求: a person's complete history is every stream that names them, with all events, and the reads of their data.</summary>
public sealed class PersonHistoryExportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_export_holds_every_stream_naming_the_person_and_the_reads_of_their_data_and_nobody_elses()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var other = await Api.RegisteredFamily(new DateOnly(2024, 5, 1));
        var charge = await Api.Charged(family.MotherId, "2027-01");
        var othersCharge = await Api.Charged(other.MotherId, "2027-01");
        await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance);
        await Api.GetJson($"/api/charges/{othersCharge}", ApiClient.Finance);

        var history = await PersonHistoryExport.ExportAsync(Store, family.MotherId, TimeProvider.System, CancellationToken.None);

        var streams = history.Streams.Select(s => s.StreamId).ToList();
        streams.ShouldContain(family.MotherId);
        streams.ShouldContain(family.HouseholdId);
        streams.ShouldContain(charge);
        streams.ShouldNotContain(othersCharge);
        streams.ShouldNotContain(other.MotherId);
        streams.ShouldNotContain(other.HouseholdId);
        history.Streams.Single(s => s.StreamId == charge).Events.ShouldAllBe(e => e.User != null);
        history.AccessLog.ShouldHaveSingleItem().Endpoint.ShouldBe("GET /api/charges/{id}");
        // It serializes as the auditors' tool writes it.
        JsonSerializer.Serialize(history, new JsonSerializerOptions(JsonSerializerDefaults.Web)).ShouldContain(family.MotherId.ToString());
    }
}
