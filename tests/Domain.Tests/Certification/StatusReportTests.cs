namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>REFERENCE.md §2 procedure: Certified → 現況届 cycle Issued(発行日) → Submitted(提出日).</summary>
public class StatusReportTests : CertificationSpec
{
    private static readonly DateOnly IssuedOn = new(2027, 6, 1);

    private static StatusReportIssued Issued() => new(CertificationId, 2027, IssuedOn);

    [Fact]
    public void when_a_status_report_is_issued_it_is_for_the_fiscal_year_of_the_issue_date()
    {
        var given = GivenCertified();

        var issued = given.IssueStatusReport(IssuedOn);
        var state = Then(given, issued);

        issued.FiscalYear.ShouldBe(2027);
        state.StatusReport.ShouldNotBeNull();
        state.StatusReport.State.ShouldBe(StatusReportState.Issued);
        state.StatusReport.IssuedOn.ShouldBe(IssuedOn);
        state.StatusReport.SubmittedOn.ShouldBeNull();
    }

    [Fact]
    public void when_a_status_report_is_issued_in_february_it_belongs_to_the_previous_fiscal_year() =>
        GivenCertified().IssueStatusReport(new DateOnly(2028, 2, 1)).FiscalYear.ShouldBe(2027);

    [Fact]
    public void when_an_issued_status_report_is_submitted_it_records_the_date()
    {
        var given = GivenCertified(Issued());

        var submitted = given.SubmitStatusReport(new DateOnly(2027, 6, 20));
        var state = Then(given, submitted);

        submitted.FiscalYear.ShouldBe(2027);
        state.StatusReport!.State.ShouldBe(StatusReportState.Submitted);
        state.StatusReport.SubmittedOn.ShouldBe(new DateOnly(2027, 6, 20));
    }

    [Fact]
    public void when_no_status_report_was_issued_submitting_is_refused() =>
        ShouldBreakRule(() => GivenCertified().SubmitStatusReport(new DateOnly(2027, 6, 20)), "status-report.not-issued");

    [Fact]
    public void when_the_status_report_was_already_submitted_submitting_again_is_refused() =>
        ShouldBreakRule(
            () => GivenCertified(Issued(), new StatusReportSubmitted(CertificationId, 2027, new DateOnly(2027, 6, 20))).SubmitStatusReport(new DateOnly(2027, 6, 21)),
            "status-report.not-issued");

    [Fact]
    public void when_the_submission_date_is_before_the_issue_date_it_is_refused() =>
        ShouldBreakRule(() => GivenCertified(Issued()).SubmitStatusReport(new DateOnly(2027, 5, 31)), "status-report.before-issue");

    [Fact]
    public void when_a_status_report_is_outstanding_another_cannot_be_issued() =>
        ShouldBreakRule(() => GivenCertified(Issued()).IssueStatusReport(new DateOnly(2027, 7, 1)), "status-report.outstanding");

    [Fact]
    public void when_last_years_report_was_submitted_next_years_can_be_issued() =>
        GivenCertified(Issued(), new StatusReportSubmitted(CertificationId, 2027, new DateOnly(2027, 6, 20)))
            .IssueStatusReport(new DateOnly(2028, 6, 1)).FiscalYear.ShouldBe(2028);

    [Fact]
    public void when_the_application_is_not_decided_no_status_report_can_be_issued() =>
        ShouldBreakRule(() => Given(Applied()).IssueStatusReport(IssuedOn), "certification.not-certified");
}
