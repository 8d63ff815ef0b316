using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace KosodateShien.Api.Http;

/// <summary>
/// Reads a JSON body once against the endpoint's declared request type before the endpoint runs, so a
/// malformed body (bad syntax, wrong type, unknown or missing property, null where not allowed) answers
/// 400 problem+json naming the field, in the same shape as every other validation error, and never
/// reaches a handler. A body on an endpoint that takes JSON must say it is JSON (415 otherwise).
/// </summary>
public static partial class JsonBodyValidation
{
    public static IApplicationBuilder UseJsonBodyValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var requestType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is null || !HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (!context.Request.HasJsonContentType())
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json.", "request.content-type");
            return;
        }

        context.Request.EnableBuffering();
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            if (await JsonSerializer.DeserializeAsync(context.Request.Body, requestType, options, context.RequestAborted) is null)
                throw new JsonException("The body is empty.", "$", null, null);
        }
        catch (JsonException e)
        {
            var (field, message) = Describe(e);
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid request body", message, "request.body-invalid",
                new Dictionary<string, string[]> { [field] = [message] });
            return;
        }
        context.Request.Body.Position = 0;
        await next(context);
    });

    /// <summary>The field (JSON path without <c>$.</c>) and a message free of CLR type names.</summary>
    public static (string Field, string Message) Describe(JsonException e)
    {
        var path = e.Path is null or "$" ? "" : e.Path.TrimStart('$', '.');
        // For an unknown property the reader's path already ends at it; for a missing one it stops at the parent object.
        string Join(string name) => path.Length == 0 || path == name || path.EndsWith($".{name}", StringComparison.Ordinal) ? (path.Length == 0 ? name : path) : $"{path}.{name}";

        if (MissingPattern().Match(e.Message) is { Success: true } missing)
            return (Join(missing.Groups[1].Value), "is required.");
        if (UnmappedPattern().Match(e.Message) is { Success: true } unmapped)
            return (Join(unmapped.Groups[1].Value), "is not a property of this request.");
        if (NullPattern().Match(e.Message) is { Success: true } isNull)
            return (Join(isNull.Groups[1].Value), "must not be null.");
        if (e.Message.StartsWith("The body is empty", StringComparison.Ordinal))
            return ("body", "A JSON body is required.");
        return (path.Length == 0 ? "body" : path, path.Length == 0 ? "is not valid JSON." : "has a value of the wrong type or format.");
    }

    [GeneratedRegex(@"missing required properties including: '([^']+)'")]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"The (?:property or field|constructor parameter) '([^']+)' .*(?:doesn't allow|does not allow) (?:setting )?null")]
    private static partial Regex NullPattern();
}
