using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace KosodateShien.Api.Auth;

public static class AuthenticationSetup
{
    public static IServiceCollection AddKosodateAuthentication(this IServiceCollection services, JwtSettings settings)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = settings.ValidationParameters();
                options.Events = new JwtBearerEvents
                {
                    // 401 and 403 answer in problem+json like every other error.
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        await Http.Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                            "A valid bearer token is required.", extraHeaders: h => h.WWWAuthenticate = "Bearer");
                    },
                    OnForbidden = context => Http.Problems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        "Your role does not allow this operation."),
                };
            });
        services.AddAuthorization(Policies.Register);
        return services;
    }
}
