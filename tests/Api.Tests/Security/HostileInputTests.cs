using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KosodateShien.Api.Auth;
using Xunit.Abstractions;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// RELIABILITY.md I1/I4 (issue 6 item 9): sends hostile bodies to every write operation of the OpenAPI document, as a
/// role its policy allows, and checks every answer: never 5xx, problem+json, no internals in the body, and nothing
/// appended to <c>mt_events</c> by a request that was refused. All failures are collected so one run shows them all.
/// </summary>
public sealed partial class HostileInputTests(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const string Injection = "'; drop table mt_events; --";
    private const string NulChar = "a\u0000b";
    // Full-width and half-width kana, 異体字 (髙, 﨑), a combining voiced mark, an emoji (surrogate pair), zero-width and bidi controls.
    private const string Unicode = "ヤマダ ｶﾀｶﾅ 髙﨑 か\u3099 👨‍👩‍👧 \u200B\u202E";

    private sealed record Hostile(string Name, string? Body, bool MayBeAccepted = false, string? Echo = null);

    [Fact]
    public async Task every_write_operation_refuses_hostile_bodies_with_4xx_problem_json_and_appends_nothing()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var accepted = new List<string>();
        var requests = 0;
        var statuses = new SortedDictionary<int, int>();
        var operations = 0;
        var clock = Stopwatch.StartNew();
        var eventsBefore = await CountEvents();
        var acceptedEvents = 0L;

        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
        {
            if (!path.Value.TryGetProperty("post", out var operation)) continue;
            var policy = OpenApiWalk.PolicyOf(operation);
            if (policy is null) { failures.Add($"POST {path.Name}: no policy documented"); continue; }
            operations++;
            var role = Policies.RolesByPolicy[policy][0];
            var token = Fixture.Token($"hostile-{role}", role);
            var url = PathParameter().Replace(path.Name, _ => Guid.NewGuid().ToString());

            var (contentType, schema) = OpenApiSchemas.RequestBodyOf(operation);
            var bodies = contentType is null or "application/json" ? JsonBodies(schema, schemas) : FileBodies(contentType);
            foreach (var (hostile, bytes, type) in bodies)
            {
                var before = await CountEvents();
                var (status, responseType, text) = await Send(url, token, bytes, type);
                var delta = await CountEvents() - before;
                requests++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var what = $"POST {path.Name} as {role} with {hostile.Name}";

                if (status is >= 200 and < 300)
                {
                    acceptedEvents += delta;
                    // Valid data with awkward characters may be stored as data; everything else must be refused.
                    if (hostile.MayBeAccepted) accepted.Add($"{what}: {status} (+{delta} events)");
                    else failures.Add($"{what}: got {status}, expected 4xx");
                    continue;
                }
                if (status is < 400 or >= 500) failures.Add($"{what}: got {status}, expected 4xx");
                if (responseType?.StartsWith("application/problem+json", StringComparison.Ordinal) != true)
                    failures.Add($"{what}: {status} answered as '{responseType}', expected application/problem+json");
                var scrubbed = hostile.Echo is null ? text : text.Replace(hostile.Echo, "");
                foreach (var leak in Leaks.Where(l => scrubbed.Contains(l, StringComparison.Ordinal)))
                    failures.Add($"{what}: {status} body contains '{leak.Trim()}': {Shorten(text)}");
                if (delta != 0) failures.Add($"{what}: {status} but {delta} events were appended");
            }
        }

        var eventsAfter = await CountEvents();
        if (eventsAfter != eventsBefore + acceptedEvents)
            failures.Add($"mt_events: {eventsBefore} before the walk, {eventsAfter} after, but accepted requests appended only {acceptedEvents}");

        output.WriteLine($"{requests} requests to {operations} POST operations in {clock.Elapsed.TotalSeconds:F1} s; answers {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; {accepted.Count} accepted as data:");
        foreach (var line in accepted) output.WriteLine("  " + line);
        operations.ShouldBeGreaterThan(20);
        failures.ShouldBeEmpty($"{failures.Count} problems:\n" + string.Join("\n", failures));
    }

    private static readonly string[] Leaks = ["   at ", "Npgsql", "mt_", "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "KosodateShien.", "System."];

    private IEnumerable<(Hostile, byte[], string)> JsonBodies(JsonElement? schema, JsonElement schemas)
    {
        const string json = "application/json";
        Hostile[] fixedBodies =
        [
            new("unclosed object", "{"),
            new("unclosed array", "[1,2"),
            new("a bare string", "\"just a string\""),
            new("null", "null"),
            new("an empty body", ""),
            new("wrong types (amount, version)", """{"amount":"lots","version":"x"}"""),
        ];
        foreach (var hostile in fixedBodies) yield return (hostile, Encoding.UTF8.GetBytes(hostile.Body!), json);

        var huge = new string('x', 2 * 1024 * 1024);
        if (schema is null)
        {
            // A command without a body: whatever is sent must not change what it does with unknown ids.
            yield return (new Hostile("a 2 MiB string", $$"""{"note":"{{huge}}"}"""), Encoding.UTF8.GetBytes($$"""{"note":"{{huge}}"}"""), json);
            yield break;
        }

        var template = OpenApiSchemas.Template(schema.Value, schemas);
        var strings = Fields(schema.Value, schemas, 0, f => f.Kind == FieldKind.Text).ToList();
        var dates = Fields(schema.Value, schemas, 0, f => f.Kind == FieldKind.Date).ToList();
        var objects = Fields(schema.Value, schemas, 0, f => f.Kind == FieldKind.Object).ToList();
        var numbers = Fields(schema.Value, schemas, 0, f => f.Kind == FieldKind.Number).ToList();

        // Numbers where strings are expected, strings where numbers are, arrays where objects are.
        var wrong = Mutate(template, strings, _ => JsonValue.Create(12345));
        wrong = Mutate(wrong, numbers, _ => JsonValue.Create("lots"));
        wrong = Mutate(wrong, objects, _ => new JsonArray(1, 2));
        if (template is JsonObject && strings.Count + numbers.Count + objects.Count > 0)
            yield return Body(new Hostile("wrong types in every field", null), wrong);
        if (template is JsonObject) yield return Body(new Hostile("an array instead of the object", null), new JsonArray(template.DeepClone()));

        var hugeBody = strings.Count > 0 ? Mutate(template, strings.Take(1), _ => JsonValue.Create(huge)) : new JsonObject { ["note"] = huge };
        yield return Body(new Hostile("a 2 MiB string", null), hugeBody);

        if (strings.Count > 0)
        {
            yield return Body(new Hostile("SQL injection in every string", null, MayBeAccepted: true, Echo: Injection), Mutate(template, strings, _ => JsonValue.Create(Injection)));
            yield return Body(new Hostile("a JSON operator object in every string", null), Mutate(template, strings, _ => new JsonObject { ["$gt"] = "" }));
            yield return Body(new Hostile("NUL in every string", null, MayBeAccepted: true), Mutate(template, strings, _ => JsonValue.Create(NulChar)));
            yield return Body(new Hostile("kana, 異体字, combining marks, emoji in every string", null, MayBeAccepted: true, Echo: Unicode),
                Mutate(template, strings, _ => JsonValue.Create(Unicode)));
            // A lone surrogate cannot be written by JsonNode; put the escape in the text.
            var marker = "LONE-SURROGATE-" + Guid.NewGuid().ToString("N");
            var lone = Mutate(template, strings, _ => JsonValue.Create(marker)).ToJsonString().Replace(marker, "\\ud800");
            yield return (new Hostile("a lone surrogate in every string", lone), Encoding.UTF8.GetBytes(lone), json);
        }
        if (dates.Count > 0)
        {
            yield return Body(new Hostile("0001-01-01 in every date", null, MayBeAccepted: true), Mutate(template, dates, f => JsonValue.Create(f.DateTime ? "0001-01-01T00:00:00Z" : "0001-01-01")));
            yield return Body(new Hostile("9999-12-31 in every date", null, MayBeAccepted: true), Mutate(template, dates, f => JsonValue.Create(f.DateTime ? "9999-12-31T23:59:59Z" : "9999-12-31")));
            yield return Body(new Hostile("2027-02-30 in every date", null), Mutate(template, dates, f => JsonValue.Create(f.DateTime ? "2027-02-30T00:00:00Z" : "2027-02-30")));
            yield return Body(new Hostile("\"yesterday\" in every date", null), Mutate(template, dates, _ => JsonValue.Create("yesterday")));
        }
    }

    private static IEnumerable<(Hostile, byte[], string)> FileBodies(string contentType)
    {
        var random = new Random(42);
        var garbage = new byte[4096];
        random.NextBytes(garbage);
        yield return (new Hostile("random bytes", null), garbage, contentType);
        yield return (new Hostile("an empty file", null), [], contentType);
        yield return (new Hostile("a JSON body instead of the file", null), Encoding.UTF8.GetBytes("""{"amount":"lots"}"""), contentType);
        yield return (new Hostile("injection lines", null, Echo: Injection),
            Encoding.UTF8.GetBytes($"{Injection},{{\"$gt\":\"\"}},\u0000,{Unicode}\r\n1,2,3\r\n"), contentType);
        var shiftJisLike = new byte[] { 0x82, 0xA0, 0x82, 0xA2, 0xFF, 0xFE, 0x00, 0x81, 0x0D, 0x0A };
        yield return (new Hostile("truncated multi-byte text", null), shiftJisLike, contentType);
    }

    private static (Hostile, byte[], string) Body(Hostile hostile, JsonNode node) => (hostile, Encoding.UTF8.GetBytes(node.ToJsonString()), "application/json");

    private async Task<(int Status, string? ContentType, string Text)> Send(string url, string token, byte[] body, string contentType)
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Post.Url(url);
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = contentType;
            });
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

    // --- the request schema -----------------------------------------------------------------------------------

    private enum FieldKind { Text, Date, Number, Object, Other }

    /// <summary>A property inside the body: its path (property names; "[0]" for an array's first item) and kind.</summary>
    private sealed record Field(string[] Path, FieldKind Kind, bool DateTime = false);

    private static IEnumerable<Field> Fields(JsonElement schema, JsonElement schemas, int depth, Func<Field, bool> wanted, string[]? path = null)
    {
        path ??= [];
        schema = OpenApiSchemas.Resolve(schema, schemas);
        if (depth > 6) yield break;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = OpenApiSchemas.TypeOf(schema);
        var kind = schema.TryGetProperty("enum", out _) ? FieldKind.Other : type switch
        {
            "string" when format is "date" or "date-time" => FieldKind.Date,
            "string" when format is null or "" => FieldKind.Text,
            "integer" or "number" => FieldKind.Number,
            "object" => FieldKind.Object,
            _ => FieldKind.Other,
        };
        var field = new Field(path, kind, format == "date-time");
        if (path.Length > 0 && wanted(field)) yield return field;
        if (type == "object" && schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject())
            foreach (var inner in Fields(property.Value, schemas, depth + 1, wanted, [.. path, property.Name]))
                yield return inner;
        if (type == "array" && schema.TryGetProperty("items", out var items))
            foreach (var inner in Fields(items, schemas, depth + 1, wanted, [.. path, "[0]"]))
                yield return inner;
    }

    private static JsonNode Mutate(JsonNode? template, IEnumerable<Field> fields, Func<Field, JsonNode?> value)
    {
        var copy = template?.DeepClone() ?? new JsonObject();
        foreach (var field in fields)
        {
            JsonNode? parent = copy;
            foreach (var step in field.Path[..^1])
                parent = parent switch { JsonArray a when step == "[0]" => a.FirstOrDefault(), JsonObject o when step != "[0]" => o[step], _ => null };
            var last = field.Path[^1];
            if (last == "[0]" && parent is JsonArray { Count: > 0 } array) array[0] = value(field);
            else if (parent is JsonObject obj) obj[last] = value(field);
        }
        return copy;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
