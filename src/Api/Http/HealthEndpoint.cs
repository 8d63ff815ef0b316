using Marten;

namespace KosodateShien.Api.Http;

public static class HealthEndpoint
{
    /// <summary><c>GET /health</c>: 200 when the database answers, 503 otherwise. Anonymous; no data.</summary>
    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (IDocumentStore store, CancellationToken ct) =>
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
        })
        .AllowAnonymous()
        // Load balancers probe it from one address, often; it reads nothing personal.
        .DisableRateLimiting()
        .ExcludeFromDescription();
}
