using System.Text.Json.Serialization;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>概算 (on the 1st-day roster, paid early) or 確定 (with the month's entries, exits and 日割).</summary>
public enum ClaimStage
{
    [JsonStringEnumMemberName("provisional")] Provisional,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
}

/// <summary>
/// What a claim was priced with: the facility's 施設類型, 地域区分 and 利用定員 on the 1st, the 加算率 and certified items of its 加算認定,
/// and the versions of the 単価表, the 支払基準 and the 加算認定 used.
/// </summary>
/// <param name="ProvisionalRates">the 加算率 were provisional (仮) when computed</param>
/// <param name="AddonYearVersion">加算認定 stream version read (null: none recorded for the 年度)</param>
public sealed record ClaimPricing(FacilityCategory Category, RegionCategory Region, int CareCapacity, int EducationCapacity, TreatmentRates Rates,
    bool ProvisionalRates, IReadOnlyList<string> Items, int PriceTableVersion, int RuleVersion, int? AddonYearVersion);

/// <summary>
/// 給付費請求額の算定: one revision of a facility's month for one paying municipality, with every line's 積算根拠. A later
/// revision (a backdated 退所, a 税更正, a corrected certification, a 単価改定 or 加算率 certified late) replaces it; the
/// difference from what was approved before becomes a 支払調整 once the revision is approved.
/// </summary>
/// <param name="Revision">算定回数 (1, 2, …)</param>
/// <param name="Reason">why this revision was computed (月次算定, 退所の遡及, 加算率確定 …)</param>
/// <param name="PreparedBy">the staff member who computed it</param>
public sealed record FacilityClaimComputed(Guid ClaimId, Guid FacilityId, DateOnly Month, string Payer, ClaimStage Stage, int Revision, ClaimPricing Pricing,
    FacilityMonthAmount Amount, DateOnly ComputedOn, string Reason, string PreparedBy);

/// <summary>
/// 請求の承認 (by a supervisor other than the preparer): the revision's amount becomes what the ward owes the facility for the
/// month; <paramref name="Adjustment"/> is its difference from the amount approved before (0 the first time).
/// </summary>
/// <param name="Adjustment">支払調整額: this revision's amount less the amount approved before</param>
public sealed record FacilityClaimApproved(Guid ClaimId, int Revision, long Amount, long Adjustment, string PreparedBy, string ApprovedBy, DateOnly ApprovedOn);

/// <summary>差戻し: the revision is sent back to be computed again (with the reason).</summary>
public sealed record FacilityClaimReturned(Guid ClaimId, int Revision, string Reason, DateOnly ReturnedOn, string ReturnedBy);

/// <summary>One child's line as the facility claims it (児童の参照 = the claim's child ref, i.e. the 契約番号, and 請求額).</summary>
public sealed record InvoiceLine(string Ref, long Amount);

/// <summary>Where the facility's line and the ward's disagree: a child only one side has (null on the other), or different amounts.</summary>
/// <param name="Claimed">the facility's 請求額 for the child</param>
/// <param name="Computed">the ward's amount for the child (公定価格 − the fee deducted)</param>
public sealed record InvoiceDiscrepancy(string Ref, long? Claimed, long? Computed);

/// <summary>施設からの請求書: the facility's own 請求 (請求書番号, 請求日, 請求額, its lines) and where it differs from the ward's computation.</summary>
/// <param name="Difference">請求額 − the ward's computed amount</param>
/// <param name="Discrepancies">the children whose lines differ (when the facility sent lines)</param>
public sealed record FacilityInvoiceReceived(Guid ClaimId, string InvoiceNumber, DateOnly InvoicedOn, long Amount, int AgainstRevision, long Difference,
    IReadOnlyList<InvoiceDiscrepancy>? Discrepancies = null);
