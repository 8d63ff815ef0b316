using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>The business date each demo event happened on (not requested or future dates such as 希望開始日 or 有効期間).</summary>
internal static class DemoEventDates
{
    /// <summary>Events that carry no business date of their own (they take effect when recorded).</summary>
    public static bool IsUndated(object @event) => @event is SiblingGroupLinked or RegionCategoryAssigned or Domain.FacilityPayments.AddonCertificationOpened;

    public static DateOnly Of(object @event) => @event switch
    {
        HouseholdRegistered e => e.EffectiveDate,
        HouseholdMemberJoined e => e.EffectiveDate,
        HouseholdMemberLeft e => e.EffectiveDate,
        WelfareStatusStarted e => e.StartDate,
        WelfareStatusEnded e => e.EndDate,
        PersonRegistered e => e.BirthDate,
        ContactDetailsRecorded e => e.EffectiveDate,
        TaxAssessed e => e.AssessedOn,
        TaxAssessmentCorrected e => e.CorrectedOn,
        CertificationApplied e => e.ApplicationDate,
        MissingDocumentsRecorded e => e.RecordedOn,
        DocumentsReceived e => e.ReceivedOn,
        CertificationDecisionPostponed e => e.NoticeDate,
        CertificationApproved e => e.DecisionDate,
        CertificationRejected e => e.DecisionDate,
        CertificationWithdrawn e => e.WithdrawnOn,
        CertificationChanged e => e.ChangeDate,
        CertificationCategoryChangedAtAgeThree e => e.EffectiveDate,
        CertificationCancelled e => e.CancellationDate,
        CertificateIssued e => e.IssuedOn,
        CertificateReissued e => e.IssuedOn,
        CertificateReturned e => e.ReturnedOn,
        StatusReportIssued e => e.IssuedOn,
        StatusReportSubmitted e => e.SubmittedOn,
        FacilityRegistered e => e.OpensOn,
        VacanciesDeclared e => e.DeclaredOn,
        FacilityCategoryAssigned e => e.EffectiveFrom,
        UsageCapacityChanged e => e.EffectiveFrom,
        FacilityConfirmed e => e.ConfirmedOn,
        FacilityBankAccountRegistered e => e.From,
        Domain.FacilityPayments.TreatmentRatesCertified e => e.CertifiedOn,
        Domain.FacilityPayments.AddonCertified e => e.CertifiedOn,
        PlacementApplicationReceived e => e.ApplicationDate,
        PlacementStarted e => e.DecidedOn,
        ClassProgressed e => new DateOnly(e.FiscalYear, 4, 1),
        ChildLeftFacility e => e.LastDay,
        ExtendedCareApplied e => e.AppliedOn,
        ExtendedCareApproved e => e.DecidedOn,
        ExtendedCareContracted e => e.ContractDate,
        _ => throw new InvalidOperationException($"No business date known for {@event.GetType().Name}."),
    };
}
