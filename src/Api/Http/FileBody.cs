using Microsoft.AspNetCore.Http.Features;

namespace KosodateShien.Api.Http;

/// <summary>
/// Marks an endpoint whose request body is a file (a bank's 全銀 file, a receipt CSV) rather than JSON, for the OpenAPI
/// document; <see cref="FileBody.ReadAsync"/> reads it with the larger limit files need.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FileBodyAttribute(string contentType, string description) : Attribute
{
    public string ContentType { get; } = contentType;
    public string Description { get; } = description;
}

public static class FileBody
{
    /// <summary>Files may be larger than JSON bodies: 64 MiB holds a 全銀 file of half a million records.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        if (request.ContentLength > MaxBytes) throw new InvalidRequestException("file", $"is larger than {MaxBytes / 1024 / 1024} MiB.");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0) throw new InvalidRequestException("file", "the request body is empty; send the file as the body.");
        return buffer.ToArray();
    }
}
