using Microsoft.AspNetCore.Http.Features;

namespace KosodateShien.Api.Http;

/// <summary>
/// Request bodies are at most 1 MiB (JSON), or <see cref="FileBody.MaxBytes"/> on an endpoint marked
/// <see cref="FileBodyAttribute"/>. A declared <c>Content-Length</c> over the limit answers 413 problem+json before
/// anything reads the body; a chunked body that grows past it makes Kestrel stop reading, which
/// <see cref="ApiExceptionHandler"/> answers the same way.
/// </summary>
public static class RequestLimits
{
    public const long MaxJsonBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<FileBodyAttribute>() is null ? MaxJsonBytes : FileBody.MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(context, limit);
            return;
        }
        await next(context);
    });

    public static string Describe(long limit) => $"The request body is larger than {limit / 1024 / 1024} MiB, the most this endpoint takes.";

    private static Task TooLarge(HttpContext context, long limit)
    {
        // The body is left unread: don't keep an HTTP/1.x connection whose next request would start mid-body
        // (HTTP/2 has no such header; the stream is reset instead).
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
            context.Response.Headers.Connection = "close";
        return Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large", Describe(limit), "request.too-large");
    }
}
