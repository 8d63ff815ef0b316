namespace KosodateShien.Api.Http;

/// <summary>
/// Headers on every response, problem answers and redirects included (they are set just before the response starts,
/// after any handler cleared the response): no sniffing, no framing, no referrer, a Content-Security-Policy that lets an
/// API answer load nothing, and <c>Cache-Control: no-store</c> so no browser or proxy keeps personal data. Swagger UI
/// (<c>/swagger</c>) gets the allowances it needs (its own scripts and styles) and may be cached. Kestrel's
/// <c>Server</c> header is switched off in <see cref="TransportSecurity"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Swagger UI loads its bundle, styles and icons from /swagger and fetches the document; React sets inline styles.</summary>
    public const string SwaggerUiPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var swagger = context.Request.Path.StartsWithSegments("/swagger");
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = swagger ? SwaggerUiPolicy : ApiPolicy;
        if (!swagger) headers.CacheControl = "no-store";
        headers.Remove("Server");
        headers.Remove("X-Powered-By");
    }
}
