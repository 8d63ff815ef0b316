using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>
/// 時効 of a 公債権 (自治法236条: 5 years, no 援用): the period starts the day after 納期限 (初日不算入) and ends on the day
/// before the same date five years on (民法143条); when that date does not exist (a period starting 29 February), on the last
/// day of that month. A 更新 (承認, 督促) starts a new period the same way from its own starting day.
/// </summary>
public static class Prescription
{
    /// <summary>自治法236条①: the years after which the claim is extinguished (law, not a municipal setting).</summary>
    public const int Years = 5;

    /// <summary>時効完成日: the last day of the period that starts on <paramref name="periodStart"/>.</summary>
    public static DateOnly CompletesOn(DateOnly periodStart) => JapaneseDates.PeriodEnd(periodStart, Years * 12);

    /// <summary>時効完成日 of a claim due on <paramref name="dueDate"/> with no 更新.</summary>
    public static DateOnly ForDueDate(DateOnly dueDate) => CompletesOn(dueDate.AddDays(1));
}
