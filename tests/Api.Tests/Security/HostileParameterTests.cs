using System.Diagnostics;
using System.Text;
using KosodateShien.Api.Auth;
using Xunit.Abstractions;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// RELIABILITY.md I1/I4 for what is not in the body (issue 13): every route and query parameter of every operation in the
/// OpenAPI document gets hostile values chosen by its schema type and format, and some whatever its type, as a role its
/// policy allows. Other route values name records that exist where the walk has one of that kind (so the hostile value
/// reaches the code behind the lookup), a random id otherwise. Every answer must be below 500, problem+json when it is
/// an error, free of internals, and a refused POST must append nothing. All failures are collected so one run shows them all.
/// </summary>
public sealed class HostileParameterTests(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private static readonly string[] Leaks = ["   at ", "Npgsql", "mt_", "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "KosodateShien.", "System."];

    [Fact]
    public async Task every_route_and_query_parameter_refuses_hostile_values_without_5xx_and_appends_nothing()
    {
        var known = await KnownRecords();
        var document = await OpenApiWalk.Document(Host);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var accepted = new List<string>();
        var (operations, parameters, requests) = (0, 0, 0);
        var clock = Stopwatch.StartNew();
        var slowest = (Took: TimeSpan.Zero, What: "");

        foreach (var operation in OpenApiWalk.Operations(document, schemas).Where(o => o.Parameters.Count > 0))
        {
            if (operation.Policy is null) { failures.Add($"{operation}: no policy documented"); continue; }
            operations++;
            var role = Policies.RolesByPolicy[operation.Policy][0];
            var token = Fixture.Token($"hostile-{role}", role);
            var body = BodyOf(operation, schemas);

            foreach (var (label, values) in Cases(operation))
            {
                var url = Url(operation, values, known);
                var before = operation.Method == "POST" ? await CountEvents() : 0;
                var started = clock.Elapsed;
                var (status, contentType, text) = await Send(operation.Method, url, token, body);
                if (clock.Elapsed - started is var took && took > slowest.Took) slowest = (took, $"{operation} with {label}");
                var appended = operation.Method == "POST" ? await CountEvents() - before : 0;
                requests++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var what = $"{operation} as {role} with {label}";

                if (status is >= 200 and < 300)
                {
                    if (operation.Method == "POST") accepted.Add($"{what}: {status} (+{appended} events)");
                    continue;
                }
                if (status >= 500) failures.Add($"{what}: got {status}: {Shorten(text)}");
                if (status >= 400 && contentType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
                    failures.Add($"{what}: {status} answered as '{contentType}', expected application/problem+json");
                var scrubbed = Scrub(text, values.Values);
                foreach (var leak in Leaks.Where(l => scrubbed.Contains(l, StringComparison.Ordinal)))
                    failures.Add($"{what}: {status} body contains '{leak.Trim()}': {Shorten(text)}");
                if (appended != 0) failures.Add($"{what}: {status} but {appended} events were appended");
            }
            parameters += operation.Parameters.Count;
        }

        output.WriteLine($"{requests} requests to {operations} operations ({parameters} route and query parameters) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"answers {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; slowest {slowest.Took.TotalMilliseconds:F0} ms ({slowest.What}); " +
            $"{accepted.Count} POSTs accepted:");
        foreach (var line in accepted) output.WriteLine("  " + line);
        operations.ShouldBeGreaterThan(100);
        failures.ShouldBeEmpty($"{failures.Count} problems:\n" + string.Join("\n", failures));
    }

    // --- what is sent -----------------------------------------------------------------------------------------

    /// <summary>Each parameter alone with each hostile value; and every date query parameter of the operation at its extremes together.</summary>
    private static IEnumerable<(string Label, Dictionary<string, string> Values)> Cases(ApiOperation operation)
    {
        foreach (var parameter in operation.Parameters)
        foreach (var (label, value) in HostileValues.For(parameter))
            yield return ($"{parameter.In} {parameter.Name} = {label}", new() { [parameter.Name] = value });

        var dates = operation.Parameters.Where(p => p is { In: "query", Format: "date" }).ToList();
        if (dates.Count < 2) yield break;
        foreach (var (first, last) in new[]
                 {
                     ("0001-01-01", "9999-12-31"), ("9999-12-31", "0001-01-01"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"),
                     ("1900-01-01", "2999-12-31"), ("2999-12-31", "1900-01-01"), ("2999-12-01", "2999-12-31"),
                 })
            yield return ($"query {string.Join(", ", dates.Select(d => d.Name))} = {first} … {last}",
                dates.Select((d, i) => (d.Name, Value: i == 0 ? first : last)).ToDictionary(d => d.Name, d => d.Value));
    }

    private static string Url(ApiOperation operation, Dictionary<string, string> values, KnownIds known)
    {
        var path = OpenApiWalk.FillPath(operation.Path, name =>
            values.TryGetValue(name, out var hostile) ? Uri.EscapeDataString(hostile) : known.For(operation.Path, name));
        // A required query value not under test is given a plain one, so the request gets past its absence.
        var query = operation.Parameters.Where(p => p.In == "query" && (values.ContainsKey(p.Name) || p.Required))
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(values.GetValueOrDefault(p.Name) ?? OpenApiWalk.PlainValue(p))}");
        var text = string.Join("&", query);
        return text.Length == 0 ? path : $"{path}?{text}";
    }

    private static (byte[] Bytes, string ContentType)? BodyOf(ApiOperation operation, System.Text.Json.JsonElement schemas)
    {
        if (operation.Method != "POST") return null;
        var (contentType, schema) = OpenApiSchemas.RequestBodyOf(operation.Operation);
        if (contentType is not null and not "application/json") return ([], contentType);
        var template = schema is { } s ? OpenApiSchemas.Template(s, schemas)?.ToJsonString() ?? "{}" : "{}";
        return (Encoding.UTF8.GetBytes(template), "application/json");
    }

    private async Task<(int Status, string? ContentType, string Text)> Send(string method, string url, string token, (byte[] Bytes, string ContentType)? body)
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            if (body is { } b)
            {
                s.Post.Url(url);
                s.ConfigureHttpContext(c =>
                {
                    c.Request.Body = new MemoryStream(b.Bytes);
                    c.Request.ContentLength = b.Bytes.Length;
                    c.Request.ContentType = b.ContentType;
                });
            }
            else s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, result.Context.Response.ContentType, result.ReadAsText());
    }

    private async Task<long> CountEvents()
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {AppFixture.Schema}.mt_events";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // The answer may quote the value sent (the problem's instance is the path, escaped): that is not a leak.
    private static string Scrub(string text, IEnumerable<string> sent) =>
        sent.Where(v => v.Length > 0)
            .SelectMany(v => new[] { v, Uri.EscapeDataString(v), new Microsoft.AspNetCore.Http.PathString("/" + v).ToString()[1..] })
            .Aggregate(text, (t, v) => t.Replace(v, ""));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    // --- records that exist, so hostile values reach past the lookup -------------------------------------------

    private async Task<KnownIds> KnownRecords()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2025, 6, 20));
        var family = placed.Family.Family;
        var charge = await Api.Charged(family.MotherId, "2027-04");
        return new KnownIds(new Dictionary<string, Guid>
        {
            ["children"] = family.ChildId,
            ["households"] = family.HouseholdId,
            ["persons"] = family.MotherId,
            ["people"] = family.MotherId,
            ["payers"] = family.MotherId,
            ["certifications"] = placed.Family.CertificationId,
            ["facilities"] = placed.FacilityId,
            ["placements"] = placed.PlacementId,
            ["charges"] = charge,
        }, family.MotherId);
    }

    /// <summary>An existing record's id for a route value, by the collection it follows (<c>/api/children/{id}</c>); a random id otherwise.</summary>
    private sealed record KnownIds(Dictionary<string, Guid> ByCollection, Guid Person)
    {
        public string For(string path, string parameter)
        {
            if (parameter == "year") return "2026";
            if (parameter is "personId" or "payerId") return Person.ToString();
            var segments = path.Split('/');
            var at = Array.IndexOf(segments, $"{{{parameter}}}");
            return at > 0 && ByCollection.TryGetValue(segments[at - 1], out var id) ? id.ToString() : Guid.NewGuid().ToString();
        }
    }
}
