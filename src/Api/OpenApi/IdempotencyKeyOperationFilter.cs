using KosodateShien.Api.Http.Idempotency;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KosodateShien.Api.OpenApi;

/// <summary>Documents the optional <c>Idempotency-Key</c> of every POST and the answers it adds (see <see cref="IdempotencyKeys"/>).</summary>
public sealed class IdempotencyKeyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod != "POST") return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "再送安全キー: 1–100 printable ASCII characters (a UUID), chosen by the client for this request. A repeat with the same key " +
                "and the same request answers what the first answered (header `Idempotent-Replayed: true`) and runs nothing; the same key with " +
                "another request is 422 `idempotency.key-reused`; a repeat while the first still runs waits for it, then 409 `idempotency.in-progress`. " +
                "Kept per user for at least 24 hours: answers 2xx, 404 and 422 (a 400, a 409 for a stale version or a 5xx keeps nothing).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength },
        });
        operation.Responses ??= [];
        operation.Responses.TryAdd("409", new OpenApiResponse { Description = "Conflict: a stale `version`, or a request with the same `Idempotency-Key` still running." });
        operation.Responses.TryAdd("422", new OpenApiResponse { Description = "A business rule refused the command, or the `Idempotency-Key` was used for another request." });
    }
}
