using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using KosodateShien.Bench.Faults;

namespace KosodateShien.Bench.Tests.Faults;

/// <summary>
/// The parts of <c>bench faults</c> that need no crash: its options, the retrying client and its ledger, the outage figures
/// and the target lines. The crashes themselves (kill -9 of PostgreSQL and of the API) run only in the bench.
/// </summary>
public sealed class FaultsPartsTests
{
    [Fact]
    public void only_takes_scenario_letters_and_the_counts_are_positive()
    {
        FaultsOptions.Parse(["--only", "d,a", "--payments", "300", "--places", "5"]).Options
            .ShouldBe(new FaultsOptions(Only: "ad", Payments: 300, Places: 5));
        FaultsOptions.Parse([]).Options!.Only.ShouldBe("abcde");
        FaultsOptions.Parse(["--only", "f"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--only", "ab"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--payments", "0"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--parallel", "1"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--kills"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--colour", "1"]).Error.ShouldNotBeNull();
        FaultsOptions.Parse(["--try-capacity"]).Error.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("2026-12-06")]
    [InlineData("2027-01-15")]
    [InlineData("2027-03-31")]
    [InlineData("2027-04-01")]
    [InlineData("2027-04-30")]
    [InlineData("2027-09-30")]
    public void the_placed_children_are_one_year_olds_born_already_whatever_the_month(string day)
    {
        // (e) fills a 1歳児 class: its children must be of that class in the 年度 they start, and born by the day of the run.
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var start = KosodateShien.Bench.Api.ApiRequests.NextFiscalYearStart(today);
        start.ShouldBeGreaterThan(today);
        (start.Month, start.Day).ShouldBe((4, 1));
        var born = KosodateShien.Bench.Api.ApiRequests.OneYearOldBorn(start);
        born.ShouldBeLessThan(today);
        KosodateShien.Domain.Common.JapaneseDates.ClassAge(born, start.Year).ShouldBe(1);
    }

    [Fact]
    public void help_prints_the_usage_and_bad_arguments_exit_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        FaultsBench.Run(["--help"], output, error).ShouldBe(0);
        output.ToString().ShouldContain("usage: bench faults");
        FaultsBench.Run(["--only", "z"], output, error).ShouldBe(2);
    }

    [Fact]
    public void target_lines_have_the_one_format_every_bench_ends_with()
    {
        Target.NoMoreThan("faults (a) lost commands", 0, "commands", 0).ToString().ShouldBe("target: faults (a) lost commands: 0 commands (<= 0)");
        Target.AtLeast("faults (d) 409 answers", 49, "commands", 49).ToString().ShouldBe("target: faults (d) 409 answers: 49 commands (>= 49)");
        Target.NoMoreThan("faults (a) recovery", 0.734, "s", 30).ToString().ShouldBe("target: faults (a) recovery: 0.73 s (<= 30)");
        Target.NoMoreThan("x", 1, "commands", 0).Holds.ShouldBeFalse();
        Target.AtLeast("x", 48, "commands", 49).Holds.ShouldBeFalse();
    }

    [Fact]
    public async Task a_command_is_sent_again_with_its_key_and_body_until_it_is_answered()
    {
        var server = new ScriptedServer(
            _ => throw new HttpRequestException("Connection refused"),
            _ => Problem(HttpStatusCode.ServiceUnavailable, "service.unavailable", retryAfter: 1),
            _ => Problem(HttpStatusCode.Conflict, "idempotency.in-progress", retryAfter: 1),
            _ => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"id\":\"1\"}") });
        var client = new RetryingClient(new HttpClient(server) { BaseAddress = new Uri("http://bench.invalid") }, TimeSpan.FromMinutes(1));
        var command = new CommandRecord("key-1", Guid.NewGuid());

        await client.SendAsync(command, () => new HttpRequestMessage(HttpMethod.Post, "/api/x") { Content = new StringContent("{\"amount\":1}") }, CancellationToken.None);

        command.Acknowledged.ShouldBeTrue();
        command.Status.ShouldBe(201);
        command.Attempts.ShouldBe(4);
        server.Keys.ShouldBe(["key-1", "key-1", "key-1", "key-1"]);
        server.Bodies.Distinct().ShouldBe(["{\"amount\":1}"]);
        client.Attempts.Select(a => a.Outcome).ShouldBe(["connection", "503", "409", "201"]);
    }

    [Fact]
    public async Task a_final_refusal_is_not_sent_again_but_a_stale_version_409_is_final_too()
    {
        foreach (var (status, rule) in new[] { (HttpStatusCode.UnprocessableEntity, "charge.cancelled"), (HttpStatusCode.Conflict, "version.conflict") })
        {
            var server = new ScriptedServer(_ => Problem(status, rule));
            var client = new RetryingClient(new HttpClient(server) { BaseAddress = new Uri("http://bench.invalid") }, TimeSpan.FromMinutes(1));
            var command = new CommandRecord("key", Guid.Empty);
            await client.SendAsync(command, () => new HttpRequestMessage(HttpMethod.Post, "/api/x"), CancellationToken.None);
            command.Attempts.ShouldBe(1);
            command.Status.ShouldBe((int)status);
            command.Acknowledged.ShouldBeFalse();
        }
    }

    [Fact]
    public void the_outage_counts_what_was_answered_while_it_lasted_and_the_first_2xx_after_it()
    {
        long S(double seconds) => (long)(seconds * Stopwatch.Frequency);
        var window = new FaultWindow(Injected: S(10), Back: S(14), Ready: S(14));
        var attempts = new[]
        {
            new Attempt(S(9.0), S(9.1), "200"),     // before the fault
            new Attempt(S(9.9), S(10.3), "503"),    // in flight when it struck: waited 0.3 s from the fault
            new Attempt(S(11), S(11.05), "503"),
            new Attempt(S(12), S(12.01), "connection"),
            new Attempt(S(13.9), S(14.2), "503"),   // started before it was back, answered after: still the outage's
            new Attempt(S(14.5), S(14.6), "201"),   // the first 2xx: 0.6 s after it was back
            new Attempt(S(15), S(15.1), "200"),
        };

        var times = OutageTimes.Of(window, attempts);

        times.Answers.ShouldBe(new Dictionary<string, int> { ["503"] = 3, ["connection"] = 1 }, ignoreOrder: true);
        times.LongestWait.TotalSeconds.ShouldBe(0.3, 0.001);
        times.Recovery!.Value.TotalSeconds.ShouldBe(0.6, 0.001);
        times.FailuresAfter.ShouldBeEmpty();
        OutageTimes.Of(window, attempts.Take(5)).Recovery.ShouldBeNull();
    }

    [Fact]
    public void a_failure_after_the_fault_counts_from_when_the_service_could_serve_until_the_next_fault_struck()
    {
        long S(double seconds) => (long)(seconds * Stopwatch.Frequency);
        var window = new FaultWindow(Injected: S(10), Back: S(14), Ready: S(14));
        var attempts = new[]
        {
            new Attempt(S(14.1), S(14.2), "503"),   // sent once it was back and still failed: counted
            new Attempt(S(14.3), S(14.4), "201"),
            new Attempt(S(19.9), S(20.2), "503"),   // sent before the next fault (at 20 s) and cut by it: the next one's
            new Attempt(S(20.5), S(20.6), "connection"),
        };

        OutageTimes.Of(window, attempts, until: S(20)).FailuresAfter.ShouldBe(new Dictionary<string, int> { ["503"] = 1 });
        OutageTimes.Of(window, attempts).FailuresAfter.ShouldBe(new Dictionary<string, int> { ["503"] = 2, ["connection"] = 1 }, ignoreOrder: true);
        // After a restart of the service, from when it answers again: refused connections while it starts are the outage's.
        OutageTimes.Of(window with { Ready = S(15) }, attempts, until: S(20)).FailuresAfter.ShouldBeEmpty();
    }

    private static HttpResponseMessage Problem(HttpStatusCode status, string rule, int? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent($"{{\"status\":{(int)status},\"rule\":\"{rule}\"}}") };
        if (retryAfter is { } seconds) response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    /// <summary>Answers each request with the next scripted answer (the last one for any more), noting the key and body it got.</summary>
    private sealed class ScriptedServer(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int next;

        public List<string> Keys { get; } = [];
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Keys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            if (request.Content is not null) Bodies.Add(await request.Content.ReadAsStringAsync(ct));
            return answers[Math.Min(next++, answers.Length - 1)](request);
        }
    }
}
