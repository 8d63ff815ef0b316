namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>REFERENCE.md §2 procedure: Submitted(未提出書類 list) ↔ DocsPending; no decision while documents are missing.</summary>
public class MissingDocumentsTests : CertificationSpec
{
    private static readonly DateOnly Today = new(2026, 12, 15);

    [Fact]
    public void when_missing_documents_are_recorded_they_join_the_missing_list()
    {
        var given = Given(Applied(missingDocuments: ["就労証明書"]));

        var recorded = given.RecordMissingDocuments(["診断書", "診断書"], Today);

        recorded.Documents.ShouldBe(new[] { "診断書" });
        Then(given, recorded).MissingDocuments.ShouldBe(new[] { "就労証明書", "診断書" }, ignoreOrder: true);
    }

    [Fact]
    public void when_no_document_is_named_recording_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).RecordMissingDocuments([], Today), "certification.documents-empty");

    [Fact]
    public void when_a_missing_document_is_received_it_leaves_the_missing_list()
    {
        var given = Given(Applied(missingDocuments: ["就労証明書", "診断書"]));

        var received = given.ReceiveDocuments(["就労証明書"], Today);

        Then(given, received).MissingDocuments.ShouldBe(new[] { "診断書" });
    }

    [Fact]
    public void when_a_document_that_is_not_missing_is_received_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => Given(Applied(missingDocuments: ["就労証明書"])).ReceiveDocuments(["診断書"], Today), "certification.document-not-missing");

        error.Field.ShouldBe("documents");
    }

    [Fact]
    public void when_a_received_document_is_received_again_it_is_refused() =>
        ShouldBreakRule(
            () => Given(Applied(missingDocuments: ["就労証明書"]), new DocumentsReceived(CertificationId, ["就労証明書"], Today))
                .ReceiveDocuments(["就労証明書"], Today),
            "certification.document-not-missing");

    [Fact]
    public void when_documents_are_still_missing_approval_is_refused() =>
        ShouldBreakRule(
            () => Given(Applied(missingDocuments: ["就労証明書"])).Approve(DecisionDate, "N-0001", ToddlerAssessment()),
            "certification.documents-missing");

    [Fact]
    public void when_every_missing_document_has_been_received_approval_is_allowed()
    {
        var given = Given(
            Applied(missingDocuments: ["就労証明書"]),
            new MissingDocumentsRecorded(CertificationId, ["診断書"], Today),
            new DocumentsReceived(CertificationId, ["就労証明書", "診断書"], Today));

        var approved = given.Approve(DecisionDate, "N-0001", ToddlerAssessment());

        Then(given, approved).Status.ShouldBe(CertificationStatus.Certified);
    }

    [Fact]
    public void when_the_certification_is_decided_documents_can_no_longer_be_recorded() =>
        ShouldBreakRule(() => GivenCertified().RecordMissingDocuments(["診断書"], Today), "certification.not-applied");
}
