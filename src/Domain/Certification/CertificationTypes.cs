using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Certification;

/// <summary>支給認定区分 (子ども・子育て支援法19条).</summary>
public enum CertificationCategory
{
    /// <summary>1号認定 (教育標準時間認定): 満3歳以上, no 保育の必要性.</summary>
    [JsonStringEnumMemberName("1")] Category1 = 1,
    /// <summary>2号認定 (満3歳以上保育認定).</summary>
    [JsonStringEnumMemberName("2")] Category2 = 2,
    /// <summary>3号認定 (満3歳未満保育認定).</summary>
    [JsonStringEnumMemberName("3")] Category3 = 3,
}

/// <summary>保育必要量 (府令4条).</summary>
public enum CareLevel
{
    /// <summary>保育標準時間 (up to 11 h a day).</summary>
    Standard,
    /// <summary>保育短時間 (up to 8 h a day).</summary>
    Short,
}

/// <summary>保育必要性の事由 (府令1条の5).</summary>
public enum CareNeedReason
{
    /// <summary>1 就労</summary>
    Employment,
    /// <summary>2 妊娠・出産</summary>
    Pregnancy,
    /// <summary>3 疾病・障害</summary>
    Illness,
    /// <summary>4 同居又は長期入院等している親族の介護・看護</summary>
    Care,
    /// <summary>5 災害復旧</summary>
    Disaster,
    /// <summary>6 求職活動 (起業準備を含む)</summary>
    JobSeeking,
    /// <summary>7 就学 (職業訓練を含む)</summary>
    Study,
    /// <summary>8 虐待やDVのおそれ</summary>
    Abuse,
    /// <summary>9 育児休業取得中の既入所児の継続利用</summary>
    ParentalLeave,
    /// <summary>10 その他市町村が認める事由</summary>
    Other,
}

/// <summary>支給認定申請区分.</summary>
public enum ApplicationKind
{
    /// <summary>新規</summary>
    New,
    /// <summary>継続 (翌年度申請)</summary>
    Renewal,
    /// <summary>転入 (他市町村で認定を受けていた)</summary>
    MoveIn,
}

/// <summary>支給認定申請状態区分.</summary>
public enum CertificationStatus
{
    /// <summary>申請受付 (awaiting documents or decision)</summary>
    Applied,
    /// <summary>認定済</summary>
    Certified,
    /// <summary>却下</summary>
    Rejected,
    /// <summary>取下</summary>
    Withdrawn,
    /// <summary>取消</summary>
    Cancelled,
}

/// <summary>One guardian's 保育必要性: 事由, monthly hours where the rule counts hours, and an end date if the need is temporary.</summary>
/// <param name="GuardianId">保護者 (person id)</param>
/// <param name="Reason">保育必要性の事由</param>
/// <param name="MonthlyHours">月の就労等時間 (required for hour-based 事由)</param>
/// <param name="Until">事由の終了予定日 (e.g. 育児休業終了日, 出産予定日後8週)</param>
public sealed record CareNeed(Guid GuardianId, CareNeedReason Reason, int? MonthlyHours, DateOnly? Until = null);

/// <summary>How one guardian's need was assessed.</summary>
public sealed record GuardianAssessment(Guid GuardianId, CareNeedReason Reason, int? MonthlyHours, CareLevel CareLevel, string Rule);

/// <summary>
/// 認定の根拠: every input and rule version a certification decision used, so it can be re-checked and explained.
/// </summary>
public sealed record CertificationBasis(
    string RuleSetId,
    int RuleSetVersion,
    DateOnly ChildBirthDate,
    DateOnly AssessedOn,
    int AgeOnAssessment,
    IReadOnlyList<GuardianAssessment> Guardians,
    IReadOnlyList<string> Explanation);

/// <summary>認定証 as issued to the family.</summary>
/// <param name="IssueNumber">認定証発行処理番号</param>
/// <param name="IssueCount">発行回数</param>
public sealed record Certificate(string IssueNumber, DateOnly IssuedOn, int IssueCount, DateOnly? ReturnedOn);

/// <summary>現況届状態区分.</summary>
public enum StatusReportState { Issued, Submitted }

/// <summary>現況届 (発行年月日, 提出年月日).</summary>
public sealed record StatusReport(int FiscalYear, StatusReportState State, DateOnly IssuedOn, DateOnly? SubmittedOn);

/// <summary>One period a certification was in force (認定期間) with its 認定区分, 保育必要量 and 支給認定履歴番号.</summary>
public sealed record CertifiedPeriod(DateOnly From, DateOnly To, CertificationCategory Category, CareLevel? CareLevel, int HistoryNumber);
