namespace KosodateShien.Domain.Allocation.Applications;

/// <summary>利用申請区分.</summary>
public enum PlacementApplicationKind
{
    /// <summary>新規</summary>
    New,
    /// <summary>転園 (the child keeps its current seat unless it gets one it ranked higher)</summary>
    Transfer,
}

/// <summary>きょうだい同時申込の条件.</summary>
public enum SiblingOption
{
    /// <summary>同じ園のみ</summary>
    SameFacilityOnly,
    /// <summary>別々の園でも可</summary>
    SeparateAllowed,
    /// <summary>片方だけの内定でも可</summary>
    EitherOneAllowed,
}

/// <summary>利用申請状態区分.</summary>
public enum PlacementApplicationStatus
{
    /// <summary>受付 (not yet in a confirmed round)</summary>
    Received,
    /// <summary>保留: waiting; re-enters every following monthly round by itself</summary>
    OnHold,
    /// <summary>内定</summary>
    Offered,
    /// <summary>不承諾</summary>
    Refused,
    /// <summary>取下</summary>
    Withdrawn,
    /// <summary>辞退 (declined the offer)</summary>
    Declined,
}

/// <summary>広域利用: 委託 (our child at another municipality's facility) or 受託 (another municipality's child here).</summary>
public enum WideAreaKind { Entrusted, Accepted }

/// <summary>広域利用情報 (委託/受託児童区分, 相手市区町村, 協議結果).</summary>
public sealed record WideAreaUse(WideAreaKind Kind, string Municipality, string? AgreementResult);

/// <summary>保留事由 for one facility the child ranked: the reason code and the ボーダー that decided it.</summary>
/// <param name="Code">cutoff, tieBreak, noVacancy, siblingRule, transferKept, outOfArea, staffReview</param>
/// <param name="CutoffScore">ボーダー指数 of the class</param>
public sealed record HoldReason(Guid FacilityId, int PreferenceRank, string Code, decimal? CutoffScore, string? DecidingStep);
