using Marten;

namespace KosodateShien.Api.Http;

/// <summary>
/// Probes for load balancers and orchestrators: anonymous, exempt from rate limiting, no data, not in the OpenAPI document.
/// <list type="bullet">
/// <item><c>GET /health</c>: 200 when the database answers, 503 otherwise (kept as it was; scripts use it).</item>
/// <item><c>GET /health/live</c>: 200 while the process serves requests; touches nothing else.</item>
/// <item><c>GET /health/ready</c>: 200 when the database answers, the schema is applied and the start-up work (demo seeding
/// included) is done; 503 otherwise, naming the check that is not passed.</item>
/// </list>
/// </summary>
public static class HealthEndpoint
{
    public static void MapHealth(this WebApplication app)
    {
        Probe(app.MapGet("/health", async (IDocumentStore store, CancellationToken ct) =>
        {
            try
            {
                await using var session = store.QuerySession();
                await session.QueryAsync<int>("select 1", ct);
                return Results.Ok(new { status = "healthy" });
            }
            catch (Exception)
            {
                return Results.Json(new { status = "unhealthy" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }));
        Probe(app.MapGet("/health/live", () => Results.Ok(new { status = "live" })));
        Probe(app.MapGet("/health/ready", async (ReadinessCheck check, CancellationToken ct) => Answer(await check.CheckAsync(ct))));
    }

    /// <summary>200 <c>{"status":"ready","checks":{…}}</c>, or 503 with <c>"not-ready"</c> and the same checks.</summary>
    public static IResult Answer(ReadinessReport report) =>
        Results.Json(new { status = report.Ready ? "ready" : "not-ready", checks = report.Checks },
            statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);

    private static void Probe(RouteHandlerBuilder endpoint) => endpoint
        .AllowAnonymous()
        // Load balancers probe from one address, often; nothing personal is read.
        .DisableRateLimiting()
        .ExcludeFromDescription();
}
