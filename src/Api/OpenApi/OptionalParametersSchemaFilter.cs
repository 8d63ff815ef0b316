using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KosodateShien.Api.OpenApi;

/// <summary>A request record's constructor parameters with a default value may be left out: drop them from <c>required</c>.</summary>
public sealed class OptionalParametersSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Required.Count: > 0 } concrete) return;
        var constructor = context.Type.GetConstructors().MaxBy(c => c.GetParameters().Length);
        foreach (var parameter in constructor?.GetParameters() ?? [])
            if (parameter.HasDefaultValue && parameter.Name is { } name)
                concrete.Required.Remove(JsonNamingPolicy.CamelCase.ConvertName(name));
    }
}
