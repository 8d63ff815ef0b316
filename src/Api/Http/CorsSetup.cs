namespace KosodateShien.Api.Http;

/// <summary>
/// CORS is closed unless <c>Cors:AllowedOrigins</c> lists origins (an array, <c>Cors__AllowedOrigins__0=…</c>, or one
/// value separated by <c>;</c>): then only those origins may call the API from a browser, with a bearer token and
/// without cookies (credentials stay off). A wildcard is refused.
/// </summary>
public static class CorsSetup
{
    public static IReadOnlyList<string> AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cors:AllowedOrigins");
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        foreach (var origin in values)
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                throw new InvalidOperationException($"Cors:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path, no wildcard).");
        return [.. values.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public static IServiceCollection AddKosodateCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        if (origins.Count == 0) return services;
        services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins([.. origins])
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "X-Correlation-ID", Audit.AccessLogging.PurposeHeader)
            .WithExposedHeaders("Location", "Retry-After", "Content-Disposition", "X-Correlation-ID")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Answers preflights (before authentication: they carry no token) when origins are configured; otherwise nothing.</summary>
    public static IApplicationBuilder UseKosodateCors(this IApplicationBuilder app, IConfiguration configuration) =>
        AllowedOrigins(configuration).Count == 0 ? app : app.UseCors();
}
