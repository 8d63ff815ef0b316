using System.Text.Json;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>Children attend the ward's facilities today (契約), ready for this month's 利用者負担額 determination.</summary>
public sealed class DemoPlacementTests
{
    private static DemoWorld Small => DemoDataSets.SmallSet;

    private static DemoWorld Default => DemoDataSets.DefaultSet;

    [Fact]
    public void the_same_seed_gives_the_same_placements()
    {
        var size = new DemoSize(Households: 300);
        var first = DemoDataGenerator.Generate(11, DemoDataSets.Today, CertificationRuleSet.Default, size);
        var second = DemoDataGenerator.Generate(11, DemoDataSets.Today, CertificationRuleSet.Default, size);
        var other = DemoDataGenerator.Generate(12, DemoDataSets.Today, CertificationRuleSet.Default, size);

        PlacementLines(first).ShouldNotBeEmpty();
        PlacementLines(second).ShouldBe(PlacementLines(first));
        second.ContractNumbersUsed.ShouldBe(first.ContractNumbersUsed);
        second.PlacementMonth.ShouldBe(first.PlacementMonth);
        PlacementLines(other).ShouldNotBe(PlacementLines(first));
    }

    [Fact]
    public void small_set_placements_keep_the_rules()
    {
        Small.Data.PlacementMonth.ShouldBe(new DateOnly(2026, 11, 1));
        Small.Placements.ShouldNotBeEmpty();
        DemoInvariants.PlacementProblems(Small).ShouldBeEmpty();
        DemoInvariants.DateProblems(Small).ShouldBeEmpty();
    }

    [Fact]
    public void default_set_placements_keep_the_rules()
    {
        DemoInvariants.PlacementProblems(Default).ShouldBeEmpty();
        DemoInvariants.CapacityProblems(Default).ShouldBeEmpty();
    }

    [Fact]
    public void about_85_percent_of_the_certified_children_not_waiting_for_april_attend_a_facility()
    {
        var eligible = Eligible(Default);
        var placed = Default.Placements.Values.Select(p => p.ChildId).ToHashSet();
        placed.ShouldAllBe(child => eligible.Contains(child));
        ((double)placed.Count / eligible.Count).ShouldBeInRange(0.80, 0.90);
        Default.Placements.Count.ShouldBeInRange(1500, 2600);
        Default.Data.ContractNumbersUsed.ShouldBe(Default.Placements.Count);
    }

    [Fact]
    public void every_placement_rests_on_a_certification_valid_on_its_start()
    {
        foreach (var placement in Default.Placements.Values)
        {
            var certification = Default.Certifications[placement.CertificationId];
            certification.ChildId.ShouldBe(placement.ChildId);
            certification.Status.ShouldBe(CertificationStatus.Certified);
            certification.PeriodOn(placement.StartsOn).ShouldNotBeNull(placement.ContractNumber);
        }
    }

    [Fact]
    public void no_facility_class_holds_more_children_than_its_capacity() =>
        DemoInvariants.CapacityProblems(Default).ShouldBeEmpty();

    /// <summary>Seeds 4 and 5 once filled a 0歳児 class of an earlier 年度 beyond its 利用定員 (only the classes of today were counted).</summary>
    [Theory]
    [InlineData(DemoDataSets.Seed)]
    [InlineData(4)]
    [InlineData(5)]
    public void every_placement_had_a_free_place_in_its_class_on_its_start_as_the_api_checks_it(int seed)
    {
        var world = seed == DemoDataSets.Seed ? Default : new DemoWorld(DemoDataGenerator.Generate(seed, DemoDataSets.Today, CertificationRuleSet.Default), DemoDataSets.Today);

        DemoInvariants.PlacementRuleProblems(world).Take(10).ShouldBeEmpty();
    }

    [Fact]
    public void no_child_attends_two_facilities()
    {
        Default.Placements.Values.Where(p => p.EndsOn is null).GroupBy(p => p.ChildId).ShouldAllBe(g => g.Count() == 1);
        Default.Placements.Values.GroupBy(p => p.ChildId).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void community_care_takes_only_children_up_to_class_2()
    {
        var community = Default.Placements.Values.Where(p => DemoInvariants.IsCommunityCare(Default.Facilities[p.FacilityId].Kind)).ToList();
        community.ShouldNotBeEmpty();
        community.ShouldAllBe(p => p.ServiceKind == ServiceKind.CommunityCare && p.ClassAge <= 2 && DemoInvariants.ClassNow(Default, p) <= 2);
        Default.Placements.Values.Except(community).ShouldAllBe(p => p.ServiceKind == ServiceKind.NurseryCare);
        Enumerable.Range(0, 6).ShouldAllBe(age => Default.Placements.Values.Any(p => p.EndsOn == null && DemoInvariants.ClassNow(Default, p) == age));
    }

    [Fact]
    public void contract_numbers_are_unique_and_run_from_1()
    {
        var numbers = Default.Placements.Values.Select(p => p.ContractNumber).ToList();
        numbers.Distinct().Count().ShouldBe(numbers.Count);
        numbers.Select(n => long.Parse(n[5..])).Order().ShouldBe(Enumerable.Range(1, numbers.Count).Select(i => (long)i));
        Default.Placements.Values.ShouldAllBe(p => p.ContractNumber.StartsWith($"K{JapaneseDates.FiscalYearOf(p.StartsOn):D4}", StringComparison.Ordinal));
    }

    [Fact]
    public void placement_events_happen_on_or_before_today()
    {
        var events = Default.Data.Streams.Where(s => s.Events[0] is PlacementStarted).SelectMany(s => s.Events).ToList();
        events.ShouldAllBe(e => DemoEventDates.Of(e) <= DemoDataSets.Today);
        events.OfType<PlacementStarted>().ShouldAllBe(e => e.DecidedOn <= e.ContractDate && e.ContractDate <= e.StartsOn && e.StartsOn <= Default.Month);
        events.OfType<ChildLeftFacility>().ShouldAllBe(e => e.LastDay < Default.Month);
        DemoInvariants.DateProblems(Default).ShouldBeEmpty();
    }

    [Fact]
    public void most_started_in_an_april_their_certification_allowed_some_mid_year_a_few_on_the_16th()
    {
        var placements = Default.Placements.Values.ToList();
        var starts = placements.Select(p => p.StartsOn).ToList();
        var aprilPossible = placements.Where(p => AprilsWithin(Default.Certifications[p.CertificationId].History[0].From, Default.Month)).ToList();
        Share(aprilPossible, p => p.StartsOn is { Month: 4, Day: 1 }).ShouldBeGreaterThan(0.8);
        Share(starts, d => d is { Month: 4, Day: 1 }).ShouldBeGreaterThan(0.5, "most children started in an April");
        starts.GroupBy(d => d).MaxBy(g => g.Count())!.Key.ShouldBe(new DateOnly(JapaneseDates.FiscalYearOf(DemoDataSets.Today), 4, 1));
        Share(starts, d => d.Day == 1 && d.Month != 4).ShouldBeGreaterThan(0.1);
        Share(starts, d => d.Day == 16).ShouldBeInRange(0.005, 0.06);
        starts.Select(JapaneseDates.FiscalYearOf).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2, "some children started in an earlier 年度");
        Default.Events.OfType<ClassProgressed>().ShouldNotBeEmpty();
    }

    [Fact]
    public void about_2_percent_have_left()
    {
        var ended = Default.Placements.Values.Where(p => p.EndsOn is not null).ToList();
        Default.Data.Statistics.EndedPlacements.ShouldBe(ended.Count);
        ((double)ended.Count / Default.Placements.Count).ShouldBeInRange(0.015, 0.025);
        ended.ShouldAllBe(p => p.EndsOn < DemoDataSets.Today && p.EndsOn >= p.StartsOn);
        ended.ShouldContain(p => p.EndReason!.StartsWith("転出", StringComparison.Ordinal));
        ended.ShouldContain(p => p.EndReason!.StartsWith("退所", StringComparison.Ordinal));
    }

    [Fact]
    public void statistics_count_the_placements()
    {
        Small.Data.Statistics.Placements.ShouldBe(Small.Placements.Count);
        Small.Data.Statistics.EndedPlacements.ShouldBe(Small.Placements.Values.Count(p => p.EndsOn is not null));
    }

    /// <summary>Children the generator may place: 2号/3号 certified with 保育希望, valid on this month's first day, not applying for the next April.</summary>
    private static HashSet<Guid> Eligible(DemoWorld world)
    {
        var applying = world.Applications.Values.Select(a => a.ChildId).ToHashSet();
        return world.Certifications.Values
            .Where(c => c is { Status: CertificationStatus.Certified, WantsNurseryCare: true, Category: CertificationCategory.Category2 or CertificationCategory.Category3 }
                && c.ValidFrom <= world.Month && c.ValidTo >= world.Month && !applying.Contains(c.ChildId)
                && world.Households[c.HouseholdId].CurrentMember(c.ChildId) is { Role: HouseholdRole.Child }
                && JapaneseDates.ClassAge(world.Persons[c.ChildId].BirthDate, JapaneseDates.FiscalYearOf(world.Today)) is >= 0 and <= 5)
            .Select(c => c.ChildId)
            .ToHashSet();
    }

    private static bool AprilsWithin(DateOnly from, DateOnly month)
    {
        var april = new DateOnly(from.Month > 4 || from is { Month: 4, Day: > 1 } ? from.Year + 1 : from.Year, 4, 1);
        return april <= month;
    }

    private static List<string> PlacementLines(DemoDataSet data) =>
    [
        .. data.Streams.Where(s => s.Events[0] is PlacementStarted)
            .SelectMany(s => s.Events.Select(e => $"{s.Id} {e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")),
    ];

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => (double)items.Count(predicate) / items.Count;
}
