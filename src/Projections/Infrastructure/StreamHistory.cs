using Marten;

namespace KosodateShien.Projections;

/// <summary>One stored event with its audit metadata: who, when, and which request.</summary>
public sealed record EventRecord(
    long Version,
    long Sequence,
    string EventType,
    string Label,
    DateTimeOffset RecordedAt,
    string? UserName,
    string? CorrelationId,
    string? CausationId,
    string? Operation,
    object Data);

public static class StreamHistory
{
    /// <summary>The event header naming the HTTP operation that appended the event (method and route template).</summary>
    public const string OperationHeader = "operation";

    /// <summary>The stream's events in order, or null when there is no such stream of the expected aggregate type.</summary>
    public static async Task<IReadOnlyList<EventRecord>?> HistoryAsync<TAggregate>(this IQuerySession session, Guid id, CancellationToken ct)
    {
        var state = await session.Events.FetchStreamStateAsync(id, ct);
        if (state is null || (state.AggregateType is not null && state.AggregateType != typeof(TAggregate))) return null;
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return [.. events.Select(e => new EventRecord(e.Version, e.Sequence, e.EventTypeName, EventLabels.For(e.Data), e.Timestamp,
            e.UserName, e.CorrelationId, e.CausationId, e.GetHeader(OperationHeader)?.ToString(), e.Data))];
    }
}
