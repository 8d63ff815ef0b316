using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>Some children attending a 保育 facility today have a 延長保育 contract for this 年度, as the API would make it.</summary>
public sealed class DemoExtendedCareTests
{
    private static DemoWorld Default => DemoDataSets.DefaultSet;

    [Fact]
    public void the_same_seed_gives_the_same_contracts()
    {
        var size = new DemoSize(Households: 400);
        var first = DemoDataGenerator.Generate(5, DemoDataSets.Today, CertificationRuleSet.Default, size);
        var second = DemoDataGenerator.Generate(5, DemoDataSets.Today, CertificationRuleSet.Default, size);

        var lines = Lines(first);
        lines.ShouldNotBeEmpty();
        Lines(second).ShouldBe(lines);
        first.ExtendedCareNumbersUsed.ShouldBe(lines.Count);
    }

    [Fact]
    public void about_one_in_eight_eligible_children_has_a_contract_and_its_numbers_run_from_one()
    {
        var eligible = Default.Placements.Values.Count(p => p.IsActiveOn(Default.Month) && p.EndsOn is null && p.ServiceKind != ServiceKind.Education
            && ExtendedCareRuleSets.Default.AgeBandFor(JapaneseDates.ClassAge(Default.Persons[p.ChildId].BirthDate, JapaneseDates.FiscalYearOf(Default.Today))) is not null);
        var contracts = Default.ExtendedCare.Values.ToList();

        ((double)contracts.Count / eligible).ShouldBeInRange(0.08, 0.16);
        contracts.Select(c => c.ApplicationNumber).Order().ShouldBe(
            Enumerable.Range(1, contracts.Count).Select(n => $"E{JapaneseDates.FiscalYearOf(Default.Today):D4}{n:D6}"));
        Default.Data.ExtendedCareNumbersUsed.ShouldBe(contracts.Count);
        contracts.ShouldContain(c => c.FeeSystem == ExtendedCareFeeSystem.Monthly);
        contracts.ShouldContain(c => c.FeeSystem == ExtendedCareFeeSystem.Daily);
    }

    [Fact]
    public void every_contract_covers_this_month_within_its_placement_and_the_fiscal_year()
    {
        var fiscalYear = JapaneseDates.FiscalYearOf(Default.Today);
        var problems = new List<string>();
        foreach (var contract in Default.ExtendedCare.Values)
        {
            var placement = Default.Placements[contract.PlacementId];
            if (contract.Status != ExtendedCareStatus.Contracted) problems.Add($"{contract.ApplicationNumber}: {contract.Status}");
            if (!contract.CoversMonth(Default.Month)) problems.Add($"{contract.ApplicationNumber}: does not cover {Default.Month:yyyy-MM}");
            if (contract.StartsOn < placement.StartsOn || contract.StartsOn < new DateOnly(fiscalYear, 4, 1)) problems.Add($"{contract.ApplicationNumber}: starts {contract.StartsOn}");
            if (contract.EndsOn != ExtendedCareContract.FiscalYearEnd(fiscalYear)) problems.Add($"{contract.ApplicationNumber}: ends {contract.EndsOn}");
            if (contract.ChildId != placement.ChildId || contract.HouseholdId != placement.HouseholdId || contract.FacilityId != placement.FacilityId)
                problems.Add($"{contract.ApplicationNumber}: not the placement's child, household or facility");
            if (!(contract.AppliedOn < contract.DecidedOn && contract.DecidedOn <= contract.StartsOn && contract.DecidedOn <= Default.Today))
                problems.Add($"{contract.ApplicationNumber}: applied {contract.AppliedOn}, decided {contract.DecidedOn}, starts {contract.StartsOn}");
            // A 日額 contract started this month: no earlier month is left without its 利用実績.
            if (contract.FeeSystem == ExtendedCareFeeSystem.Daily && contract.StartsOn != Default.Month) problems.Add($"{contract.ApplicationNumber}: 日額 from {contract.StartsOn}");
        }
        problems.ShouldBeEmpty();
    }

    private static List<string> Lines(DemoDataSet data) =>
        [.. data.Streams.Where(s => s.Events[0] is ExtendedCareApplied).Select(s => string.Join("|", s.Events.Select(e => e.ToString())))];
}
