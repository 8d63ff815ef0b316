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

/// <summary>
/// 納付管理の基準: the municipality's collection rules, versioned by 適用開始日 (納期限 per 科目 so far; 督促, 延滞金 and
/// 充当 order join it as they are built). Every 調定 records the version whose 納期限 it used.
/// </summary>
/// <param name="Id">document id: <c>{name}-v{version}</c></param>
public sealed record CollectionRuleSet(string Id, string Name, int Version, DateOnly EffectiveFrom, string Description, IReadOnlyList<DueDateRule> DueDates)
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
    ]);

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
