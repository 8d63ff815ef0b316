using JasperFx.Events;
using Marten.Events.Aggregation;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Projections.Certification;

/// <summary>The certification write model, snapshotted inline (also what lists and the work queue query).</summary>
public sealed class CertificationProjection : SingleStreamProjection<CertificationState, Guid>
{
    public CertificationProjection() => this.Folds(CertificationState.FoldedEvents);

    public override CertificationState? Evolve(CertificationState? snapshot, Guid id, IEvent e) => CertificationState.Evolve(snapshot, e.Data);
}

/// <summary>認定詳細: the certification as staff see it, with every step of its history and who took it.</summary>
public sealed record CertificationDetails(Guid Id, CertificationState Certification, IReadOnlyList<HistoryEntry> History)
{
    public int Version { get; set; }
}

/// <summary>One step in a stream's history: what happened, when, and who did it (from the event metadata).</summary>
public sealed record HistoryEntry(long Version, string EventType, string Label, DateTimeOffset RecordedAt, string? UserName, string? CorrelationId);

public sealed class CertificationDetailsProjection : SingleStreamProjection<CertificationDetails, Guid>
{
    public CertificationDetailsProjection() => this.Folds(CertificationState.FoldedEvents);

    public override CertificationDetails? Evolve(CertificationDetails? snapshot, Guid id, IEvent e)
    {
        var state = CertificationState.Evolve(snapshot?.Certification, e.Data);
        if (state is null) return snapshot;
        // PostgreSQL keeps the time to the microsecond: so does the entry, so that a rebuild from the stored events agrees with it.
        var recordedAt = e.Timestamp.AddTicks(-(e.Timestamp.Ticks % 10));
        var entry = new HistoryEntry(e.Version, e.EventTypeName, EventLabels.For(e.Data), recordedAt, e.UserName, e.CorrelationId);
        return new CertificationDetails(id, state, [.. snapshot?.History ?? [], entry]);
    }
}
