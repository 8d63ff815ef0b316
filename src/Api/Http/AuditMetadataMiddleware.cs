using KosodateShien.Projections;
using Marten;

namespace KosodateShien.Api.Http;

/// <summary>
/// Completes the audit metadata of events written by an HTTP command: Wolverine already records the
/// user and the correlation id; this adds the causation (the request that caused the events) and the
/// operation as an event header, so history can answer "which request, doing what".
/// </summary>
public static class AuditMetadataMiddleware
{
    public static void Before(HttpContext context, IDocumentSession session)
    {
        session.CausationId = $"http-request:{context.TraceIdentifier}";
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value;
        session.SetHeader(StreamHistory.OperationHeader, $"{context.Request.Method} {route}");
    }

    /// <summary>The request's audit metadata as the session holds it, for events written in another session (a batch of payments).</summary>
    public static Application.Collection.Payments.EventMetadata EventMetadata(this IDocumentSession session) =>
        new(session.LastModifiedBy, session.CorrelationId, session.CausationId,
            session.GetHeader(StreamHistory.OperationHeader) is { } operation ? new Dictionary<string, object> { [StreamHistory.OperationHeader] = operation } : []);
}
