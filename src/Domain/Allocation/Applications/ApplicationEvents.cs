using KosodateShien.Domain.Allocation.Scoring;

namespace KosodateShien.Domain.Allocation.Applications;

/// <summary>
/// 利用申込受付: 利用申込受付番号, 利用申請年月日, 利用申請者, 申請区分, the child's certification, 入所希望事業所 in
/// 希望順位 order, 希望開始月, 希望曜日, 保育希望理由, 優先利用事由, declared 調整指数 items and 広域利用.
/// </summary>
/// <param name="CurrentFacilityId">the facility the child attends now (転園 only)</param>
/// <param name="DesiredFacilities">入所希望事業所, first = 第1希望</param>
/// <param name="DesiredStartMonth">希望利用開始月 (first day of the month)</param>
public sealed record PlacementApplicationReceived(
    Guid ApplicationId,
    string ApplicationNumber,
    DateOnly ApplicationDate,
    Guid ApplicantId,
    Guid ChildId,
    Guid HouseholdId,
    Guid CertificationId,
    PlacementApplicationKind Kind,
    Guid? CurrentFacilityId,
    IReadOnlyList<Guid> DesiredFacilities,
    DateOnly DesiredStartMonth,
    IReadOnlyList<DayOfWeek> DesiredDays,
    string? CareReason,
    IReadOnlyList<string> PriorityReasons,
    IReadOnlyList<string> Adjustments,
    WideAreaUse? WideArea);

/// <summary>きょうだい同時申込: the applications of one family decided together, with the family's condition.</summary>
public sealed record SiblingGroupLinked(Guid ApplicationId, Guid SiblingGroupId, IReadOnlyList<Guid> MemberApplicationIds, SiblingOption Option);

/// <summary>利用申請取下 (取下年月日, 取下理由).</summary>
public sealed record PlacementApplicationWithdrawn(Guid ApplicationId, DateOnly WithdrawnOn, string Reason);

/// <summary>選考基準指数 for a round: total, breakdown (基準項目, 内容, 指数), tie-break keys, the lottery draw, and the criteria version.</summary>
public sealed record ApplicationScored(Guid ApplicationId, Guid RoundId, DateOnly ScoredOn, ApplicationScore Score, long Lottery);

/// <summary>内定 (選考年月日, 内定決定年月日, 施設, クラス年齢, 第何希望).</summary>
public sealed record PlacementOffered(Guid ApplicationId, Guid RoundId, Guid RunId, Guid FacilityId, int AgeClass, int PreferenceRank, DateOnly DecidedOn);

/// <summary>保留 (保留決定年月日, 保留事由 per facility ranked, or a note when the round could not consider it, e.g. 認定審査中).</summary>
public sealed record ApplicationPutOnHold(Guid ApplicationId, Guid RoundId, Guid? RunId, DateOnly DecidedOn, IReadOnlyList<HoldReason> Reasons, string? Note = null);

/// <summary>不承諾 (不承諾決定年月日, 不承諾事由).</summary>
public sealed record ApplicationRefused(Guid ApplicationId, Guid RoundId, DateOnly DecidedOn, string Reason);

/// <summary>内定辞退. With <c>Rejoin</c> the application goes back on hold for later rounds.</summary>
public sealed record PlacementOfferDeclined(Guid ApplicationId, Guid RoundId, DateOnly DeclinedOn, string Reason, bool Rejoin);
