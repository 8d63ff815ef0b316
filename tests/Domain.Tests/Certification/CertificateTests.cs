namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>REFERENCE.md §5 (Area 4): 認定証 Issued(n=1) → Reissued(n+1, 紛失/記載変更) → Returned (取消/転出/満了).</summary>
public class CertificateTests : CertificationSpec
{
    private static readonly DateOnly IssuedOn = new(2027, 1, 6);
    private static readonly DateOnly ReissuedOn = new(2027, 2, 1);

    private static CertificateIssued Issued() => new(CertificationId, "C-0001", IssuedOn, 1);

    [Fact]
    public void when_a_certified_child_gets_a_certificate_it_is_issue_number_1()
    {
        var given = GivenCertified();

        var issued = given.IssueCertificate(IssuedOn, "C-0001");
        var state = Then(given, issued);

        issued.IssueCount.ShouldBe(1);
        state.Certificate.ShouldNotBeNull();
        state.Certificate.IssueNumber.ShouldBe("C-0001");
        state.Certificate.IssuedOn.ShouldBe(IssuedOn);
        state.Certificate.IssueCount.ShouldBe(1);
        state.Certificate.ReturnedOn.ShouldBeNull();
    }

    [Fact]
    public void when_a_certificate_is_reissued_the_issue_count_is_2()
    {
        var given = GivenCertified(Issued());

        var reissued = given.ReissueCertificate(ReissuedOn, "C-0002", "紛失");
        var state = Then(given, reissued);

        reissued.IssueCount.ShouldBe(2);
        state.Certificate!.IssueCount.ShouldBe(2);
        state.Certificate.IssueNumber.ShouldBe("C-0002");
        state.Certificate.IssuedOn.ShouldBe(ReissuedOn);
    }

    [Fact]
    public void when_a_reissued_certificate_is_returned_it_keeps_its_count_and_records_the_return()
    {
        var given = GivenCertified(Issued(), new CertificateReissued(CertificationId, "C-0002", ReissuedOn, 2, "紛失"));

        var state = Then(given, given.ReturnCertificate(new DateOnly(2027, 7, 1), "転出"));

        state.Certificate!.ReturnedOn.ShouldBe(new DateOnly(2027, 7, 1));
        state.Certificate.IssueCount.ShouldBe(2);
    }

    [Fact]
    public void when_a_certificate_is_out_issuing_another_is_refused() =>
        ShouldBreakRule(() => GivenCertified(Issued()).IssueCertificate(ReissuedOn, "C-0002"), "certificate.already-issued");

    [Fact]
    public void when_the_certificate_was_returned_a_new_one_can_be_issued_and_the_count_goes_on() =>
        GivenCertified(Issued(), new CertificateReturned(CertificationId, ReissuedOn, "記載変更"))
            .IssueCertificate(new DateOnly(2027, 3, 1), "C-0002").IssueCount.ShouldBe(2);

    [Fact]
    public void when_no_certificate_was_issued_reissuing_is_refused() =>
        ShouldBreakRule(() => GivenCertified().ReissueCertificate(ReissuedOn, "C-0002", "紛失"), "certificate.not-issued");

    [Fact]
    public void when_the_certificate_was_returned_reissuing_is_refused() =>
        ShouldBreakRule(
            () => GivenCertified(Issued(), new CertificateReturned(CertificationId, ReissuedOn, "転出")).ReissueCertificate(ReissuedOn, "C-0002", "紛失"),
            "certificate.not-issued");

    [Fact]
    public void when_reissuing_without_a_reason_it_is_refused() =>
        ShouldBreakRule(() => GivenCertified(Issued()).ReissueCertificate(ReissuedOn, "C-0002", ""), "reason-required");

    [Fact]
    public void when_the_certificate_was_already_returned_returning_it_again_is_refused() =>
        ShouldBreakRule(
            () => GivenCertified(Issued(), new CertificateReturned(CertificationId, ReissuedOn, "転出")).ReturnCertificate(ReissuedOn, "転出"),
            "certificate.not-issued");

    [Fact]
    public void when_the_return_date_is_before_the_issue_date_it_is_refused() =>
        ShouldBreakRule(() => GivenCertified(Issued()).ReturnCertificate(new DateOnly(2027, 1, 5), "転出"), "certificate.returned-before-issue");

    [Fact]
    public void when_the_certification_is_cancelled_the_certificate_can_still_be_returned()
    {
        var given = GivenCertified(Issued(), new CertificationCancelled(CertificationId, new DateOnly(2027, 6, 30), "転出"));

        Then(given, given.ReturnCertificate(new DateOnly(2027, 7, 1), "転出")).Certificate!.ReturnedOn.ShouldBe(new DateOnly(2027, 7, 1));
    }

    [Fact]
    public void when_the_application_is_not_decided_no_certificate_can_be_issued() =>
        ShouldBreakRule(() => Given(Applied()).IssueCertificate(IssuedOn, "C-0001"), "certification.not-certified");
}
