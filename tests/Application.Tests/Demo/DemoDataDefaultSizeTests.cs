using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Tests.Demo;

public sealed class DemoDataDefaultSizeTests
{
    [Fact]
    public void the_default_size_is_a_ward_of_about_6000_children_with_certifications_in_every_state()
    {
        var world = DemoDataSets.DefaultSet;
        var statistics = world.Data.Statistics;

        statistics.Households.ShouldBe(4500);
        statistics.Children.ShouldBeInRange(5500, 6500);
        statistics.TaxYears.ShouldBe(2 * statistics.Guardians);
        DemoInvariants.DuplicateOrMalformedNumbers(world).ShouldBeEmpty();
        DemoInvariants.NameProblems(world).ShouldBeEmpty();
        DemoInvariants.DateProblems(world).ShouldBeEmpty();
        DemoInvariants.RegistryProblems(world).ShouldBeEmpty();
        DemoInvariants.TaxProblems(world).ShouldBeEmpty();
        DemoInvariants.CertificationProblems(world).ShouldBeEmpty();
        DemoInvariants.PlacementProblems(world).ShouldBeEmpty();

        foreach (var status in Enum.GetValues<CertificationStatus>()) world.InStatus(status).ShouldNotBeEmpty(status.ToString());
        var certified = world.InStatus(CertificationStatus.Certified).ToList();
        certified.Select(c => c.Category).Distinct().Order().ShouldBe([CertificationCategory.Category1, CertificationCategory.Category2, CertificationCategory.Category3]);
        certified.Select(c => c.CareLevel).OfType<CareLevel>().Distinct().Order().ShouldBe([CareLevel.Standard, CareLevel.Short]);
        certified.Select(c => c.PrimaryReason).OfType<CareNeedReason>().Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);

        var applied = world.InStatus(CertificationStatus.Applied).ToList();
        applied.ShouldContain(c => c.MissingDocuments.Count > 0, "awaiting documents");
        applied.ShouldContain(c => c.MissingDocuments.Count == 0 && c.DecisionDueDate >= DemoDataSets.Today && c.DecisionDueDate <= DemoDataSets.Today.AddDays(7), "near the 30-day limit");
        applied.ShouldContain(c => c.DecisionDueDate < DemoDataSets.Today, "past the 30-day limit");
        world.Events.OfType<CertificationDecisionPostponed>().Count().ShouldBeInRange(1, 2);

        world.Events.OfType<CertificationCategoryChangedAtAgeThree>().ShouldNotBeEmpty();
        world.Events.OfType<CertificationChanged>().ShouldNotBeEmpty();
        world.Events.OfType<CertificateReissued>().ShouldNotBeEmpty();
        world.Events.OfType<CertificateReturned>().ShouldNotBeEmpty();
        world.Events.OfType<StatusReportIssued>().ShouldNotBeEmpty();
        world.Events.OfType<StatusReportSubmitted>().ShouldNotBeEmpty();
        world.Events.OfType<TaxAssessmentCorrected>().ShouldNotBeEmpty();

        var welfare = world.Households.Values.Select(h => h.Welfare.Select(w => w.Kind).ToHashSet()).ToList();
        Share(welfare, w => w.Contains(WelfareKind.PublicAssistance)).ShouldBeInRange(0.008, 0.03);
        Share(welfare, w => w.Contains(WelfareKind.SingleParent)).ShouldBeInRange(0.07, 0.13);
        Share(world.TaxYears.Values.ToList(), t => t.NonTaxable).ShouldBeInRange(0.02, 0.07);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => (double)items.Count(predicate) / items.Count;
}
