using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.Fees;

// The fee engine's contract (利用者負担額): a household, its children and a month in; per child the fee with
// every step and the inputs and rule version it used. See REFERENCE.md §1 (tax year, 各月初日) and §4.

/// <summary>How a child uses care in the month (drives both its own fee and sibling counting).</summary>
public enum Enrollment
{
    /// <summary>保育所・認定こども園(保育)・地域型保育 (2号/3号)</summary>
    Nursery,
    /// <summary>幼稚園・認定こども園(教育) (1号)</summary>
    Kindergarten,
    /// <summary>小学校</summary>
    School,
    /// <summary>at home / not using a facility</summary>
    None,
}

/// <summary>The household's 市町村民税 for one 年度: summed 所得割額 of its guardians, and whether it is 非課税.</summary>
public sealed record HouseholdTaxYear(int FiscalYear, long IncomeLevy, bool NonTaxable);

/// <summary>世帯 facts on the month's first day: 生活保護, ひとり親, 在宅障害, and the tax years on record.</summary>
public sealed record FeeHousehold(bool PublicAssistance, bool SingleParent, bool DisabledAtHome, IReadOnlyList<HouseholdTaxYear> TaxYears);

/// <summary>減免 in force for the month: the share of the fee waived (負担額減免率 分子/分母).</summary>
public sealed record FeeWaiver(string Kind, int Numerator, int Denominator);

/// <summary>
/// A child of the household: 生年月日, 支給認定区分 and 保育必要量 in the month (null when not certified), how it uses care,
/// and the dates of its enrolment (for 日割; null = the whole month).
/// </summary>
public sealed record FeeChild(
    string Id,
    DateOnly BirthDate,
    CertificationCategory? Category,
    CareLevel? CareLevel,
    Enrollment Enrollment,
    DateOnly? EnrolledFrom = null,
    DateOnly? EnrolledUntil = null,
    IReadOnlyList<FeeWaiver>? Waivers = null);

/// <summary>
/// The fee of one child for one month (利用者負担額) and how it was reached: the tiers, the sibling ordinal, the base fee,
/// each reduction, 日割, and 副食費 (or its exemption).
/// </summary>
/// <param name="NationalTier">国階層 1–8 (1 生活保護, 2 非課税, 3–8 by 所得割額)</param>
/// <param name="MunicipalTier">区市町村階層 code of the rule set</param>
/// <param name="SiblingOrdinal">子の順位 among the siblings counted by the rules (null when the child is not counted)</param>
/// <param name="BaseFee">the tier amount before any reduction (月額)</param>
/// <param name="MonthlyFee">after 多子・ひとり親・減免, before 日割</param>
/// <param name="Fee">the amount due for the month (after 日割)</param>
/// <param name="SideDishFee">副食費 due for the month (after 日割), 0 when exempt or included in the fee</param>
public sealed record ChildFee(
    string ChildId,
    int NationalTier,
    string MunicipalTier,
    int? SiblingOrdinal,
    long BaseFee,
    long SiblingReduction,
    long SingleParentReduction,
    long WaiverReduction,
    long MonthlyFee,
    long Fee,
    long SideDishFee,
    bool SideDishExempt,
    FeeBasis Basis);

/// <summary>
/// 算定根拠: every input and rule the fee used, so it can be re-checked, explained and corrected (更正).
/// </summary>
/// <param name="TaxFiscalYear">the 年度 of the tax used (April–August: the previous 年度's; September–March: the current 年度's)</param>
/// <param name="IncomeLevy">世帯の所得割額 of that 年度; null when no tax record exists (the top tier applies)</param>
/// <param name="EvaluatedOn">各月初日: the date tiers and certification were read</param>
/// <param name="FeeCategory">the table used: "1", "2", "3", or "3 (特定満3歳)" for a 2号 child before its first April after 満3歳</param>
/// <param name="CountedSiblings">the children counted for 子の順位, eldest first</param>
/// <param name="EnrolledDays">日割 numerator (days enrolled in the month), null when the whole month</param>
/// <param name="Steps">the calculation in words, in order</param>
public sealed record FeeBasis(
    string RuleSet,
    int RuleVersion,
    int TaxFiscalYear,
    long? IncomeLevy,
    bool NonTaxable,
    bool PublicAssistance,
    bool SingleParentOrDisabled,
    DateOnly EvaluatedOn,
    string FeeCategory,
    IReadOnlyList<string> CountedSiblings,
    int? EnrolledDays,
    int DaysInMonth,
    IReadOnlyList<string> Steps);
