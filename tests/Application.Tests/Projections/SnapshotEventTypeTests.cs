using JasperFx.Events.Projections;
using KosodateShien.Projections;
using Marten;

namespace KosodateShien.Application.Tests.Projections;

/// <summary>
/// Every inline snapshot projection names the events it folds (Marten then leaves the snapshot unread and unwritten when a
/// unit of work appends none of them): the names must cover every event type its Evolve tests for.
/// </summary>
public sealed class SnapshotEventTypeTests
{
    [Fact]
    public void every_snapshot_projection_includes_each_event_type_its_evolve_folds()
    {
        var options = new StoreOptions();
        KosodateStore.Configure(options, "Host=/nonexistent;Database=none");
        var (projections, _) = SnapshotProjections.Inline(options);
        projections.Count.ShouldBeGreaterThan(15);

        var missing = new List<string>();
        foreach (var (source, document, evolve) in projections)
        {
            var included = ((EventFilterable)source).IncludedEventTypes;
            var folded = EvolveScan.TypesTestedBy(evolve).Where(t => t.Assembly == typeof(Domain.Common.JapaneseDates).Assembly && t != document && !t.IsEnum);
            foreach (var type in folded.Where(t => !included.Contains(t)).OrderBy(t => t.Name))
                missing.Add($"{source.GetType().Name}: {type.Name}");
        }
        missing.ShouldBeEmpty();
    }
}
