using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KosodateShien.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddKosodateOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KosodateShien API (子ども・子育て支援システム)",
                Version = "v1",
                Description = "住基・税 inbound registry and 教育・保育給付認定. Every write takes the stream `version` you last read and answers 409 when it is stale. Errors are RFC 9457 problem+json naming the field and the rule.",
            });
            options.CustomSchemaIds(SchemaId);
            // The JSON contract refuses nulls where the type is non-nullable and requires constructor parameters; say so in the schema.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from `./kosodate token --user NAME --role ROLE`.",
            });
            options.OperationFilter<AuthorizationOperationFilter>();
            options.OperationFilter<FileBodyOperationFilter>();
            options.OperationFilter<RateLimitOperationFilter>();
            options.OperationFilter<RequiredQueryParametersFilter>();
            options.SchemaFilter<OptionalParametersSchemaFilter>();
            foreach (var assembly in new[] { typeof(Program).Assembly, typeof(Domain.Common.JapaneseDates).Assembly, typeof(Projections.KosodateStore).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(xml)) options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }
        });
        return services;
    }

    // Short, stable names: the type name, with the declaring type for nested ones.
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}"
            : type.Name;
        return type.DeclaringType is { } outer ? $"{SchemaId(outer)}.{name}" : name;
    }
}

/// <summary>Documents each operation's bearer requirement, its allowed roles, and its 401/403 answers.</summary>
public sealed class AuthorizationOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return;
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's roles do not allow this operation." });
        if (policy is not null && Auth.Policies.RolesByPolicy.TryGetValue(policy, out var roles))
            operation.Description = $"{operation.Description}\n\nPolicy `{policy}`: roles {string.Join(", ", roles.Select(r => $"`{r}`"))}.".Trim();
        if (policy is not null && Auth.Policies.PersonalDataReads.Contains(policy) && context.ApiDescription.HttpMethod == "GET")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Audit.AccessLogging.PurposeHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "利用目的: why personal data is read (1–200 characters); recorded in the access log (個人情報アクセス記録). Missing: 400.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }
    }
}

/// <summary>Documents the file an endpoint marked <see cref="Http.FileBodyAttribute"/> takes as its body.</summary>
public sealed class FileBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.FileBodyAttribute>().LastOrDefault() is not { } file) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = file.Description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [file.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }
}

/// <summary>Every documented operation counts against the caller's rate limit (<see cref="Http.RateLimiting"/>).</summary>
public sealed class RateLimitOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests from this user (or, without a token, this address): wait the `Retry-After` seconds." });
    }
}
