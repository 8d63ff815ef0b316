using System.Text;
using Alba;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// Headers, CORS, body limits and error bodies on the suite's host (TestServer, no TLS, no CORS origins, rate limits
/// raised out of the way). TLS, HSTS, a configured CORS origin and the rate limits themselves: <see cref="KestrelHardeningTests"/>.
/// </summary>
public sealed class HardeningTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>What must never reach a client: stack frames, driver and SQL text, Marten's table names, CLR type names.</summary>
    public static readonly string[] Internals = ["   at ", "Npgsql", "Postgres", "SELECT ", "select ", "mt_", "Exception", "KosodateShien.", "System."];

    private static void ShouldCarrySecurityHeaders(IHeaderDictionary headers, bool personalData = true)
    {
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers.XFrameOptions.ToString().ShouldBe("DENY");
        headers["Referrer-Policy"].ToString().ShouldBe("no-referrer");
        headers.ContentSecurityPolicy.ToString().ShouldBe(SecurityHeaders.ApiPolicy);
        if (personalData) headers.CacheControl.ToString().ShouldBe("no-store");
        headers.ContainsKey("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task an_api_answer_carries_the_security_headers_and_is_not_cached()
    {
        var result = await Api.Get("/api/certification-queue");
        ShouldCarrySecurityHeaders(result.Context.Response.Headers);
    }

    [Fact]
    public async Task problem_answers_carry_them_too_401_404_and_a_handled_exception()
    {
        var unauthorized = await Host.Scenario(s => { s.Get.Url("/api/certification-queue"); s.StatusCodeShouldBe(401); });
        ShouldCarrySecurityHeaders(unauthorized.Context.Response.Headers);

        var notFound = await Api.Get($"/api/children/{Guid.NewGuid()}", 404);
        notFound.Context.Response.ContentType.ShouldStartWith(Problems.ContentType);
        ShouldCarrySecurityHeaders(notFound.Context.Response.Headers);

        // Thrown inside the endpoint and answered by ApiExceptionHandler, which clears the response first.
        var stale = await StaleVersionConflict();
        ShouldCarrySecurityHeaders(stale.Context.Response.Headers);
    }

    [Fact]
    public async Task swagger_ui_keeps_working_under_its_own_policy()
    {
        var page = await Host.Scenario(s => { s.Get.Url("/swagger/index.html"); s.StatusCodeShouldBe(200); });
        var html = page.ReadAsText();
        html.ShouldNotContain("<script>", Case.Insensitive); // every script is a file from /swagger: 'self' covers it
        page.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldBe(SecurityHeaders.SwaggerUiPolicy);
        page.Context.Response.Headers.XFrameOptions.ToString().ShouldBe("DENY");
        await Host.Scenario(s => { s.Get.Url("/swagger/index.js"); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task without_https_there_is_no_hsts_even_for_a_request_that_says_https()
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("hsts", Roles.Clerk)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Get.Url("/api/certification-queue");
            s.ConfigureHttpContext(c => { c.Request.Scheme = "https"; c.Request.Host = new HostString("kosodate.example"); });
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.Headers.ContainsKey("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task cors_is_closed_by_default_a_preflight_gets_no_allowance()
    {
        var preflight = await Host.Scenario(s =>
        {
            s.Get.Url("/api/certification-queue");
            s.ConfigureHttpContext(c => c.Request.Method = "OPTIONS");
            s.WithRequestHeader("Origin", "https://portal.example");
            s.WithRequestHeader("Access-Control-Request-Method", "GET");
            s.WithRequestHeader("Access-Control-Request-Headers", "authorization");
            s.IgnoreStatusCode();
        });
        preflight.Context.Response.StatusCode.ShouldBeGreaterThanOrEqualTo(400);
        preflight.Context.Response.Headers.Keys.ShouldNotContain(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));

        var simple = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("cors", Roles.Clerk)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.WithRequestHeader("Origin", "https://portal.example");
            s.Get.Url("/api/certification-queue");
            s.StatusCodeShouldBe(200);
        });
        simple.Context.Response.Headers.Keys.ShouldNotContain(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task a_json_body_over_1_mib_is_refused_413_problem_json_before_it_is_read()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"householdNumber":"{{new string('1', (int)RequestLimits.MaxJsonBytes)}}"}""");
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("big", Roles.Clerk)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Post.Url("/api/households");
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = "application/json";
            });
            s.StatusCodeShouldBe(413);
        });
        result.Context.Response.ContentType.ShouldStartWith(Problems.ContentType);
        var problem = ApiClient.Json(result);
        problem.GetProperty("status").GetInt32().ShouldBe(413);
        problem.GetProperty("rule").GetString().ShouldBe("request.too-large");
        ShouldCarrySecurityHeaders(result.Context.Response.Headers);
    }

    [Fact]
    public async Task a_file_endpoint_still_takes_a_file_over_1_mib()
    {
        var lines = new StringBuilder("collectionNumber,paidOn,bookedOn,amount\n");
        while (lines.Length <= RequestLimits.MaxJsonBytes * 2) lines.Append("X-0000000,2027-01-10,2027-01-12,not-a-number\n");
        var problem = ApiClient.Json(await Api.PostFile("/api/receipts/imports", Encoding.UTF8.GetBytes(lines.ToString()), 422, contentType: "text/csv"));
        problem.GetProperty("status").GetInt32().ShouldBe(422); // read and judged line by line, not refused for its size
    }

    [Fact]
    public async Task error_bodies_on_the_ordinary_4xx_and_409_paths_hold_no_internals()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 5, 10));
        var bodies = new List<(string What, IScenarioResult Result)>
        {
            ("401", await Host.Scenario(s => { s.Get.Url("/api/certification-queue"); s.StatusCodeShouldBe(401); })),
            ("403", await Api.Get("/api/certification-queue", 403, ApiClient.FacilityLiaison)),
            ("404", await Api.Get($"/api/children/{Guid.NewGuid()}", 404)),
            ("409 stale version", await StaleVersionConflict()),
            ("409 unique number (a PostgreSQL unique violation)", await Api.Post("/api/households", Scenarios.HouseholdBody(new DateOnly(2025, 5, 10), householdNumber: family.HouseholdNumber), 409)),
            ("400 wrong type", await Api.Post("/api/households", new { householdNumber = 12, address = 3 }, 400)),
            ("400 not JSON", await Raw("POST", "/api/households", "{\"householdNumber\": ", "application/json", 400)),
            ("415", await Raw("POST", "/api/households", "householdNumber=1", "application/x-www-form-urlencoded", 415)),
            ("405", await Raw("PUT", $"/api/households/{family.HouseholdId}", "{}", "application/json", 405)),
        };
        foreach (var (what, result) in bodies)
        {
            var text = result.ReadAsText();
            result.Context.Response.ContentType!.ShouldStartWith(Problems.ContentType, customMessage: what);
            foreach (var marker in Internals) text.ShouldNotContain(marker, Case.Sensitive, $"{what}: {text}");
        }
    }

    [Fact]
    public async Task a_database_error_becomes_a_500_without_sql_or_stack_trace()
    {
        PostgresException failure;
        await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT data FROM api_tests.mt_doc_no_such_table WHERE id = 'canary-4711'", connection);
            failure = await Should.ThrowAsync<PostgresException>(() => command.ExecuteScalarAsync());
        }
        failure.StackTrace.ShouldNotBeNull();
        var wrapped = new AggregateException(failure);

        foreach (var exception in new Exception[] { failure, wrapped, new InvalidOperationException("SELECT * FROM mt_events failed", failure) })
        {
            var context = new DefaultHttpContext { RequestServices = Host.Services };
            context.Request.Method = "GET";
            context.Request.Path = "/api/children";
            context.Response.Body = new MemoryStream();

            (await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None)).ShouldBeTrue();

            context.Response.StatusCode.ShouldBe(500);
            context.Response.ContentType.ShouldBe(Problems.ContentType);
            var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
            text.ShouldContain("traceId");
            foreach (var marker in Internals.Append("canary-4711").Append("no_such_table"))
                text.ShouldNotContain(marker, Case.Sensitive, text);
        }
    }

    private async Task<IScenarioResult> StaleVersionConflict()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 5, 10));
        await Api.PostJson($"/api/households/{family.HouseholdId}/address",
            new { address = Scenarios.Address(), date = new DateOnly(2026, 10, 1), version = family.HouseholdVersion });
        return await Api.Post($"/api/households/{family.HouseholdId}/address",
            new { address = Scenarios.Address(), date = new DateOnly(2026, 11, 1), version = family.HouseholdVersion }, 409);
    }

    private Task<IScenarioResult> Raw(string method, string url, string body, string contentType, int expected) =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("raw", Roles.Clerk)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Get.Url(url);
            s.ConfigureHttpContext(c =>
            {
                c.Request.Method = method;
                var bytes = Encoding.UTF8.GetBytes(body);
                c.Request.Body = new MemoryStream(bytes);
                c.Request.ContentLength = bytes.Length;
                c.Request.ContentType = contentType;
            });
            s.StatusCodeShouldBe(expected);
        });
}
