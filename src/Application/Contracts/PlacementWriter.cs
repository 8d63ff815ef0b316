using KosodateShien.Domain.Contracts;
using Marten;
using JasperFx.Events;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// Appends to placement streams through one <c>FetchForWriting</c> handle per placement for a whole job, so several months
/// of one placement can be decided in one transaction, the snapshot learns its new version, and a concurrent writer still
/// fails the commit (optimistic check on the version read). It keeps each placement as its appended events leave it, so a
/// later month of the same job decides against the fees the earlier months just determined (a fee holds until the next).
/// </summary>
public sealed class PlacementWriter(IDocumentSession session)
{
    private readonly Dictionary<Guid, IEventStream<Placement>> streams = [];
    private readonly Dictionary<Guid, Placement> pending = [];

    public async Task AppendAsync(Placement decidedFrom, object @event, CancellationToken ct)
    {
        var id = decidedFrom.Id;
        if (!streams.TryGetValue(id, out var stream))
            streams[id] = stream = await session.Events.FetchForWriting<Placement>(id, ct);
        stream.AppendOne(@event);
        pending[id] = Placement.Evolve(pending.GetValueOrDefault(id) ?? decidedFrom, @event) ?? throw new InvalidOperationException($"Placement {id} folded to nothing.");
    }

    /// <summary>The inputs with each placement this job appended to replaced by its state after those events.</summary>
    public HouseholdFeeInputs WithPending(HouseholdFeeInputs inputs)
    {
        if (pending.Count == 0) return inputs;
        Placement Current(Placement p) => pending.GetValueOrDefault(p.Id) ?? p;
        return inputs with
        {
            PlacementByChild = inputs.PlacementByChild.ToDictionary(kv => kv.Key, kv => Current(kv.Value)),
            Placements = [.. inputs.Placements.Select(Current)],
        };
    }
}
