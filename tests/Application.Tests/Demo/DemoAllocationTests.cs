using System.Text.Json;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>The ward is ready for the next April's 利用調整: facilities with declared vacancies and applications for them.</summary>
public sealed class DemoAllocationTests
{
    private static readonly DateOnly NextApril = new(2027, 4, 1);

    private static DemoWorld Small => DemoDataSets.SmallSet;

    private static DemoWorld Default => DemoDataSets.DefaultSet;

    [Fact]
    public void the_same_seed_gives_the_same_facilities_and_applications()
    {
        var size = new DemoSize(Households: 300);
        var first = AllocationLines(DemoDataGenerator.Generate(11, DemoDataSets.Today, CertificationRuleSet.Default, size));
        var second = AllocationLines(DemoDataGenerator.Generate(11, DemoDataSets.Today, CertificationRuleSet.Default, size));
        var other = AllocationLines(DemoDataGenerator.Generate(12, DemoDataSets.Today, CertificationRuleSet.Default, size));

        first.ShouldNotBeEmpty();
        second.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void small_set_facilities_and_applications_keep_the_rules()
    {
        Small.Data.AllocationMonth.ShouldBe(NextApril);
        Small.Facilities.Count.ShouldBe(27);
        Small.Applications.Count.ShouldBeInRange(180, 200);
        DemoInvariants.FacilityProblems(Small).ShouldBeEmpty();
        DemoInvariants.ApplicationProblems(Small).ShouldBeEmpty();
    }

    [Fact]
    public void default_set_facilities_and_applications_keep_the_rules()
    {
        DemoInvariants.FacilityProblems(Default).ShouldBeEmpty();
        DemoInvariants.ApplicationProblems(Default).ShouldBeEmpty();
    }

    [Fact]
    public void about_200_facilities_in_a_tokyo_ward_mix()
    {
        var facilities = Default.Facilities.Values.ToList();
        facilities.Count.ShouldBeInRange(190, 210);
        Share(facilities, f => f.Kind == FacilityKind.NurserySchool).ShouldBeInRange(0.50, 0.60);
        Share(facilities, f => f.Kind == FacilityKind.CertifiedChildCenter).ShouldBeInRange(0.12, 0.18);
        Share(facilities, f => f.Kind == FacilityKind.SmallScale).ShouldBeInRange(0.22, 0.28);
        Share(facilities, f => f.Kind == FacilityKind.FamilyDayCare).ShouldBeInRange(0.02, 0.04);
        Share(facilities, f => f.Kind == FacilityKind.WorkplaceNursery).ShouldBeInRange(0.01, 0.03);
        facilities.Where(f => f.Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare)
            .ShouldAllBe(f => f.Capacity.Age3 == 0 && f.Capacity.Age4 == 0 && f.Capacity.Age5 == 0);
        facilities.Where(f => f.Kind == FacilityKind.NurserySchool).ShouldAllBe(f => f.Capacity.Age0 >= 6 && f.Capacity.Age1 >= 10 && f.Capacity.Age3 >= 15);
        facilities.Select(f => f.Address.PostalCode).Distinct().Count().ShouldBeGreaterThan(20, "facilities spread over the ward's 町");
    }

    [Fact]
    public void april_vacancies_are_mostly_for_babies_and_one_year_olds_with_one_year_olds_the_bottleneck()
    {
        var seats = new int[6];
        foreach (var facility in Default.Facilities.Values)
        {
            facility.Vacancies.ShouldHaveSingleItem().Month.ShouldBe(NextApril);
            facility.Vacancies[0].DeclaredOn.ShouldBeLessThanOrEqualTo(DemoDataSets.Today);
            for (var age = 0; age < 6; age++)
            {
                facility.VacanciesFor(NextApril)[age].ShouldBeLessThanOrEqualTo(facility.Capacity[age]);
                seats[age] += facility.VacanciesFor(NextApril)[age];
            }
        }
        var demand = ApplicationsByAgeClass(Default);

        seats.Sum().ShouldBeInRange(900, 1100);
        (seats[0] + seats[1]).ShouldBeGreaterThan(seats.Sum() / 2);
        seats[2].ShouldBeGreaterThan(seats[3] + seats[4] + seats[5]);
        ((double)demand[1] / seats[1]).ShouldBeInRange(1.35, 1.65);
        var ratios = Enumerable.Range(0, 6).Select(age => (double)demand[age] / Math.Max(1, seats[age])).ToList();
        ratios[1].ShouldBeGreaterThan(ratios[0]);
        ratios[1].ShouldBeGreaterThan(ratios[2]);
    }

    [Fact]
    public void about_1500_applications_shaped_like_a_real_april_round()
    {
        var applications = Default.Applications.Values.ToList();
        var count = applications.Count;
        count.ShouldBeInRange(1400, 1600);
        Default.Data.ApplicationNumbersUsed.ShouldBe(count);
        applications.ShouldAllBe(a => a.DesiredStartMonth == NextApril && a.ApplicationDate >= new DateOnly(2026, 11, 1) && a.ApplicationDate <= DemoDataSets.Today);

        var lengths = applications.Select(a => a.DesiredFacilities.Count).ToList();
        lengths.Average().ShouldBeInRange(4.5, 5.5);
        Share(lengths, l => l == 1).ShouldBeInRange(0.03, 0.08);
        lengths.Max().ShouldBe(10);

        var demand = ApplicationsByAgeClass(Default);
        demand.ShouldAllBe(n => n > 0);
        demand[1].ShouldBe(demand.Max());

        Share(applications, a => a.Kind == PlacementApplicationKind.Transfer).ShouldBeInRange(0.06, 0.10);
        Share(applications, a => Default.Certifications[a.CertificationId].Status == CertificationStatus.Applied).ShouldBeInRange(0.07, 0.13);
        Share(applications, a => a.WideAreaAccepted).ShouldBeInRange(0.003, 0.02);

        var households = applications.GroupBy(a => a.HouseholdId).ToList();
        households.ShouldAllBe(h => h.Count() <= 2);
        Share(households, h => h.Count() == 2).ShouldBeInRange(0.09, 0.15);
        households.Where(h => h.Count() == 2).ShouldAllBe(h => h.All(a => a.SiblingGroupId != null));

        var options = applications.Where(a => a.SiblingOption != null).GroupBy(a => a.SiblingGroupId).Select(g => g.First().SiblingOption!.Value).ToList();
        Share(options, o => o == SiblingOption.SameFacilityOnly).ShouldBeInRange(0.28, 0.52);
        Share(options, o => o == SiblingOption.SeparateAllowed).ShouldBeInRange(0.33, 0.57);
        Share(options, o => o == SiblingOption.EitherOneAllowed).ShouldBeInRange(0.07, 0.25);

        Share(applications, a => a.Adjustments.Contains("siblingEnrolled")).ShouldBeInRange(0.05, 0.11);
        Share(applications, a => a.Adjustments.Contains("parentalLeaveReturn")).ShouldBeInRange(0.07, 0.13);
        Share(applications, a => a.Adjustments.Contains("unlicensedCare")).ShouldBeInRange(0.035, 0.085);
        Share(applications, a => a.Adjustments.Contains("nurseryTeacher")).ShouldBeInRange(0.008, 0.035);
        Share(applications, a => a.Adjustments.Contains("grandparentCare")).ShouldBeInRange(0.015, 0.05);
    }

    [Fact]
    public void applications_carry_days_and_reasons_from_the_form()
    {
        var received = Default.Events.OfType<PlacementApplicationReceived>().ToList();
        received.ShouldAllBe(r => r.DesiredDays.Count >= 5 && r.DesiredDays.Take(5).SequenceEqual(new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }));
        received.ShouldContain(r => r.DesiredDays.Contains(DayOfWeek.Saturday));
        received.ShouldAllBe(r => !string.IsNullOrWhiteSpace(r.CareReason));
        Share(received, r => r.CareReason!.StartsWith("就労のため", StringComparison.Ordinal)).ShouldBeGreaterThan(0.6);
    }

    [Fact]
    public void wished_facilities_lie_near_home_more_often_than_chance()
    {
        var sameTown = 0;
        var total = 0;
        foreach (var application in Default.Applications.Values)
        {
            var home = Default.Households[application.HouseholdId].Address.PostalCode;
            var first = Default.Facilities[application.DesiredFacilities[0]].Address.PostalCode;
            total++;
            if (home == first) sameTown++;
        }
        ((double)sameTown / total).ShouldBeGreaterThan(0.15, "with 24 町, chance alone would give about 4%");
    }

    [Fact]
    public void statistics_count_the_facilities_vacancies_and_applications()
    {
        var statistics = Small.Data.Statistics;
        statistics.Facilities.ShouldBe(Small.Facilities.Count);
        foreach (var kind in Enum.GetValues<FacilityKind>())
            statistics.FacilitiesByKind[kind.ToString()].ShouldBe(Small.Facilities.Values.Count(f => f.Kind == kind), kind.ToString());
        statistics.VacanciesByAgeClass.ShouldBe(Enumerable.Range(0, 6).Select(age => Small.Facilities.Values.Sum(f => f.VacanciesFor(NextApril)[age])).ToList());
        statistics.Vacancies.ShouldBe(statistics.VacanciesByAgeClass.Sum());
        statistics.PlacementApplications.ShouldBe(Small.Applications.Count);
        statistics.ApplicationsByAgeClass.ShouldBe(ApplicationsByAgeClass(Small));
        statistics.TransferApplications.ShouldBe(Small.Applications.Values.Count(a => a.Kind == PlacementApplicationKind.Transfer));
        statistics.SiblingGroups.ShouldBe(Small.Applications.Values.Select(a => a.SiblingGroupId).OfType<Guid>().Distinct().Count());
    }

    private static int[] ApplicationsByAgeClass(DemoWorld world)
    {
        var counts = new int[6];
        foreach (var application in world.Applications.Values)
            counts[JapaneseDates.ClassAge(world.Persons[application.ChildId].BirthDate, JapaneseDates.FiscalYearOf(application.DesiredStartMonth))]++;
        return counts;
    }

    /// <summary>Facility and application events as stream id, type and JSON.</summary>
    private static List<string> AllocationLines(DemoDataSet data) =>
    [
        .. data.Streams.Where(s => s.Events[0] is FacilityRegistered or PlacementApplicationReceived)
            .SelectMany(s => s.Events.Select(e => $"{s.Id} {e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}")),
    ];

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => (double)items.Count(predicate) / items.Count;
}
