using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.Contracts;

/// <summary>How the placement came about.</summary>
public enum PlacementSource
{
    /// <summary>内定 confirmed in 利用調整</summary>
    Allocation,
    /// <summary>直接契約 (認定こども園・地域型 etc.) entered directly</summary>
    Direct,
    /// <summary>転園: continues a placement at another facility</summary>
    Transfer,
}

/// <summary>利用サービス種類.</summary>
public enum ServiceKind
{
    /// <summary>保育所・認定こども園 (保育)</summary>
    NurseryCare,
    /// <summary>地域型保育 (小規模・家庭的・事業所内)</summary>
    CommunityCare,
    /// <summary>教育 (1号)</summary>
    Education,
}

/// <summary>
/// 利用決定 and 入所: 契約履歴番号, the facility, the child's certification, クラス年齢, 契約締結日, 利用サービス種類,
/// 初回入所年月日 and 利用期間開始年月日. One placement stream per child per facility stay.
/// </summary>
/// <param name="ContractNumber">契約履歴番号</param>
/// <param name="DecidedOn">利用承諾年月日</param>
/// <param name="ContractDate">契約締結日</param>
/// <param name="StartsOn">利用期間開始年月日 (初回入所年月日)</param>
/// <param name="ClassAge">クラス年齢 in the 年度 it starts</param>
/// <param name="TransferredFrom">the placement this one continues after a 転園</param>
public sealed record PlacementStarted(
    Guid PlacementId,
    string ContractNumber,
    Guid ChildId,
    Guid HouseholdId,
    Guid CertificationId,
    Guid FacilityId,
    Guid? ApplicationId,
    PlacementSource Source,
    ServiceKind ServiceKind,
    DateOnly DecidedOn,
    DateOnly ContractDate,
    DateOnly StartsOn,
    int ClassAge,
    Guid? TransferredFrom = null);

/// <summary>クラス進級: the child moved up a class on 1 April.</summary>
public sealed record ClassProgressed(Guid PlacementId, int FiscalYear, int ClassAge);

/// <summary>
/// 異動 (異動事由: 転園): the child moves to another facility; this placement ends the day before the new one starts.
/// </summary>
/// <param name="LastDay">the last day at this facility</param>
/// <param name="ToPlacementId">the placement at the new facility</param>
/// <param name="ToFacilityId">異動先施設</param>
public sealed record PlacementTransferredOut(Guid PlacementId, DateOnly LastDay, Guid ToPlacementId, Guid ToFacilityId, string Reason);

/// <summary>
/// 異動 (異動事由: 認定変更): from <paramref name="EffectiveFrom"/> the placement rests on this certification with this
/// 認定区分 and 保育必要量 (a 支給認定変更, 3号→2号, or a new certification replacing the old one).
/// </summary>
/// <param name="HistoryNumber">支給認定履歴番号 of the certification period now in force</param>
public sealed record PlacementCertificationChanged(
    Guid PlacementId,
    Guid CertificationId,
    DateOnly EffectiveFrom,
    Certification.CertificationCategory Category,
    Certification.CareLevel? CareLevel,
    int HistoryNumber,
    ServiceKind ServiceKind,
    string Reason);

/// <summary>退所 (退所年月日, 退所事由): the last day the child attends.</summary>
public sealed record ChildLeftFacility(Guid PlacementId, DateOnly LastDay, string Reason);

/// <summary>利用解除 (解除決定年月日, 解除事由): the municipality ends the placement from a date.</summary>
public sealed record PlacementCancelled(Guid PlacementId, DateOnly DecidedOn, DateOnly EndsOn, string Reason);

/// <summary>Why a fee was (re)determined (変更事由).</summary>
public enum FeeChangeReason
{
    /// <summary>入所</summary>
    Start,
    /// <summary>月次の決定 (the monthly run found the fee changed, e.g. a child reached a new age or a sibling entered or left)</summary>
    Monthly,
    /// <summary>9月切替 (the new 年度's tax)</summary>
    SeptemberSwitch,
    /// <summary>4月 (クラス進級, 年度替わり)</summary>
    AprilProgression,
    /// <summary>税更正 (recomputed, possibly for past months)</summary>
    TaxCorrection,
    /// <summary>世帯・認定・きょうだいの変更</summary>
    CircumstancesChanged,
    /// <summary>退所・利用解除 (日割)</summary>
    Leaving,
    /// <summary>継続: the fee the month already had, recorded for it because a correction of earlier months would otherwise carry into it</summary>
    Continuation,
}

/// <summary>
/// 利用者負担額決定: 額 (after 日割), 副食費, 算定基準日, 適用開始日, 変更事由, and the full basis (inputs and rule version), in force
/// from its month until the next determination (one is made only when the fee or its 階層判定 changes). A later determination
/// for the same month supersedes it (更正) and names the amount it replaces.
/// </summary>
/// <param name="Month">the first month the fee is for (first day); it holds for the months after it until the next determination</param>
/// <param name="CalculatedOn">算定基準日 (各月初日)</param>
/// <param name="EffectiveFrom">適用開始日 (the month's first day, or the day of entry)</param>
/// <param name="Replaces">the fee this determination corrects for the month (更正前の額), null when it is not a correction</param>
public sealed record FeeDetermined(
    Guid PlacementId,
    DateOnly Month,
    long Fee,
    long SideDishFee,
    DateOnly CalculatedOn,
    DateOnly EffectiveFrom,
    FeeChangeReason Reason,
    long? Replaces,
    long? SideDishReplaces,
    ChildFee Quote);
