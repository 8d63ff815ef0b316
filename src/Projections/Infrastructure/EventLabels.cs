using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Projections;

/// <summary>The Japanese name staff and auditors know each event by.</summary>
public static class EventLabels
{
    public static string For(object data) => data switch
    {
        HouseholdRegistered => "世帯登録",
        HouseholdMemberJoined e => $"世帯員異動 (加入: {e.Reason})",
        HouseholdMemberLeft e => $"世帯員異動 (離脱: {e.Reason})",
        HouseholdAddressChanged => "住所変更",
        WelfareStatusStarted e => $"福祉状況開始 ({e.Kind})",
        WelfareStatusEnded e => $"福祉状況終了 ({e.Kind})",
        PersonRegistered => "宛名登録",
        PersonDetailsChanged => "宛名変更",
        ContactDetailsRecorded => "連絡先登録",
        TaxAssessed => "課税情報登録",
        TaxAssessmentCorrected => "税更正",
        CertificationApplied => "支給認定申請受付",
        MissingDocumentsRecorded => "未提出書類登録",
        DocumentsReceived => "書類受理",
        CertificationDecisionPostponed => "認定延期通知",
        CertificationApproved => "支給認定決定",
        CertificationRejected => "支給認定却下",
        CertificationWithdrawn => "申請取下",
        CertificationChanged => "支給認定変更",
        CertificationCategoryChangedAtAgeThree => "満3歳到達による認定区分変更 (3号→2号)",
        CertificationCancelled => "支給認定取消",
        CertificateIssued => "認定証交付",
        CertificateReissued => "認定証再交付",
        CertificateReturned => "認定証返還",
        StatusReportIssued => "現況届発行",
        StatusReportSubmitted => "現況届提出",
        _ => data.GetType().Name,
    };
}
