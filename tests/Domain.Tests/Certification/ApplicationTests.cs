namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>REFERENCE.md §2 procedure (法20条): 申請 → decision within 30 days; 未提出書類 are tracked.</summary>
public class ApplicationTests : CertificationSpec
{
    [Fact]
    public void when_applying_on_2026_12_10_the_decision_is_due_30_days_later_on_2027_01_09()
    {
        var applied = Applied();

        applied.DecisionDueDate.ShouldBe(new DateOnly(2027, 1, 9));
        applied.RuleSetId.ShouldBe("certification-rules/1");
        applied.RuleSetVersion.ShouldBe(1);
    }

    [Fact]
    public void when_applying_in_december_for_april_the_target_fiscal_year_is_that_of_the_desired_start() =>
        Applied().FiscalYear.ShouldBe(2027);

    [Fact]
    public void when_the_municipality_allows_45_days_the_decision_is_due_45_days_after_application() =>
        Certification.Apply(CertificationId, ChildId, Mother, HouseholdId, ApplicationDate, ApplicationKind.New, true, April2027, null,
                BothWork(100, 170), [], true, Rules with { DecisionDeadlineDays = 45 })
            .DecisionDueDate.ShouldBe(new DateOnly(2027, 1, 24));

    [Fact]
    public void when_the_application_is_evolved_the_certification_is_applied_with_its_request()
    {
        var state = Given(Applied(missingDocuments: ["就労証明書"]));

        state.Id.ShouldBe(CertificationId);
        state.Status.ShouldBe(CertificationStatus.Applied);
        state.ChildId.ShouldBe(ChildId);
        state.HouseholdId.ShouldBe(HouseholdId);
        state.DesiredFrom.ShouldBe(April2027);
        state.Needs.Count.ShouldBe(2);
        state.MissingDocuments.ShouldBe(new[] { "就労証明書" });
        state.DecisionDueDate.ShouldBe(new DateOnly(2027, 1, 9));
        state.HistoryNumber.ShouldBe(0);
        state.StartDate.ShouldBe(April2027);
    }

    [Fact]
    public void when_the_same_document_is_listed_twice_it_is_missing_once() =>
        Applied(missingDocuments: ["就労証明書", "就労証明書"]).MissingDocuments.ShouldBe(new[] { "就労証明書" });

    [Fact]
    public void when_the_desired_end_is_before_the_desired_start_the_application_is_refused()
    {
        var error = ShouldBreakRule(() => Applied(desiredTo: new DateOnly(2027, 3, 31)), "certification.desired-period");

        error.Field.ShouldBe("desiredTo");
    }

    [Fact]
    public void when_needs_are_given_without_wanting_care_the_application_is_refused() =>
        ShouldBreakRule(
            () => Certification.Apply(CertificationId, ChildId, Mother, HouseholdId, ApplicationDate, ApplicationKind.New, false, April2027, null,
                BothWork(100, 170), [], true, Rules),
            "certification.needs-without-care");

    [Fact]
    public void when_the_desired_start_is_before_the_application_the_certification_starts_on_the_application_date()
    {
        var lateApplication = Certification.Apply(CertificationId, ChildId, Mother, HouseholdId, new DateOnly(2027, 4, 15), ApplicationKind.New, true,
            April2027, null, BothWork(100, 170), [], true, Rules);

        Given(lateApplication).StartDate.ShouldBe(new DateOnly(2027, 4, 15));
    }
}
