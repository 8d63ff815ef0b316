using System.Net.Sockets;
using System.Text.Json;
using Alba;
using KosodateShien.Api.Http;
using Marten;
using Npgsql;

namespace KosodateShien.Api.Tests.Hosting;

/// <summary>
/// Issue 13 item 4: PostgreSQL unreachable, restarting or ending the connection is 503 <c>service.unavailable</c> with
/// <c>Retry-After</c>, not a 500, and the same request sent again (with its Idempotency-Key) runs once. The crash of the
/// server itself is <c>./kosodate bench faults</c> (a); here a connection is ended under a request by pg_terminate_backend.
/// </summary>
public sealed class DatabaseUnavailableTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task failing_to_connect_is_the_database_being_unavailable()
    {
        var failure = await Should.ThrowAsync<NpgsqlException>(async () =>
        {
            await using var connection = new NpgsqlConnection(UnreachableDatabase.ConnectionString());
            await connection.OpenAsync();
        });

        DatabaseUnavailable.Is(failure).ShouldBeTrue();
        DatabaseUnavailable.Is(new InvalidOperationException("wrapped", failure)).ShouldBeTrue();
        DatabaseUnavailable.Is(new AggregateException(failure)).ShouldBeTrue();
        DatabaseUnavailable.Is(new SocketException((int)SocketError.ConnectionRefused)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("57P01", true)]   // admin shutdown (pg_terminate_backend, a fast stop)
    [InlineData("57P02", true)]   // crash shutdown (another server process crashed)
    [InlineData("57P03", true)]   // the database system is starting up (crash recovery)
    [InlineData("53300", true)]   // too many connections
    [InlineData("08006", true)]   // connection failure
    [InlineData("40001", false)]  // serialization failure: the request's conflict (409), not the server's state
    [InlineData("40P01", false)]  // deadlock: 409
    [InlineData("23505", false)]  // unique violation: 409
    [InlineData("42P01", false)]  // undefined table: a bug (500)
    public void the_servers_states_that_mean_it_cannot_serve_now_are_unavailable(string sqlState, bool unavailable) =>
        DatabaseUnavailable.Is(new PostgresException("message", "FATAL", "FATAL", sqlState)).ShouldBe(unavailable);

    [Fact]
    public void other_failures_are_not()
    {
        DatabaseUnavailable.Is(new InvalidOperationException("Connection is not open")).ShouldBeFalse();
        DatabaseUnavailable.Is(new JsonException("bad")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_connection_ended_under_a_request_answers_503_and_the_request_sent_again_runs_once(bool withKey)
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 5, 1));
        var charge = await Api.Charged(family.MotherId, "2026-12");
        var key = withKey ? Guid.NewGuid().ToString() : null;

        // Hold the charge's stream row, so the payment waits on it; then end that request's connection as an administrator would.
        await using var holder = Store.Storage.Database.CreateConnection();
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var row = new NpgsqlCommand($"select 1 from {AppFixture.Schema}.mt_streams where id = $1 for update", holder, hold))
        {
            row.Parameters.AddWithValue(charge);
            await row.ExecuteScalarAsync();
        }
        var payment = Pay(charge, key);
        await TerminateWhoWaitsOnAsync(holder);
        var answer = await payment;
        await hold.RollbackAsync();

        answer.Context.Response.StatusCode.ShouldBe(503);
        answer.Context.Response.ContentType.ShouldBe(Problems.ContentType);
        answer.Context.Response.Headers.RetryAfter.ToString().ShouldBe("1");
        var problem = answer.ReadAsText();
        JsonDocument.Parse(problem).RootElement.GetProperty("rule").GetString().ShouldBe(DatabaseUnavailable.Rule);
        foreach (var secret in new[] { "Npgsql", "57P01", "terminating", AppFixture.Schema, "Exception" }) problem.ShouldNotContain(secret);

        // Sent again: the pool gives a working connection, and the payment is recorded once.
        (await Pay(charge, key)).Context.Response.StatusCode.ShouldBe(200);
        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("payments").GetArrayLength().ShouldBe(1);
    }

    private Task<IScenarioResult> Pay(Guid charge, string? key) => Host.Scenario(s =>
    {
        s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-finance", ApiClient.Finance)}");
        if (key is not null) s.WithRequestHeader("Idempotency-Key", key);
        s.Post.Json(new { amount = 30_000, paidOn = new DateOnly(2027, 1, 10) }).ToUrl($"/api/charges/{charge}/payments");
        s.IgnoreStatusCode();
    });

    /// <summary>Waits until a backend is blocked by the holder's transaction, then pg_terminate_backend on it (57P01 on its connection).</summary>
    private static async Task TerminateWhoWaitsOnAsync(NpgsqlConnection holder)
    {
        for (var tries = 0; tries < 200; tries++)
        {
            await using var find = new NpgsqlCommand("select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", holder);
            find.Parameters.AddWithValue(holder.ProcessID);
            if (await find.ExecuteScalarAsync() is int pid)
            {
                await using var terminate = new NpgsqlCommand("select pg_terminate_backend($1)", holder);
                terminate.Parameters.AddWithValue(pid);
                (await terminate.ExecuteScalarAsync()).ShouldBe(true);
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No request waited on the held row within 10 s.");
    }
}
