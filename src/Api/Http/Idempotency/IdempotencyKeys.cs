using System.Data;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Diagnostics;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first request with a key runs in one database transaction that also keeps its answer
/// (status, content type, location, body) for the user and key; a repeat with the same key and the same request gets that
/// answer again (<c>Idempotent-Replayed: true</c>) and runs nothing; the same key with another request is 422
/// <c>idempotency.key-reused</c>; a repeat arriving while the first still runs waits for it, up to the configured wait, then
/// answers 409 <c>idempotency.in-progress</c>. Kept are the answers of a command that ran to its end: success (2xx) and the
/// final refusals 404 and 422. A request refused before it ran (400, 409 for a stale version, 413, 415) or that failed
/// (5xx) keeps nothing, and may be sent again, corrected, with the same key.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 100;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Put it after authorization (the key is the user's) and before anything that reads the body or runs the endpoint.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.GetEndpoint() is null || context.User.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } user })
        {
            await next(context);
            return;
        }
        if (Invalid(values) is { } problem)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", problem, "idempotency.key-invalid",
                new Dictionary<string, string[]> { [Header] = [problem] });
            return;
        }
        await RunOnceAsync(context, next, user, values.ToString());
    });

    /// <summary>Why a header value is not a key (null when it is one): 1–100 printable ASCII characters, sent once.</summary>
    public static string? Invalid(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1) return $"Send the {Header} header once.";
        var key = values.ToString();
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < ' ' or > '~'))
            return $"{Header} must be 1 to {MaxLength} printable ASCII characters (a UUID is a good key).";
        return null;
    }

    /// <summary>The answers a repeat gets again: a command that ran to its end.</summary>
    public static bool IsKept(int status) => status is >= 200 and < 300 or StatusCodes.Status404NotFound or StatusCodes.Status422UnprocessableEntity;

    private static async Task RunOnceAsync(HttpContext context, RequestDelegate next, string user, string key)
    {
        var services = context.RequestServices;
        var settings = services.GetRequiredService<IdempotencySettings>();
        var store = services.GetRequiredService<IdempotencyStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var path = $"{context.Request.Path}{context.Request.QueryString}";
        var fingerprint = await FingerprintAsync(context.Request, path);

        await using var connection = services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync(context.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(context.RequestAborted);
        switch (await store.ReserveAsync(transaction, user, key, fingerprint, context.Request.Method, path, now, now + settings.Retention, settings.Wait, context.RequestAborted))
        {
            case Reservation.InProgress:
                await transaction.RollbackAsync(CancellationToken.None);
                await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                    $"A request with this {Header} is still running; send it again in a moment to get its answer.", "idempotency.in-progress",
                    extraHeaders: h => h.RetryAfter = "1");
                return;
            case Reservation.Kept:
                await transaction.RollbackAsync(CancellationToken.None);
                await ReplayAsync(context, await store.FindAsync(connection, user, key, now, context.RequestAborted), fingerprint);
                return;
        }

        var client = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        IdempotencyScope.Current = new IdempotencyScope(transaction);
        try
        {
            await next(context);
        }
        catch (Exception failure) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            if (connection.State != ConnectionState.Open)
            {
                // The connection broke under the command (PostgreSQL gone): the transaction, key and all, went with it. Marten
                // may say so only as "Connection is not open"; answer it as the database being unavailable (503).
                await AnswerFailureAsync(context, new DatabaseUnavailable.ConnectionLostException(failure));
            }
            else
            {
                // The command is undone but the key stays taken, so a repeat waits for this answer rather than running meanwhile.
                await store.UndoCommandAsync(transaction, CancellationToken.None);
                await AnswerFailureAsync(context, failure);
            }
        }
        finally
        {
            IdempotencyScope.Current = null;
            context.Response.Body = client;
        }

        var status = context.Response.StatusCode;
        if (IsKept(status) && Decode(answer) is { } body)
        {
            await store.KeepAsync(transaction, user, key, status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                body, CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        else
        {
            if (connection.State == ConnectionState.Open) await transaction.RollbackAsync(CancellationToken.None);
            if (IsKept(status))
            {
                // Not a text answer: it cannot be kept, so the command is not kept either.
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
                    $"The answer could not be kept for the {Header}; nothing was done. Send the request again.");
                return;
            }
        }
        answer.Position = 0;
        await answer.CopyToAsync(client, CancellationToken.None);
    }

    private static async Task AnswerFailureAsync(HttpContext context, Exception failure)
    {
        foreach (var handler in context.RequestServices.GetServices<IExceptionHandler>())
            if (await handler.TryHandleAsync(context, failure, CancellationToken.None)) return;
        throw failure;
    }

    private static async Task ReplayAsync(HttpContext context, KeptAnswer? kept, byte[] fingerprint)
    {
        if (kept is null)
        {
            // Expired and purged between the two reads: rare enough that sending again (which runs it) is the answer.
            await Problems.WriteAsync(context, StatusCodes.Status409Conflict, "Request in progress", $"Send the request with this {Header} again.",
                "idempotency.in-progress", extraHeaders: h => h.RetryAfter = "1");
            return;
        }
        if (!CryptographicOperations.FixedTimeEquals(kept.Fingerprint, fingerprint))
        {
            var message = $"This {Header} was used for another request ({kept.Method} {kept.Path} with another body); use a new key for a new request.";
            await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", message, "idempotency.key-reused",
                new Dictionary<string, string[]> { [Header] = [message] });
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(kept.Body);
        context.Response.StatusCode = kept.Status;
        if (kept.ContentType is not null) context.Response.ContentType = kept.ContentType;
        if (kept.Location is not null) context.Response.Headers.Location = kept.Location;
        context.Response.Headers[ReplayedHeader] = "true";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task<byte[]> FingerprintAsync(HttpRequest request, string path)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) hash.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static string? Decode(MemoryStream answer)
    {
        try
        {
            return StrictUtf8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
