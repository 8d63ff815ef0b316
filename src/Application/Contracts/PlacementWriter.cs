using KosodateShien.Domain.Contracts;
using Marten;
using JasperFx.Events;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// Appends to placement streams through one <c>FetchForWriting</c> handle per placement for a whole job, so several months
/// of one placement can be decided in one transaction, the snapshot learns its new version, and a concurrent writer still
/// fails the commit (optimistic check on the version read).
/// </summary>
public sealed class PlacementWriter(IDocumentSession session)
{
    private readonly Dictionary<Guid, IEventStream<Placement>> streams = [];

    public async Task AppendAsync(Guid placementId, object @event, CancellationToken ct)
    {
        if (!streams.TryGetValue(placementId, out var stream))
            streams[placementId] = stream = await session.Events.FetchForWriting<Placement>(placementId, ct);
        stream.AppendOne(@event);
    }
}
