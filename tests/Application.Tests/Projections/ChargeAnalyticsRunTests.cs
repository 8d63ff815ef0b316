using System.Reflection;
using KosodateShien.Domain.Collection;
using KosodateShien.Projections.Analytics;

namespace KosodateShien.Application.Tests.Projections;

/// <summary>
/// The analysts' charges table leaves out the events it takes nothing from before it makes runs of one kind (one statement
/// a run), so that a bank's answer with 振替不能 spread through it is one statement for all its payments: the events it keeps
/// must be every one it writes something for.
/// </summary>
public sealed class ChargeAnalyticsRunTests
{
    private const BindingFlags Declared = BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void the_events_the_charges_table_keeps_are_the_ones_it_writes_for()
    {
        var kept = EvolveScan.TypesTestedBy(typeof(ChargeAnalytics).GetMethod("Takes", Declared)!);
        var written = EvolveScan.TypesTestedBy(typeof(ChargeAnalytics).GetMethod("Apply", Declared)!).Append(typeof(PaymentReceived)).Append(typeof(ChargeAssessed));
        kept.Select(t => t.Name).Order().ShouldBe(written.Select(t => t.Name).Distinct().Order());
    }
}
