namespace KosodateShien.Domain.ExtendedCare;

/// <summary>延長保育料金体系 (how the fee is charged). 利用時間単位 is not offered.</summary>
public enum ExtendedCareFeeSystem
{
    /// <summary>月単位 (月額利用): a flat monthly amount, 日割 for a month the contract covers only in part</summary>
    Monthly,
    /// <summary>日単位 (日額利用): 単価 × 利用回数, up to 延長保育料上限 for the month</summary>
    Daily,
}

/// <summary>Where an extended-care case stands.</summary>
public enum ExtendedCareStatus
{
    /// <summary>申込受付 (awaiting 承諾 / 不承諾)</summary>
    Applied,
    /// <summary>承諾 (awaiting 契約)</summary>
    Approved,
    /// <summary>不承諾</summary>
    Rejected,
    /// <summary>契約 (in use)</summary>
    Contracted,
    /// <summary>取消 (withdrawn before any use or charge)</summary>
    Cancelled,
    /// <summary>利用終了 (ended before or at the contract's end)</summary>
    Ended,
}

/// <summary>Why a month's 延長保育料 was (re)determined.</summary>
public enum ExtendedCareFeeReason
{
    /// <summary>契約 (the months the contract covers up to now)</summary>
    Contracted,
    /// <summary>月次算定 (the month's routine run)</summary>
    MonthlyRun,
    /// <summary>利用実績の登録</summary>
    Usage,
    /// <summary>利用実績の訂正</summary>
    UsageCorrection,
    /// <summary>利用終了 (日割, and 0 for months no longer covered)</summary>
    Ending,
    /// <summary>再算定 on request (e.g. after a 階層 change)</summary>
    Redetermination,
}

/// <summary>
/// 延長保育利用申込受付: 延長保育申込受付番号, 延長保育申請年月日, the placement and its facility, the 年度, 希望利用期間,
/// 利用形態 (月額/日額), 希望時間帯 and 延長保育事由. One stream per child per 年度.
/// </summary>
/// <param name="ApplicationNumber">延長保育申込受付番号</param>
/// <param name="PlacementId">the 契約 (placement) the extended care hangs off</param>
/// <param name="FacilityId">延長保育利用施設 (the placement's facility)</param>
/// <param name="FiscalYear">年度 applied for (承諾 runs at most to 3/31 of it)</param>
/// <param name="ClassAge">クラス年齢 in that 年度 (延長保育料算定区分: 年齢)</param>
/// <param name="AppliedOn">延長保育申請年月日</param>
/// <param name="RequestedFrom">希望利用期間開始年月日</param>
/// <param name="RequestedUntil">希望利用期間終了年月日 (null = to the end of the 年度)</param>
/// <param name="FeeSystem">利用形態 asked for: 月額利用 or 日額利用 (延長保育料金体系)</param>
/// <param name="TimeBand">希望時間帯 / 利用区分 (e.g. 18:15〜19:15)</param>
/// <param name="Reason">延長保育事由</param>
public sealed record ExtendedCareApplied(
    Guid ContractId,
    string ApplicationNumber,
    Guid ChildId,
    Guid HouseholdId,
    Guid PlacementId,
    Guid FacilityId,
    int FiscalYear,
    int ClassAge,
    DateOnly AppliedOn,
    DateOnly RequestedFrom,
    DateOnly? RequestedUntil,
    ExtendedCareFeeSystem FeeSystem,
    string TimeBand,
    string Reason);

/// <summary>
/// 延長保育利用決定 (承諾): 延長保育利用承諾年月日, 延長保育利用予定施設 and the 承諾期間, which ends at most on 3/31 of the
/// 年度 and never after the placement.
/// </summary>
/// <param name="DecidedOn">延長保育利用承諾年月日</param>
/// <param name="FacilityId">延長保育利用予定施設</param>
/// <param name="From">承諾期間 開始年月日</param>
/// <param name="Until">承諾期間 終了年月日</param>
/// <param name="FeeSystem">承諾した利用形態 (延長保育料金体系)</param>
public sealed record ExtendedCareApproved(Guid ContractId, DateOnly DecidedOn, Guid FacilityId, DateOnly From, DateOnly Until, ExtendedCareFeeSystem FeeSystem);

/// <summary>不承諾 (決定年月日, 不承諾理由).</summary>
public sealed record ExtendedCareRejected(Guid ContractId, DateOnly DecidedOn, string Reason);

/// <summary>延長保育契約 (延長保育契約情報): 契約締結日, 延長保育開始年月日, 延長保育終了年月日, 料金体系 and 利用時間帯.</summary>
/// <param name="ContractDate">契約締結日</param>
/// <param name="StartsOn">延長保育開始年月日</param>
/// <param name="EndsOn">延長保育終了年月日</param>
/// <param name="FeeSystem">延長保育料金体系 (月単位 / 日単位)</param>
/// <param name="TimeBand">利用時間帯 / 利用区分</param>
public sealed record ExtendedCareContracted(Guid ContractId, DateOnly ContractDate, DateOnly StartsOn, DateOnly EndsOn, ExtendedCareFeeSystem FeeSystem, string TimeBand);

/// <summary>延長保育利用実績 for a month: 利用日数 and 利用回数 (what 日単位 is charged on).</summary>
/// <param name="Month">the month (first day)</param>
/// <param name="DaysUsed">利用日数</param>
/// <param name="Uses">利用回数</param>
/// <param name="RecordedOn">登録年月日</param>
public sealed record ExtendedCareUsageRecorded(Guid ContractId, DateOnly Month, int DaysUsed, int Uses, DateOnly RecordedOn);

/// <summary>
/// 利用実績の訂正: a new record for a month that supersedes the one in force (the earlier record stays in the history);
/// names the figures it replaces and why.
/// </summary>
/// <param name="Month">the month (first day)</param>
/// <param name="DaysUsed">利用日数 (corrected)</param>
/// <param name="Uses">利用回数 (corrected)</param>
/// <param name="CorrectedOn">訂正年月日</param>
/// <param name="Reason">訂正事由</param>
/// <param name="ReplacesDaysUsed">訂正前の利用日数</param>
/// <param name="ReplacesUses">訂正前の利用回数</param>
public sealed record ExtendedCareUsageCorrected(Guid ContractId, DateOnly Month, int DaysUsed, int Uses, DateOnly CorrectedOn, string Reason,
    int ReplacesDaysUsed, int ReplacesUses);

/// <summary>取消 (取消年月日, 取消事由): the application or 承諾 is withdrawn before any use or charge.</summary>
public sealed record ExtendedCareCancelled(Guid ContractId, DateOnly DecidedOn, string Reason);

/// <summary>利用終了: 延長保育終了年月日 brought forward to the last day of use, and why.</summary>
/// <param name="LastDay">延長保育終了年月日 (the last day of use)</param>
public sealed record ExtendedCareEnded(Guid ContractId, DateOnly LastDay, string Reason);

/// <summary>
/// 延長保育料 for one month (延長保育料情報: 算定基準日, 延長保育料) with the full basis: rule version, 料金体系, 所得階層, 年齢,
/// 多子, 減免, 単価, 利用回数, 上限 and 日割日数 (分子/分母). A later determination for the same month supersedes it (更正) and names
/// the amount it replaces.
/// </summary>
/// <param name="Month">the month the fee is for (first day)</param>
/// <param name="Fee">延長保育料 due for the month</param>
/// <param name="CalculatedOn">算定基準日 (各月初日)</param>
/// <param name="Replaces">更正前の額, null for the month's first determination</param>
public sealed record ExtendedCareFeeDetermined(Guid ContractId, DateOnly Month, long Fee, DateOnly CalculatedOn, ExtendedCareFeeReason Reason, long? Replaces,
    ExtendedCareFeeBasis Basis);
