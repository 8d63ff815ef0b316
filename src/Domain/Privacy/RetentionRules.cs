using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Privacy;

/// <summary>保存期間 of one kind of record: kept <paramref name="Years"/> years after it last changed (and only once it is closed).</summary>
/// <param name="RecordKind">the record's stream kind (<c>charge</c>, <c>certification</c>, <c>placement</c>, <c>person</c> …)</param>
/// <param name="Basis">根拠 (文書管理規程 or statute) as the municipality states it</param>
public sealed record RetentionPeriod(string RecordKind, int Years, string Basis);

/// <summary>
/// 個人情報の保存期間: how long the municipality keeps each kind of record (文書管理規程), versioned by 適用開始日. A person's
/// personal data may be erased once every record naming them is closed and past its period; each erasure records the version.
/// </summary>
/// <param name="DefaultYears">the period of a record kind the list does not name</param>
public sealed record RetentionRules(string Id, int Version, DateOnly EffectiveFrom, int DefaultYears, IReadOnlyList<RetentionPeriod> Periods) : IVersionedRuleSet
{
    public static RetentionRules Default { get; } = new("standard-v1", 1, new DateOnly(2015, 4, 1), 5,
    [
        new("charge", 5, "歳入の調定・収納の記録: 完結(完納・不納欠損)後5年 (地方自治法第236条の消滅時効期間)"),
        new("certification", 5, "教育・保育給付認定の記録: 認定期間終了後5年"),
        new("placement", 5, "利用契約・利用者負担額の記録: 退所後5年"),
        new("placement_application", 5, "利用申込・利用調整の記録: 決定後5年"),
        new("direct_debit_mandate", 5, "口座振替依頼書: 終了後5年"),
        new("person", 5, "宛名: 最後の異動から5年"),
        new("household", 5, "世帯: 最後の異動から5年"),
    ]);

    public int YearsFor(string recordKind) => Periods.FirstOrDefault(p => p.RecordKind == recordKind)?.Years ?? DefaultYears;
}
