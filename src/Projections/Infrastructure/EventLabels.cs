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
        Domain.Facilities.FacilityRegistered => "施設・事業所登録",
        Domain.Facilities.FacilityCapacityChanged => "利用定員変更",
        Domain.Facilities.VacanciesDeclared e => $"空き定員 ({e.Month:yyyy-MM})",
        Domain.Facilities.FacilityClosed => "施設・事業所終了",
        Domain.Allocation.Applications.PlacementApplicationReceived => "利用申込受付",
        Domain.Allocation.Applications.SiblingGroupLinked => "きょうだい同時申込",
        Domain.Allocation.Applications.PlacementApplicationWithdrawn => "利用申請取下",
        Domain.Allocation.Applications.ApplicationScored e => $"選考基準指数 {e.Score.Total}",
        Domain.Allocation.Applications.PlacementOffered => "内定",
        Domain.Allocation.Applications.ApplicationPutOnHold => "保留",
        Domain.Allocation.Applications.ApplicationRefused => "不承諾",
        Domain.Allocation.Applications.PlacementOfferDeclined => "内定辞退",
        Domain.Allocation.Rounds.AllocationRoundOpened => "選考開始",
        Domain.Allocation.Rounds.RoundInputsFixed => "選考対象確定 (空き定員・指数)",
        Domain.Allocation.Rounds.AllocationRunCompleted e => $"選考実行 #{e.RunNumber}",
        Domain.Allocation.Rounds.AllocationRoundConfirmed => "選考結果確定",
        Domain.Allocation.Rounds.AllocationRoundClosed => "選考終了",
        Domain.Contracts.PlacementStarted => "利用決定・入所",
        Domain.Contracts.ClassProgressed e => $"クラス進級 ({e.ClassAge}歳児クラス)",
        Domain.Contracts.ChildLeftFacility => "退所",
        Domain.Contracts.PlacementCancelled => "利用解除",
        Domain.Contracts.FeeDetermined e => e.Replaces is null ? $"利用者負担額決定 {e.Month:yyyy-MM}: {e.Fee:N0}円" : $"利用者負担額更正 {e.Month:yyyy-MM}: {e.Replaces:N0}円 → {e.Fee:N0}円 ({e.Reason})",
        Domain.Contracts.FeeReductionApplied e => $"減免申請 ({e.Kind})",
        Domain.Contracts.FeeReductionGranted e => $"減免決定 {e.Numerator}/{e.Denominator} ({e.From:yyyy-MM-dd}〜{e.To:yyyy-MM-dd})",
        Domain.Contracts.FeeReductionRejected => "減免棄却",
        _ => data.GetType().Name,
    };
}
