using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>The rules every data set keeps, checked on a small one (<see cref="DemoDataSets.Small"/>).</summary>
public sealed class DemoDataShapeTests
{
    private static DemoWorld World => DemoDataSets.SmallSet;

    [Fact]
    public void the_size_asks_for_the_number_of_households()
    {
        World.Data.Statistics.Households.ShouldBe(DemoDataSets.Small.Households);
        World.Households.Count.ShouldBe(DemoDataSets.Small.Households);
    }

    [Fact]
    public void person_and_household_numbers_are_unique_15_and_10_digits() =>
        DemoInvariants.DuplicateOrMalformedNumbers(World).ShouldBeEmpty();

    [Fact]
    public void names_are_sei_mei_with_full_width_katakana_readings() =>
        DemoInvariants.NameProblems(World).ShouldBeEmpty();

    [Fact]
    public void every_event_happened_on_or_before_today_in_stream_order() =>
        DemoInvariants.DateProblems(World).ShouldBeEmpty();

    [Fact]
    public void households_have_guardians_with_mobiles_and_preschool_children() =>
        DemoInvariants.RegistryProblems(World).ShouldBeEmpty();

    [Fact]
    public void every_guardian_has_a_tax_year_for_each_of_the_two_latest_fiscal_years() =>
        DemoInvariants.TaxProblems(World).ShouldBeEmpty();

    [Fact]
    public void tax_years_are_the_fiscal_year_of_today_and_the_one_before()
    {
        World.TaxYears.Values.Select(t => t.FiscalYear).Distinct().Order().ShouldBe([2025, 2026]);
    }

    [Fact]
    public void every_certification_folds_into_a_consistent_state() =>
        DemoInvariants.CertificationProblems(World).ShouldBeEmpty();

    [Fact]
    public void certification_numbers_run_from_1_in_the_fiscal_year_of_the_decision()
    {
        var approvals = World.Events.OfType<CertificationApproved>().ToList();
        World.Data.CertificationNumbersUsed.ShouldBe(approvals.Count);
        approvals.Select(a => long.Parse(a.CertificationNumber[4..])).Order().ShouldBe(Enumerable.Range(1, approvals.Count).Select(i => (long)i));
        approvals.ShouldAllBe(a => a.CertificationNumber == CertificationNumbering.CertificationNumber(JapaneseDates.FiscalYearOf(a.DecisionDate), long.Parse(a.CertificationNumber.Substring(4))));
    }

    [Fact]
    public void certificate_issue_numbers_run_from_1_in_the_fiscal_year_of_the_issue()
    {
        var issues = World.Events.OfType<CertificateIssued>().Select(e => (e.IssueNumber, e.IssuedOn))
            .Concat(World.Events.OfType<CertificateReissued>().Select(e => (e.IssueNumber, e.IssuedOn))).ToList();
        World.Data.CertificateNumbersUsed.ShouldBe(issues.Count);
        issues.Select(i => long.Parse(i.IssueNumber[5..])).Order().ShouldBe(Enumerable.Range(1, issues.Count).Select(i => (long)i));
        issues.ShouldAllBe(i => i.IssueNumber == CertificationNumbering.CertificateIssueNumber(JapaneseDates.FiscalYearOf(i.IssuedOn), long.Parse(i.IssueNumber.Substring(5))));
    }

    [Fact]
    public void statistics_count_what_the_streams_hold()
    {
        var statistics = World.Data.Statistics;
        statistics.Persons.ShouldBe(World.Persons.Count);
        statistics.Children.ShouldBe(World.Members(HouseholdRole.Child).Count());
        statistics.Guardians.ShouldBe(World.Members(HouseholdRole.Guardian).Count());
        statistics.TaxYears.ShouldBe(World.TaxYears.Count);
        statistics.Certifications.ShouldBe(World.Certifications.Count);
        foreach (var status in Enum.GetValues<CertificationStatus>())
        {
            statistics.CertificationsByState[status.ToString()].ShouldBe(World.InStatus(status).Count(), status.ToString());
        }
    }

    [Fact]
    public void most_children_have_one_certification()
    {
        var children = World.Data.Statistics.Children;
        World.Certifications.Values.Select(c => c.ChildId).Distinct().Count().ShouldBe(World.Certifications.Count);
        World.Certifications.Count.ShouldBeInRange((int)(children * 0.8), (int)(children * 0.95));
    }
}
