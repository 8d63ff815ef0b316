using JasperFx.Events.Projections;

namespace KosodateShien.Projections;

public static class FoldedEventTypes
{
    /// <summary>
    /// Lets a snapshot projection see only the events its Evolve folds. Without the list Marten reads (and writes back) every
    /// inline snapshot for every stream a unit of work appends to, whatever its events: a payment would read a household, a
    /// person and seventeen other snapshots that do not exist for it, one round trip each.
    /// </summary>
    public static void Folds(this EventFilterable projection, IEnumerable<Type> events)
    {
        foreach (var type in events) projection.IncludeType(type);
    }
}
