using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace KosodateShien.Api.Http;

/// <summary>Writes RFC 9457 problem+json answers.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails Create(int status, string title, string detail, string? rule = null, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (rule is not null) problem.Extensions["rule"] = rule;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? rule = null,
        IDictionary<string, string[]>? errors = null, Action<IHeaderDictionary>? extraHeaders = null)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        extraHeaders?.Invoke(context.Response.Headers);
        await WriteAsync(context, Create(status, title, detail, rule, errors));
    }

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        problem.Instance ??= context.Request.Path;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        context.Response.StatusCode = problem.Status ?? 500;
        context.Response.ContentType = ContentType;
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, options, context.RequestAborted);
    }
}
