using System.Text.Json;
using JasperFx;
using KosodateShien.Domain.Common;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace KosodateShien.Api.Http;

/// <summary>
/// Turns every exception into problem+json: rule errors 422, malformed bodies 400, conflicts 409, the database unreachable
/// or restarting 503 with <c>Retry-After</c>, anything else 500 without internals. Clients never see a stack trace.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, rule, errors) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while PostgreSQL is down or restarting: one line each, not a stack trace per request.
            logger.LogWarning("503 on {Method} {Path}: the database cannot serve now ({Error}: {Message})", context.Request.Method, context.Request.Path,
                exception.GetBaseException().GetType().Name, exception.GetBaseException().Message);
            await Problems.WriteAsync(context, status, title, detail, rule, errors,
                h => h.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        else logger.LogInformation("{Status} on {Method} {Path}: {Rule}", status, context.Request.Method, context.Request.Path, rule);
        await Problems.WriteAsync(context, status, title, detail, rule, errors);
        return true;
    }

    private static (int Status, string Title, string Detail, string? Rule, IDictionary<string, string[]>? Errors) Classify(Exception exception)
    {
        switch (Unwrap(exception))
        {
            case DomainRuleException e:
                return (422, "Business rule violated", e.Message, e.Rule,
                    e.Field is null ? null : e.AlsoFields.Prepend(e.Field).Distinct().ToDictionary(field => field, _ => new[] { e.Message }));
            case MalformedFileException e:
                return (422, "File refused", e.Message, e.Rule,
                    e.Errors.GroupBy(f => $"line {f.Line}: {f.Field}").ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()));
            case KosodateShien.Projections.Privacy.SubjectErasedException e:
                return (409, "Conflict", e.Message, "personal-data.erased", null);
            case NotFoundException e:
                return (404, "Not Found", e.Message, "not-found", null);
            case InvalidRequestException e:
                return (400, "Invalid request", e.Message, "request.invalid", new Dictionary<string, string[]> { [e.Field] = [e.Message] });
            case JsonException e:
                return BadBody(e);
            case BadHttpRequestException { InnerException: JsonException e }:
                return BadBody(e);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return (413, "Payload too large", "The request body is larger than this endpoint takes (1 MiB for JSON, 64 MiB for a file).", "request.too-large", null);
            case BadHttpRequestException e:
                return (e.StatusCode, "Bad request", SafeMessage(e.Message), "request.malformed", null);
            case ExistingStreamIdCollisionException:
                return (409, "Conflict", "A record with this identity already exists.", "stream.exists", null);
            case StaleVersionException e:
                return (409, "Conflict", e.Message + " Read the record again and resend with its current version.", "version.conflict", null);
            case ConcurrencyException e:
                return (409, "Conflict", "The record was changed by someone else; read it again and resend with its current version. " + SafeMessage(e.Message), "version.conflict", null);
            case PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }:
                // Two writes took the same records' locks in opposite orders (a 充当 into a charge being paid, say): one gave way, nothing was written.
                return (409, "Conflict", "Another request changed the same records at the same moment; read them again and resend.", "version.conflict", null);
            case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } e:
                return (409, "Conflict", $"A record with the same unique number already exists ({UniqueField(e)}).", "unique.violation",
                    new Dictionary<string, string[]> { [UniqueField(e)] = ["is already registered."] });
            case PostgresException { SqlState: PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire }:
                // PostgreSQL text and jsonb cannot hold U+0000 (sent as "\u0000"); the value is refused, nothing is stored.
                return (400, "Invalid request body", "A text field contains a character that cannot be stored (U+0000).", "request.body-invalid", null);
            case var _ when DatabaseUnavailable.Is(exception):
                return (503, "Service unavailable", "The database cannot be reached at the moment. Send the request again in a moment with the same " +
                    "Idempotency-Key: if it was done after all, you get its answer instead of a second run.", DatabaseUnavailable.Rule, null);
            default:
                return (500, "Internal error", "The request could not be completed. It has been logged; quote the traceId when reporting it.", null, null);
        }
    }

    // Marten wraps database errors (a unique violation arrives as DocumentAlreadyExistsException or
    // MartenCommandException around a PostgresException); classify the innermost meaningful one.
    private static Exception Unwrap(Exception exception)
    {
        var current = exception;
        for (var inner = exception; inner is not null; inner = inner.InnerException)
            if (inner is KosodateShien.Projections.Privacy.SubjectErasedException) return inner;
        while (current.InnerException is { } inner && current is AggregateException { InnerExceptions.Count: 1 } or MartenCommandException or DocumentAlreadyExistsException)
            current = inner;
        return current;
    }

    private static (int, string, string, string?, IDictionary<string, string[]>?) BadBody(JsonException e)
    {
        var (field, message) = JsonBodyValidation.Describe(e);
        return (400, "Invalid request body", message, "request.body-invalid", new Dictionary<string, string[]> { [field] = [message] });
    }

    // Messages from the framework can name CLR types; keep only the human part.
    private static string SafeMessage(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"'?(KosodateShien|System|Microsoft)\.[\w\.\[\]`,+ ]+'?", "the value");

    // Marten names unique indexes mt_doc_{document}_uidx_{field}: report the field in the API's camelCase.
    private static string UniqueField(PostgresException e)
    {
        var name = e.ConstraintName ?? "";
        var at = name.IndexOf("_uidx_", StringComparison.Ordinal);
        if (at < 0) return "id";
        var parts = name[(at + 6)..].Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "id" : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

}
