using System.Text.Json;
using Alba;
using Marten;
using Npgsql;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// Issue 13 item 4 (d), RELIABILITY.md C1: many commands on one stream at once, all with the version the caller read: one is
/// applied, every other one is 409 and appends nothing, and the stream's versions stay contiguous. (<c>./kosodate bench
/// faults</c> does the same against the service in its own process.)
/// </summary>
public sealed class SameVersionConflictTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const int Parallel = 50;

    [Fact]
    public async Task of_fifty_corrections_with_the_same_version_one_is_applied_and_forty_nine_are_409()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 5, 1));
        var charge = await Api.Charged(family.MotherId, "2026-12");

        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-finance", ApiClient.Finance)}");
            s.Post.Json(new { amount = 20_000 + i, correctedOn = TestClock.DefaultToday, reason = "同時更正", version = 1 }).ToUrl($"/api/charges/{charge}/corrections");
            s.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == 200).ShouldBe(1, string.Join(",", statuses));
        statuses.Count(s => s == 409).ShouldBe(Parallel - 1, string.Join(",", statuses));
        foreach (var conflict in answers.Where(a => a.Context.Response.StatusCode == 409))
            JsonDocument.Parse(conflict.ReadAsText()).RootElement.GetProperty("rule").GetString().ShouldBe("version.conflict", conflict.ReadAsText());

        var (events, last, streamVersion, corrections) = await VersionsAsync(charge);
        corrections.ShouldBe(1);
        events.ShouldBe(2);
        last.ShouldBe(events);
        streamVersion.ShouldBe(last);
        var winner = JsonDocument.Parse(answers.Single(a => a.Context.Response.StatusCode == 200).ReadAsText()).RootElement;
        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("amount").GetInt64().ShouldBe(winner.GetProperty("amount").GetInt64());
    }

    /// <summary>From the event store: the stream's events, its highest version, the stream row's version, and its 更正.</summary>
    private async Task<(long Events, long Last, long StreamVersion, long Corrections)> VersionsAsync(Guid stream)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select count(*), max(e.version), min(s.version), count(*) filter (where e.type = 'charge_corrected')
            from {AppFixture.Schema}.mt_events e join {AppFixture.Schema}.mt_streams s on s.id = e.stream_id where e.stream_id = $1
            """, connection);
        command.Parameters.AddWithValue(stream);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
