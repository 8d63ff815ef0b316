using KosodateShien.Projections;
using Npgsql;

namespace KosodateShien.Api.Tests.Security;

/// <summary>The auditors' verify: every snapshot rebuilt from the events into a shadow schema agrees with the live read models, and a tampered one is named.</summary>
public sealed class ProjectionVerifyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_rebuilt_read_models_agree_with_the_live_ones_and_a_tampered_document_is_reported()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var charge = await Api.Charged(family.MotherId, "2027-01");
        await Api.PostJson($"/api/charges/{charge}/payments", new { amount = 10_000, paidOn = new DateOnly(2027, 1, 10) }, 200, ApiClient.Finance);
        // A certification keeps its history with the recorded times, which the rebuild reads back from the database.
        var (certification, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));
        await Api.Approved(certification, version);

        var report = await ProjectionVerifier.VerifyAsync(Store, "api_tests_verify", keepShadow: false, CancellationToken.None);
        report.Differences.ShouldBeEmpty(string.Join("\n", report.Differences));
        (report.Documents["mt_doc_charge"], report.Documents["mt_doc_person"]).ShouldBe((1, 3));
        (report.Documents["mt_doc_household"], report.Documents["mt_doc_certificationdetails"]).ShouldBe((1, 1));

        await using (var database = NpgsqlDataSource.Create(ConnectionString()))
        await using (var tamper = database.CreateCommand($"update {AppFixture.Schema}.mt_doc_charge set data = jsonb_set(data, '{{amount}}', '1') where id = $1"))
        {
            tamper.Parameters.AddWithValue(charge);
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var tampered = await ProjectionVerifier.VerifyAsync(Store, "api_tests_verify", keepShadow: false, CancellationToken.None);
        tampered.Differences.ShouldBe([new ProjectionDifference("mt_doc_charge", charge, "different")]);
    }

    private string ConnectionString()
    {
        using var connection = Store.Storage.Database.CreateConnection();
        return connection.ConnectionString;
    }
}
