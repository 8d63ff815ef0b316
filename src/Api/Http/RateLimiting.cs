using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KosodateShien.Api.Http;

/// <summary>
/// Limits from configuration: <c>RateLimiting:UserPermits</c> requests per <c>RateLimiting:WindowSeconds</c> for each
/// signed-in user (by the token's user name, whichever machine it comes from), and the tighter
/// <c>RateLimiting:AnonymousPermits</c> for each client address without a valid token.
/// </summary>
public sealed record RateLimitSettings(int UserPermits, int AnonymousPermits, TimeSpan Window)
{
    public static RateLimitSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimiting");
        var settings = new RateLimitSettings(
            section.GetValue("UserPermits", 600),
            section.GetValue("AnonymousPermits", 60),
            TimeSpan.FromSeconds(section.GetValue("WindowSeconds", 60)));
        if (settings.UserPermits < 1 || settings.AnonymousPermits < 1 || settings.Window <= TimeSpan.Zero)
            throw new InvalidOperationException("RateLimiting:UserPermits, :AnonymousPermits and :WindowSeconds must be positive.");
        return settings;
    }
}

public static class RateLimiting
{
    public const string Rule = "rate-limit";

    public static IServiceCollection AddKosodateRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                UserName(context) is { } user
                    ? RateLimitPartition.GetFixedWindowLimiter($"user:{user}", _ => Window(settings.UserPermits, settings.Window))
                    : RateLimitPartition.GetFixedWindowLimiter($"ip:{context.Connection.RemoteIpAddress}", _ => Window(settings.AnonymousPermits, settings.Window)));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var who = UserName(rejected.HttpContext) is null ? "this client address without a token" : "this user";
                var permits = UserName(rejected.HttpContext) is null ? settings.AnonymousPermits : settings.UserPermits;
                return new ValueTask(Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"More than {permits} requests from {who} in {settings.Window.TotalSeconds:0} seconds. Retry after {seconds} seconds.", Rule,
                    extraHeaders: h => h.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture)));
            };
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string? UserName(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
}
