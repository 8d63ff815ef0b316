using System.Text.Json;
using System.Text.Json.Serialization;

namespace KosodateShien.Api.Http;

/// <summary>
/// The HTTP JSON contract: camelCase, enums as camelCase strings (no numbers), required constructor
/// parameters enforced, nulls refused where the type says non-null, unknown properties refused.
/// </summary>
public static class JsonSetup
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Dictionary keys are data (child ids, クラス年齢, field paths), never renamed.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 32;
    }
}
