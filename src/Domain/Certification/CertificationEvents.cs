namespace KosodateShien.Domain.Certification;

// Certification stream (教育・保育給付認定). Who acted is in the event metadata; business dates are here.

/// <summary>支給認定申請: the application as received.</summary>
/// <param name="FiscalYear">対象年度</param>
/// <param name="DecisionDueDate">the 30-day decision limit (法20条)</param>
/// <param name="DisclosureConsent">情報開示同意有無</param>
public sealed record CertificationApplied(
    Guid CertificationId,
    Guid ChildId,
    Guid ApplicantId,
    Guid HouseholdId,
    DateOnly ApplicationDate,
    int FiscalYear,
    ApplicationKind Kind,
    bool WantsNurseryCare,
    DateOnly DesiredFrom,
    DateOnly? DesiredTo,
    IReadOnlyList<CareNeed> Needs,
    IReadOnlyList<string> MissingDocuments,
    bool DisclosureConsent,
    DateOnly DecisionDueDate,
    string RuleSetId,
    int RuleSetVersion);

/// <summary>未提出書類 recorded (資料名称).</summary>
public sealed record MissingDocumentsRecorded(Guid CertificationId, IReadOnlyList<string> Documents, DateOnly RecordedOn);

/// <summary>未提出書類 received.</summary>
public sealed record DocumentsReceived(Guid CertificationId, IReadOnlyList<string> Documents, DateOnly ReceivedOn);

/// <summary>認定延期通知 (法20条6項ただし書): the decision needs longer than 30 days.</summary>
public sealed record CertificationDecisionPostponed(Guid CertificationId, DateOnly NoticeDate, DateOnly NewDueDate, string Reason);

/// <summary>支給認定決定.</summary>
/// <param name="CertificationNumber">支給認定者番号</param>
/// <param name="HistoryNumber">支給認定履歴番号</param>
/// <param name="ContinuesAsCategory2Until">if the 3号 period was cut by 満3歳, the end of the 2号 period that follows by itself</param>
public sealed record CertificationApproved(
    Guid CertificationId,
    string CertificationNumber,
    CertificationCategory Category,
    CareLevel? CareLevel,
    CareNeedReason? PrimaryReason,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    DateOnly? ContinuesAsCategory2Until,
    DateOnly DecisionDate,
    int HistoryNumber,
    CertificationBasis Basis);

/// <summary>支給認定却下 (却下年月日, 却下理由).</summary>
public sealed record CertificationRejected(Guid CertificationId, DateOnly DecisionDate, string Reason);

/// <summary>申請取下.</summary>
public sealed record CertificationWithdrawn(Guid CertificationId, DateOnly WithdrawnOn, string Reason);

/// <summary>支給認定変更 (変更年月日, 変更理由): new 事由, 必要量 or period, with a new 履歴番号.</summary>
public sealed record CertificationChanged(
    Guid CertificationId,
    DateOnly ChangeDate,
    string Reason,
    CertificationCategory Category,
    CareLevel? CareLevel,
    CareNeedReason? PrimaryReason,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    DateOnly? ContinuesAsCategory2Until,
    int HistoryNumber,
    IReadOnlyList<CareNeed> Needs,
    CertificationBasis Basis);

/// <summary>
/// 3号→2号: the child reached 満3歳 (the day before the 3rd birthday) and the certification changed
/// category by itself, without an application.
/// </summary>
public sealed record CertificationCategoryChangedAtAgeThree(
    Guid CertificationId,
    DateOnly EffectiveDate,
    CertificationCategory From,
    CertificationCategory To,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    int HistoryNumber);

/// <summary>支給認定取消 (取消年月日, 取消理由).</summary>
public sealed record CertificationCancelled(Guid CertificationId, DateOnly CancellationDate, string Reason);

/// <summary>認定証交付.</summary>
public sealed record CertificateIssued(Guid CertificationId, string IssueNumber, DateOnly IssuedOn, int IssueCount);

/// <summary>認定証再交付 (紛失, 記載変更 …).</summary>
public sealed record CertificateReissued(Guid CertificationId, string IssueNumber, DateOnly IssuedOn, int IssueCount, string Reason);

/// <summary>認定証返還.</summary>
public sealed record CertificateReturned(Guid CertificationId, DateOnly ReturnedOn, string Reason);

/// <summary>現況届発行.</summary>
public sealed record StatusReportIssued(Guid CertificationId, int FiscalYear, DateOnly IssuedOn);

/// <summary>現況届提出.</summary>
public sealed record StatusReportSubmitted(Guid CertificationId, int FiscalYear, DateOnly SubmittedOn);
