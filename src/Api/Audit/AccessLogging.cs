using System.Security.Claims;
using System.Text.Json;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Projections.Audit;
using Marten;
using Microsoft.AspNetCore.Authorization;

namespace KosodateShien.Api.Audit;

/// <summary>
/// The personal-data access log (個人情報アクセス記録). A read of personal data is a GET under a policy that reads records
/// (<see cref="Policies.PersonalDataReads"/>); each one by an authenticated user is recorded with what it returned, also
/// when it was refused (403, 404, a missing purpose), so that repeated refusals show in the analysis. Such reads must say
/// why in an <c>X-Purpose</c> header.
/// </summary>
public static class AccessLogging
{
    public const string PurposeHeader = "X-Purpose";
    private const int MaxPurposeLength = 200;
    private const int MaxCapturedBytes = 32 * 1024 * 1024;

    /// <summary>The JSON properties whose values name a person or a household.</summary>
    private static readonly HashSet<string> SubjectProperties =
        ["childId", "personId", "payerId", "guardianId", "householdId", "motherId", "fatherId", "applicantId", "memberId"];

    /// <summary>
    /// Records the reads by authenticated users; put it first, outside the exception handler and authorization, so the record
    /// has the status the client got, refusals included.
    /// </summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsPersonalDataRead(context))
        {
            await next(context);
            return;
        }
        // The exception handler clears the endpoint and route values of a request that failed: keep them from here.
        var endpoint = context.GetEndpoint() as RouteEndpoint;
        var routeValues = context.Request.RouteValues.Values.ToList();
        var original = context.Response.Body;
        await using var capture = new CapturingStream(original, MaxCapturedBytes);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            // The record is written before the client gets the answer: no read leaves the building unrecorded.
            if (context.User.Identity?.IsAuthenticated == true) await RecordAsync(context, endpoint, routeValues, capture);
            await capture.ReleaseAsync(context.RequestAborted);
        }
    });

    /// <summary>Refuses a personal-data read without a purpose (400); put it after authorization, so a refusal for the role comes first.</summary>
    public static IApplicationBuilder UsePurposeRequired(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var purpose = PurposeOf(context);
        if (IsPersonalDataRead(context) && (purpose.Length == 0 || purpose.Length > MaxPurposeLength))
        {
            var message = $"a read of personal data must say why: send the {PurposeHeader} header (1 to {MaxPurposeLength} characters; Japanese percent-encoded as UTF-8, e.g. %E8%AA%8D%E5%AE%9A%E5%AF%A9%E6%9F%BB for 認定審査).";
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Purpose required", message, "access.purpose-required",
                new Dictionary<string, string[]> { [PurposeHeader] = [message] });
            return;
        }
        await next(context);
    });

    /// <summary>
    /// The purpose as given: HTTP header values are ASCII, so Japanese comes percent-encoded as UTF-8 (as in a URL) and is
    /// decoded here; plain ASCII passes as it is.
    /// </summary>
    public static string PurposeOf(HttpContext context)
    {
        var raw = context.Request.Headers[PurposeHeader].ToString().Trim();
        try
        {
            return Uri.UnescapeDataString(raw).Trim();
        }
        catch (UriFormatException)
        {
            return raw;
        }
    }

    public static bool IsPersonalDataRead(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(a => a.Policy is { } policy && Policies.PersonalDataReads.Contains(policy)) == true;

    private static async Task RecordAsync(HttpContext context, RouteEndpoint? endpoint, IReadOnlyList<object?> routeValues, CapturingStream capture)
    {
        var subjects = new HashSet<Guid>();
        foreach (var value in routeValues.Concat(context.Request.Query.Select(q => (object?)q.Value.ToString())))
            if (Guid.TryParse(value?.ToString(), out var id)) subjects.Add(id);
        var status = context.Response.StatusCode;
        var count = 0;
        if (status is >= 200 and < 300)
        {
            count = 1;
            if (capture.Complete && context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
                count = ReadSubjects(capture.Captured, subjects);
        }
        var record = new AccessRecord(0, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            context.User.Identity?.Name ?? "(unknown)", [.. context.User.FindAll((context.User.Identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role).Select(c => c.Value)],
            $"{context.Request.Method} {endpoint?.RoutePattern.RawText ?? context.Request.Path.Value}", $"{context.Request.Path}{context.Request.QueryString}",
            [.. subjects.Take(AccessRecord.MaxSubjects)], NullIfEmpty(PurposeOf(context)), status, count, context.TraceIdentifier);
        // Written apart from the request's own work and whatever happened to it: the read took place.
        await using var session = context.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Insert(record);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The answer's item count (a list's length, else 1), collecting the people and households it names.</summary>
    private static int ReadSubjects(ReadOnlyMemory<byte> json, HashSet<Guid> subjects)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, subjects);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }

    private static void Collect(JsonElement element, HashSet<Guid> subjects)
    {
        if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) Collect(item, subjects);
        else if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
            {
                if (SubjectProperties.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetGuid(out var id)) subjects.Add(id);
                else Collect(property.Value, subjects);
            }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
