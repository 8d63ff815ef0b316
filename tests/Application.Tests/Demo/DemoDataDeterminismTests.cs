using System.Text.Json;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Application.Tests.Demo;

public sealed class DemoDataDeterminismTests
{
    private static readonly DemoSize Size = new(Households: 300);

    [Fact]
    public void the_same_seed_and_today_give_identical_streams_ids_included()
    {
        var first = DemoDataGenerator.Generate(7, DemoDataSets.Today, CertificationRuleSet.Default, Size);
        var second = DemoDataGenerator.Generate(7, DemoDataSets.Today, CertificationRuleSet.Default, Size);

        var (a, b) = (Lines(first), Lines(second));
        var firstDifference = a.Zip(b).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
        firstDifference.pair.First.ShouldBeNull($"line {firstDifference.i} differs:\n{firstDifference.pair.First}\n{firstDifference.pair.Second}");
        a.Count.ShouldBe(b.Count);
        second.CertificationNumbersUsed.ShouldBe(first.CertificationNumbersUsed);
        second.CertificateNumbersUsed.ShouldBe(first.CertificateNumbersUsed);
        second.ApplicationNumbersUsed.ShouldBe(first.ApplicationNumbersUsed);
        second.AllocationMonth.ShouldBe(first.AllocationMonth);
        second.ContractNumbersUsed.ShouldBe(first.ContractNumbersUsed);
        second.PlacementMonth.ShouldBe(first.PlacementMonth);
        first.Streams.ShouldContain(s => s.Events[0] is FacilityRegistered);
        first.Streams.ShouldContain(s => s.Events[0] is PlacementApplicationReceived);
        first.Streams.ShouldContain(s => s.Events[0] is PlacementStarted);
        JsonSerializer.Serialize(second.Statistics).ShouldBe(JsonSerializer.Serialize(first.Statistics));
    }

    [Fact]
    public void a_different_seed_gives_different_people_and_ids()
    {
        var first = DemoDataGenerator.Generate(7, DemoDataSets.Today, CertificationRuleSet.Default, Size);
        var other = DemoDataGenerator.Generate(8, DemoDataSets.Today, CertificationRuleSet.Default, Size);

        Lines(other).ShouldNotBe(Lines(first));
        other.Streams.Select(s => s.Id).Intersect(first.Streams.Select(s => s.Id)).ShouldBeEmpty();
    }

    /// <summary>Every event as stream id, event type and its JSON.</summary>
    private static List<string> Lines(DemoDataSet data) =>
        [.. data.Streams.SelectMany(s => s.Events.Select(e => $"{s.Id} {e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}"))];
}
