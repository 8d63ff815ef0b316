using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>How a 科目's 納期限 follows from the month the charge is for.</summary>
public enum DueDateKind
{
    /// <summary>the last day of the month of care (新宿区: 基本保育料, 月額延長保育料)</summary>
    [JsonStringEnumMemberName("endOfMonth")] EndOfMonth,
    /// <summary>the last day of the following month (新宿区: 日額延長, 預かり保育料, 一時保育)</summary>
    [JsonStringEnumMemberName("endOfNextMonth")] EndOfNextMonth,
}

/// <param name="Subject">科目</param>
/// <param name="Kind">how its 納期限 is set</param>
public sealed record DueDateRule(CollectionSubject Subject, DueDateKind Kind);

/// <summary>Which unpaid charges a 過誤納 is applied (充当) to first.</summary>
public enum AppropriationOrder
{
    /// <summary>the oldest 納期限 first</summary>
    [JsonStringEnumMemberName("oldestDueFirst")] OldestDueFirst,
    /// <summary>charges of the same 科目 first, then the oldest 納期限</summary>
    [JsonStringEnumMemberName("sameSubjectFirst")] SameSubjectFirst,
}

/// <summary>
/// 収納充当順位: the order a payment made for the payer as a whole (not for one 調定) settles the payer's unpaid charges in.
/// Municipal practice (REFERENCE.md §7 収納: commonly the oldest 納期 first, principal before 延滞金; unconfirmed for 新宿区).
/// Within one 納期限, charges go by 徴収番号.
/// </summary>
public enum PaymentAllocationOrder
{
    /// <summary>本税 (every 科目 except 延滞金 and 督促手数料) by oldest 納期限 first, then 延滞金 and 督促手数料 by oldest 納期限 first</summary>
    [JsonStringEnumMemberName("principalFirst")] PrincipalFirst,
    /// <summary>oldest 納期限 first, each 延滞金 and 督促手数料 right after the charge it arose from (one without such a charge by its own 納期限)</summary>
    [JsonStringEnumMemberName("feesWithTheirCharge")] FeesWithTheirCharge,
}

/// <summary>督促 as the municipality's 条例 sets it (自治法231条の3).</summary>
/// <param name="WithinDays">督促状 are issued within this many days after 納期限 (地方税法 analogue: 20)</param>
/// <param name="DesignatedDeadlineDays">指定期限: this many days after the issue date (平生町・太良町: 10)</param>
/// <param name="Fee">督促手数料 per 督促状, charged as its own 調定 (0: none)</param>
/// <param name="RenewalStartDays">the 時効 period renewed by 督促 starts this many days after the issue date (地方税法18条の2: the day after the
/// 10th day counted from the issue date, so 10)</param>
public sealed record DunningRule(int WithinDays, int DesignatedDeadlineDays, long Fee, int RenewalStartDays);

/// <summary>
/// 納付管理の基準: the municipality's collection rules, versioned by 適用開始日 (納期限 per 科目, 督促, the 充当 order of 過誤納,
/// 延滞金 and the order a payer's payment settles charges in). Every 調定, 督促 and payer's payment records the version it used.
/// </summary>
/// <param name="Id">document id: <c>{name}-v{version}</c></param>
/// <param name="Appropriation">過誤納の充当順位</param>
/// <param name="PaymentAllocation">収納充当順位 of a payment for the payer as a whole (versions stored before it existed read as the default,
/// <see cref="PaymentAllocationOrder.PrincipalFirst"/>)</param>
public sealed record CollectionRuleSet(string Id, string Name, int Version, DateOnly EffectiveFrom, string Description, IReadOnlyList<DueDateRule> DueDates,
    DunningRule Dunning, AppropriationOrder Appropriation, LateFeeRule LateFee, PaymentAllocationOrder PaymentAllocation = PaymentAllocationOrder.PrincipalFirst)
    : IVersionedRuleSet
{
    public const string Standard = "standard";

    /// <summary>The shipped default: month-end of the month of care for the monthly 科目 (REFERENCE.md §7, 新宿区), the next month's end otherwise.</summary>
    public static CollectionRuleSet Default { get; } = new($"{Standard}-v1", Standard, 1, new DateOnly(2015, 4, 1), "納期限: 月額の科目は当月末日、その他は翌月末日",
    [
        new(CollectionSubject.UserFee, DueDateKind.EndOfMonth),
        new(CollectionSubject.SideDish, DueDateKind.EndOfMonth),
        new(CollectionSubject.StapleFood, DueDateKind.EndOfMonth),
        new(CollectionSubject.ExtendedCare, DueDateKind.EndOfMonth),
        new(CollectionSubject.Other, DueDateKind.EndOfNextMonth),
        new(CollectionSubject.DunningFee, DueDateKind.EndOfNextMonth),
        new(CollectionSubject.LateFee, DueDateKind.EndOfNextMonth),
    ], new DunningRule(WithinDays: 20, DesignatedDeadlineDays: 10, Fee: 0, RenewalStartDays: 10), AppropriationOrder.OldestDueFirst,
        LateFeeRule.Standard);

    /// <summary>納期限 of a charge for a month (first day) under this 科目's rule.</summary>
    public DateOnly DueDateFor(CollectionSubject subject, DateOnly month)
    {
        var rule = DueDates.FirstOrDefault(d => d.Subject == subject)
            ?? throw new DomainRuleException("collection.no-due-date-rule", $"Collection rules v{Version} set no 納期限 for {subject.JapaneseName()}.", "subject");
        return rule.Kind switch
        {
            DueDateKind.EndOfMonth => JapaneseDates.EndOfMonth(month),
            DueDateKind.EndOfNextMonth => JapaneseDates.EndOfMonth(month.AddMonths(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(subject)),
        };
    }
}
