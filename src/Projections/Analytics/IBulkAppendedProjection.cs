using Marten;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// A projection that writes what a list of events makes with set-based statements, for event data alone (no <c>IEvent</c>
/// metadata): its inline <c>ApplyAsync</c> and the bulk appenders, which append without Marten's projections, both call
/// <see cref="Queue"/>, so the bulk path fills its tables exactly as the inline one does. Every analysts' projection is one,
/// so that the bulk appenders can tell they are no obstacle: each ignores the events it does not take.
/// </summary>
public interface IBulkAppendedProjection
{
    /// <summary>Queues the statements for the events (in order) in the session's unit of work.</summary>
    void Queue(IDocumentOperations ops, IReadOnlyList<object> events);
}
