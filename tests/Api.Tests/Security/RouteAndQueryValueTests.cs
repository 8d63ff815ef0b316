using System.Text.Json;
using KosodateShien.Api.Auth;
using Marten;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// The route and query values of issue 13 that answered 500, each answered as a request error naming the parameter
/// (<see cref="HostileParameterTests"/> walks them all; these pin the cases the issue names).
/// </summary>
public sealed class RouteAndQueryValueTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    [InlineData("2147483647")]
    [InlineData("1899")]
    public async Task a_fiscal_year_closing_outside_the_years_taken_is_400_naming_year(string year)
    {
        var problem = await Refused($"/api/fiscal-years/{year}/closing", 400, ApiClient.Finance, new { closedOn = "2027-05-31" });
        Errors(problem).ShouldBe(["year"]);
        problem.GetProperty("detail").GetString()!.ShouldContain("between 1900 and 2999");
    }

    [Fact]
    public async Task a_fiscal_year_that_is_no_number_is_400_naming_year()
    {
        var problem = await Refused("/api/fiscal-years/twenty/closing", 400, ApiClient.Finance, new { closedOn = "2027-05-31" });
        Errors(problem).ShouldBe(["year"]);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("3000-01-01")]
    public async Task a_certification_as_of_a_date_at_the_ends_of_the_calendar_is_400_naming_asOf(string asOf)
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (id, _) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));

        Errors(await Refused($"/api/certifications/{id}?asOf={asOf}", 400)).ShouldBe(["asOf"]);
        await Api.Get($"/api/certifications/{id}?asOf=2999-12-31");
    }

    [Fact]
    public async Task the_access_log_from_the_first_day_of_the_calendar_is_400_naming_from()
    {
        Errors(await Refused("/api/access-log?from=0001-01-01", 400, ApiClient.Auditor)).ShouldBe(["from"]);
        Errors(await Refused("/api/access-log?to=9999-12-31", 400, ApiClient.Auditor)).ShouldBe(["to"]);
    }

    [Fact]
    public async Task a_page_past_the_largest_offset_is_400_naming_page()
    {
        Errors(await Refused("/api/applications?page=2147483647", 400)).ShouldBe(["page"]);
        await Api.Get("/api/applications?page=1000000");
    }

    [Fact]
    public async Task a_query_value_that_does_not_parse_is_400_naming_it_without_clr_types()
    {
        var problem = await Refused("/api/applications?childId=not-a-guid", 400);
        Errors(problem).ShouldBe(["childId"]);
        problem.GetProperty("rule").GetString().ShouldBe("request.invalid");
        problem.GetRawText().ShouldNotContain("System.");

        Errors(await Refused("/api/erasures?status=gone", 400, ApiClient.Supervisor)).ShouldBe(["status"]);
        Errors(await Refused("/api/erasures?status=1", 400, ApiClient.Supervisor)).ShouldBe(["status"]);
        Errors(await Refused("/api/reports/write-offs?fiscalYear=2147483648", 400)).ShouldBe(["fiscalYear"]);
    }

    [Fact]
    public async Task the_empty_guid_as_a_route_id_is_404_and_appends_nothing()
    {
        var empty = Guid.Empty;
        var before = await EventCount();
        var problem = await Refused($"/api/extended-care/{empty}/usage", 404, ApiClient.Clerk,
            new { month = "2027-04-01", daysUsed = 3, version = 1 });
        problem.GetProperty("rule").GetString().ShouldBe("not-found");
        await Refused($"/api/charges/{empty}/dunning", 404, ApiClient.Finance, new { issuedOn = "2027-01-15", version = 1 });
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_query_value_an_endpoint_cannot_do_without_is_documented_as_required_and_400_when_left_out()
    {
        var document = await OpenApiWalk.Document(Host);
        var required = OpenApiWalk.Operations(document)
            .SelectMany(o => o.Parameters.Where(p => p is { In: "query", Required: true }).Select(p => (Operation: o, Parameter: p)))
            .ToList();
        required.Select(r => $"{r.Operation.Path} {r.Parameter.Name}").ShouldBe(
        [
            "/api/reports/prescriptions from", "/api/reports/prescriptions to", "/api/reports/write-offs fiscalYear",
            "/api/reports/collection-rate fiscalYear", "/api/reports/dunning from", "/api/reports/dunning to",
            "/api/facilities/{id}/roster month", "/api/extended-care/monthly-fees month", "/api/fees/monthly-list month",
            "/api/charge-notices month", "/api/reports/waiting-children date",
            "/api/allocation/rounds/{id}/comparison first", "/api/allocation/rounds/{id}/comparison second", "/api/fee-reductions childId",
            "/api/facilities/{id}/region-category month", "/api/facilities/{id}/bank-account date", "/api/facility-claims month", "/api/reports/facility-payments fiscalYear",
        ], ignoreOrder: true);

        foreach (var (operation, parameter) in required)
        {
            // Every other required value is given, so the one left out is the one refused.
            var others = operation.Parameters.Where(p => p is { In: "query", Required: true } && p != parameter)
                .Select(p => $"{p.Name}={OpenApiWalk.PlainValue(p)}");
            var url = OpenApiWalk.FillPath(operation.Path, _ => Guid.NewGuid().ToString()) + "?" + string.Join("&", others);
            var problem = await Refused(url, 400, Policies.RolesByPolicy[operation.Policy!][0]);
            Errors(problem).ShouldBe([parameter.Name], $"{operation} without {parameter.Name}");
        }
    }

    private async Task<JsonElement> Refused(string url, int status, string role = ApiClient.Clerk, object? body = null)
    {
        var result = body is null ? await Api.Get(url, status, role) : await Api.Post(url, body, status, role);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        return ApiClient.Json(result);
    }

    private async Task<int> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    private static string[] Errors(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
}
