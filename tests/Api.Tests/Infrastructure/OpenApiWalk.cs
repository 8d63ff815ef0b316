using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A route or query parameter of an operation, with its schema type and format (<c>string</c>/<c>uuid</c>, <c>integer</c>/<c>int32</c>).</summary>
public sealed record ApiParameter(string Name, string In, string? Type, string? Format, bool Required);

/// <summary>One operation of the OpenAPI document: method, path template, its documented policy and parameters.</summary>
public sealed record ApiOperation(string Method, string Path, JsonElement Operation, string? Policy, IReadOnlyList<ApiParameter> Parameters)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads the API's own OpenAPI document for tests that walk every operation (authorization, access log, hostile input).</summary>
public static partial class OpenApiWalk
{
    public static async Task<JsonElement> Document(IAlbaHost host) =>
        ApiClient.Json(await host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));

    /// <summary>Every operation under <c>/api/</c>, in document order.</summary>
    public static IEnumerable<ApiOperation> Operations(JsonElement document, JsonElement? schemas = null)
    {
        schemas ??= document.GetProperty("components").GetProperty("schemas");
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
        foreach (var operation in path.Value.EnumerateObject())
            yield return new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value, PolicyOf(operation.Value),
                ParametersOf(operation.Value, schemas.Value));
    }

    /// <summary>The policy named in the operation's description ("Policy `read-records`: roles …").</summary>
    public static string? PolicyOf(JsonElement operation)
    {
        if (!operation.TryGetProperty("description", out var description)) return null;
        var match = PolicyPattern().Match(description.GetString() ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>A plain valid value for a parameter, by its format: a random id, a month's first day, a year.</summary>
    public static string PlainValue(ApiParameter parameter) => parameter.Format switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "date" => "2027-04-01",
        _ => "2027",
    };

    /// <summary>The operation's required query values, each given its <see cref="PlainValue"/> (<c>?month=2027-04-01</c>, or "").</summary>
    public static string RequiredQuery(ApiOperation operation)
    {
        var query = operation.Parameters.Where(p => p is { In: "query", Required: true }).Select(p => $"{p.Name}={PlainValue(p)}").ToList();
        return query.Count == 0 ? "" : "?" + string.Join("&", query);
    }

    /// <summary>The path with every <c>{parameter}</c> replaced by what <paramref name="value"/> gives for its name.</summary>
    public static string FillPath(string path, Func<string, string> value) =>
        PathParameter().Replace(path, m => value(m.Value[1..^1]));

    private static List<ApiParameter> ParametersOf(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("parameters", out var parameters)) return [];
        return [.. parameters.EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() is "path" or "query")
            .Select(p =>
            {
                var schema = p.TryGetProperty("schema", out var s) ? OpenApiSchemas.Resolve(s, schemas) : default;
                var type = schema.ValueKind == JsonValueKind.Object ? OpenApiSchemas.TypeOf(schema) : null;
                var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                return new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, type, format,
                    p.TryGetProperty("required", out var r) && r.GetBoolean());
            })];
    }

    [GeneratedRegex(@"Policy `([^`]+)`")]
    private static partial Regex PolicyPattern();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}

/// <summary>Request schemas of the OpenAPI document: references resolved, and a plausible body built from them.</summary>
public static class OpenApiSchemas
{
    public static (string? ContentType, JsonElement? Schema) RequestBodyOf(JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content)) return (null, null);
        foreach (var type in content.EnumerateObject())
        {
            if (type.Name.Contains("json", StringComparison.Ordinal))
                return ("application/json", type.Value.TryGetProperty("schema", out var schema) ? schema : null);
        }
        var first = content.EnumerateObject().First();
        return (first.Name, null);
    }

    public static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
                schema = schemas.GetProperty(reference.GetString()!.Split('/').Last());
            else if (schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() > 0 && !schema.TryGetProperty("properties", out _))
                schema = all[0];
            else if ((schema.TryGetProperty("oneOf", out var one) || schema.TryGetProperty("anyOf", out one)) && one.GetArrayLength() > 0)
                schema = one.EnumerateArray().FirstOrDefault(s => TypeOf(s) != "null", one[0]);
            else break;
        }
        return schema;
    }

    public static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null");
    }

    /// <summary>A body that matches the schema: every property filled with a plausible value (ids random).</summary>
    public static JsonNode? Template(JsonElement schema, JsonElement schemas, int depth = 0)
    {
        schema = Resolve(schema, schemas);
        if (depth > 6) return null;
        if (schema.TryGetProperty("enum", out var values))
            return values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => JsonNode.Parse(v.GetRawText())).FirstOrDefault();
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                    foreach (var property in properties.EnumerateObject())
                        result[property.Name] = Template(property.Value, schemas, depth + 1);
                return result;
            case "array":
                return schema.TryGetProperty("items", out var items) ? new JsonArray(Template(items, schemas, depth + 1)) : new JsonArray();
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1);
            case "boolean": return JsonValue.Create(false);
            case "string":
                return format switch
                {
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    "date" => JsonValue.Create("2025-04-01"),
                    "date-time" => JsonValue.Create("2025-04-01T09:00:00+09:00"),
                    "time" => JsonValue.Create("09:00:00"),
                    "int32" or "int64" or "double" or "decimal" => JsonValue.Create("1"),
                    _ => JsonValue.Create("テスト"),
                };
            default: return null;
        }
    }
}
