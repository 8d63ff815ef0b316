using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>One child's part of the month.</summary>
/// <param name="OnFirstDay">初日在籍: enrolled on the 1st (counted in 各月初日の利用子ども数)</param>
/// <param name="Days">d: days counted as enrolled (開所日数 under the default rules)</param>
/// <param name="MonthlyPublicPrice">M: the child's full monthly 公定価格 (基本分 + 処遇改善 + per-child 加算)</param>
/// <param name="MonthlyTreatment">T: the 処遇改善等加算 part of M</param>
/// <param name="PublicPrice">the child's 公定価格 for the month (日割 when partial), before 減算</param>
/// <param name="Treatment">うち処遇改善等加算分 (日割 when partial)</param>
/// <param name="Fee">利用者負担額 for the month (日割 when partial)</param>
/// <param name="FeeDeducted">the fee taken off the payment (給付費 only, never more than the child's 公定価格)</param>
public sealed record ChildAmount(string Ref, AgeBand AgeBand, CertificationCategory Category, CareLevel CareLevel, bool OnFirstDay, int Days,
    long MonthlyPublicPrice, long MonthlyTreatment, long PublicPrice, long Treatment, long Fee, long FeeDeducted, string? Payer);

/// <summary>Which part of the payment a line is.</summary>
public enum PaymentLineKind { Child, PerFacility, PerExemptChild, Reduction, Fee }

/// <summary>
/// 積算根拠: one line of the month's payment, with what it was computed from (unit, count, days, rounding) in words a staff member
/// can follow to the yen.
/// </summary>
/// <param name="Code">加算・減算項目コード, or "base" for a child's 公定価格</param>
/// <param name="ChildRef">the child's line, or null for a facility line</param>
/// <param name="Count">children the unit is paid for</param>
/// <param name="Unit">the unit amount (per child, or the rate's base)</param>
/// <param name="Amount">yen; negative for 減算 and the fee deducted</param>
/// <param name="Basis">the computation, written out</param>
public sealed record PaymentLine(PaymentLineKind Kind, string Code, string? ChildRef, int Count, long Unit, long Amount, string Basis);

/// <summary>The month's payment to one facility (or one paying municipality's part of it).</summary>
/// <param name="OpeningDays">D: the month's 開所日数 (or the basis the rules name)</param>
/// <param name="PublicPriceTotal">Σ children's 公定価格 (日割 included), before 減算</param>
/// <param name="AddonTotal">施設単位の加算 and 副食費徴収免除加算 (the 加算 not inside a child's 公定価格)</param>
/// <param name="ReductionTotal">Σ 減算 (a positive number, taken off)</param>
/// <param name="FeeTotal">Σ 利用者負担額 of the month (日割 included)</param>
/// <param name="Amount">what the ward pays: 委託費 = 公定価格 + 加算 − 減算; 給付費 = the same − the fees deducted</param>
/// <param name="RuleVersion">支払基準 履歴番号 used</param>
public sealed record FacilityMonthAmount(
    DateOnly Month,
    PaymentKind Payment,
    int OpeningDays,
    IReadOnlyList<ChildAmount> Children,
    long PublicPriceTotal,
    long AddonTotal,
    long ReductionTotal,
    long FeeTotal,
    long FeeDeductedTotal,
    long Amount,
    IReadOnlyList<PaymentLine> Lines,
    int RuleVersion);
