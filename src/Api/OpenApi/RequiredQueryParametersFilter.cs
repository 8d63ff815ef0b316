using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Wolverine.Http;

namespace KosodateShien.Api.OpenApi;

/// <summary>Marks required the query values an endpoint cannot do without (<see cref="Http.ParameterChecks"/> refuses them left out).</summary>
public sealed class RequiredQueryParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault() is not { } chain) return;
        var required = Http.ParameterChecks.Of(chain).Where(p => p.Required).Select(p => p.Name).ToHashSet();
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name && required.Contains(name))
                parameter.Required = true;
    }
}
