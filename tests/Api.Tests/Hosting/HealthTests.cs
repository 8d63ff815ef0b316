using System.Text.Json;
using KosodateShien.Api.Http;
using KosodateShien.Application.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KosodateShien.Api.Tests.Hosting;

/// <summary>
/// Issue 13 item 4: <c>/health/live</c> says the process is up; <c>/health/ready</c> says the database answers, the schema
/// is applied and the start-up work (demo seeding included) is done, and which of these is not when it is not ready.
/// </summary>
public sealed class HealthTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task live_is_200_without_a_token()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/health/live"); s.StatusCodeShouldBe(200); });
        ApiClient.Json(result).GetProperty("status").GetString().ShouldBe("live");
    }

    [Fact]
    public async Task ready_is_200_on_the_test_host_without_a_token_and_says_every_check_passed()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
        var body = ApiClient.Json(result);
        body.GetProperty("status").GetString().ShouldBe("ready");
        Checks(body).ShouldBe(new Dictionary<string, string> { ["database"] = "ok", ["schema"] = "applied", ["startup"] = "done" });
    }

    [Fact]
    public async Task the_existing_health_probe_is_unchanged()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBe(200); });
        ApiClient.Json(result).GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task not_ready_while_the_start_up_work_is_running_or_the_schema_is_not_yet_applied()
    {
        var gate = new StartupGate();
        var check = Check(gate, Database());

        var first = await check.CheckAsync(CancellationToken.None);
        first.Ready.ShouldBeFalse();
        first.Checks.ShouldBe(new Dictionary<string, string> { ["database"] = "ok", ["schema"] = "pending", ["startup"] = "running" });

        gate.MarkSchemaApplied();
        (await check.CheckAsync(CancellationToken.None)).Checks["schema"].ShouldBe("applied");
        (await check.CheckAsync(CancellationToken.None)).Ready.ShouldBeFalse();

        gate.Open();
        (await check.CheckAsync(CancellationToken.None)).Ready.ShouldBeTrue();
    }

    [Fact]
    public async Task not_ready_when_the_database_does_not_answer()
    {
        var gate = new StartupGate();
        gate.MarkSchemaApplied();
        gate.Open();
        var closed = UnreachableDatabase.ConnectionString();

        var report = await Check(gate, () => new NpgsqlConnection(closed)).CheckAsync(CancellationToken.None);

        report.Ready.ShouldBeFalse();
        report.Checks.ShouldBe(new Dictionary<string, string> { ["database"] = "unreachable", ["schema"] = "applied", ["startup"] = "done" });
    }

    [Fact]
    public async Task a_report_that_is_not_ready_answers_503_with_the_checks_and_nothing_else()
    {
        var report = new ReadinessReport(new Dictionary<string, string> { ["database"] = "unreachable", ["schema"] = "applied", ["startup"] = "done" });
        var context = new DefaultHttpContext { RequestServices = Host.Services };
        context.Response.Body = new MemoryStream();

        await HealthEndpoint.Answer(report).ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(503);
        context.Response.Body.Position = 0;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;
        body.GetProperty("status").GetString().ShouldBe("not-ready");
        Checks(body)["database"].ShouldBe("unreachable");
        body.EnumerateObject().Select(p => p.Name).ShouldBe(["status", "checks"]);
    }

    private static ReadinessCheck Check(StartupGate gate, Func<NpgsqlConnection> connect) =>
        new(connect, gate, NullLogger<ReadinessCheck>.Instance);

    private Func<NpgsqlConnection> Database() => () => Store.Storage.Database.CreateConnection();

    private static Dictionary<string, string> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
