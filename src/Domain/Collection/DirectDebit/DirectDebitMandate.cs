using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>
/// 口座振替の申込: the payer asks that their charges be drawn from an account from a month on.
/// </summary>
/// <param name="CustomerNumber">顧客番号 (20 digits; how the bank file names this 振替)</param>
/// <param name="AppliedOn">申込日</param>
/// <param name="StartMonth">開始年月 (first day)</param>
/// <param name="EndMonth">終了年月 (first day), when known</param>
/// <param name="Subjects">徴収科目 drawn (null: every 科目 drawn by 口座振替)</param>
public sealed record DirectDebitMandateRegistered(Guid MandateId, [property: DataSubject] Guid PayerId, string CustomerNumber, DateOnly AppliedOn, DateOnly StartMonth, DateOnly? EndMonth,
    BankAccount Account, IReadOnlyList<CollectionSubject>? Subjects = null);

/// <summary>一時停止: no 振替 in the months from <paramref name="FromMonth"/> to <paramref name="ToMonth"/> (停止期間; open-ended until 解除).</summary>
public sealed record DirectDebitPaused(Guid MandateId, DateOnly FromMonth, DateOnly? ToMonth, DateOnly RequestedOn, string Reason);

/// <summary>一時停止の解除: 振替 resumes from <paramref name="FromMonth"/>.</summary>
public sealed record DirectDebitResumed(Guid MandateId, DateOnly FromMonth, DateOnly ResumedOn);

/// <summary>
/// 口座振替の終了: nothing is drawn after <paramref name="LastMonth"/>: the payer ended it, a new 依頼書 replaced the account,
/// or the bank answered that the account or the 依頼書 is gone (振替結果コード 2, 3, 4).
/// </summary>
/// <param name="LastMonth">終了年月 (the last month drawn; first day)</param>
/// <param name="ResultCode">the 振替結果コード that ended it, if the bank did</param>
public sealed record DirectDebitMandateEnded(Guid MandateId, DateOnly LastMonth, DateOnly EndedOn, string Reason, DebitResultCode? ResultCode = null);

/// <summary>A 停止期間 as the mandate keeps it.</summary>
public sealed record DebitPause(DateOnly FromMonth, DateOnly? ToMonth, string Reason);

/// <summary>口座振替 (the write model of one 依頼書 stream).</summary>
/// <param name="Subjects">徴収科目 drawn (null: every 科目 drawn by 口座振替)</param>
public sealed record DirectDebitMandate(Guid Id, [property: DataSubject] Guid PayerId, string CustomerNumber, DateOnly AppliedOn, DateOnly StartMonth, DateOnly? EndMonth, BankAccount Account,
    IReadOnlyList<DebitPause> Pauses, string? EndReason = null, IReadOnlyList<CollectionSubject>? Subjects = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>Still drawing in the day's month or later (not ended before it).</summary>
    public bool RunsOnOrAfter(DateOnly day) => EndMonth is null || EndMonth >= JapaneseDates.FirstOfMonth(day);

    /// <summary>
    /// 科目 a 口座振替 may draw: 督促手数料 and 延滞金 arise from a late payment and are billed apart by 納付書 (REFERENCE.md §7,
    /// 新宿区: 延滞金 "billed afterwards by separate 納付書").
    /// </summary>
    public static readonly IReadOnlyList<CollectionSubject> DrawnSubjects =
        [CollectionSubject.UserFee, CollectionSubject.SideDish, CollectionSubject.StapleFood, CollectionSubject.ExtendedCare, CollectionSubject.Other];

    /// <summary>Whether the charges of <paramref name="month"/> are drawn from this account: within 開始/終了年月 and no 停止期間.</summary>
    /// <summary>Whether a charge of <paramref name="subject"/> for <paramref name="month"/> is drawn from this account.</summary>
    public bool Draws(DateOnly month, CollectionSubject subject) => Draws(month) && (Subjects is null || Subjects.Contains(subject));

    public bool Draws(DateOnly month) =>
        month >= StartMonth && (EndMonth is null || month <= EndMonth) && !Pauses.Any(p => month >= p.FromMonth && (p.ToMonth is null || month <= p.ToMonth));

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(DirectDebitMandateEnded),
        typeof(DirectDebitMandateRegistered),
        typeof(DirectDebitPaused),
        typeof(DirectDebitResumed),
    ];

    public static DirectDebitMandate? Evolve(DirectDebitMandate? state, object @event) => (state, @event) switch
    {
        (null, DirectDebitMandateRegistered e) => new DirectDebitMandate(e.MandateId, e.PayerId, e.CustomerNumber, e.AppliedOn, e.StartMonth, e.EndMonth, e.Account, [],
            Subjects: e.Subjects),
        (not null, DirectDebitPaused e) => state with { Pauses = [.. state.Pauses, new DebitPause(e.FromMonth, e.ToMonth, e.Reason)] },
        (not null, DirectDebitResumed e) => state with
        {
            Pauses = [.. state.Pauses.Select(p => p.FromMonth < e.FromMonth && (p.ToMonth is null || p.ToMonth >= e.FromMonth) ? p with { ToMonth = e.FromMonth.AddMonths(-1) }
                : p.FromMonth >= e.FromMonth ? null : p).OfType<DebitPause>()],
        },
        (not null, DirectDebitMandateEnded e) => state with { EndMonth = e.LastMonth, EndReason = e.Reason },
        _ => state,
    };

    /// <summary>口座振替の申込, from the first day of <paramref name="startMonth"/>.</summary>
    public static DirectDebitMandateRegistered Register(Guid payerId, string customerNumber, DateOnly appliedOn, DateOnly startMonth, DateOnly? endMonth, BankAccount account,
        IReadOnlyList<CollectionSubject>? subjects = null)
    {
        if (subjects is not null && (subjects.Count == 0 || subjects.Any(s => !Enum.IsDefined(s) || !DrawnSubjects.Contains(s))))
            throw new DomainRuleException("mandate.subjects", "徴収科目 are 利用者負担額, 副食費, 主食費, 延長保育料 or その他 (督促手数料 and 延滞金 are billed by 納付書); leave them out for all.",
                "subjects");
        if (startMonth.Day != 1) throw new DomainRuleException("mandate.start-month", "開始年月 is a month: give its first day.", "startMonth");
        if (endMonth is { Day: not 1 }) throw new DomainRuleException("mandate.end-month", "終了年月 is a month: give its first day.", "endMonth");
        if (endMonth < startMonth) throw new DomainRuleException("mandate.end-month", "終了年月 cannot be before 開始年月.", "endMonth");
        if (customerNumber.Length != 20 || !customerNumber.All(char.IsAsciiDigit))
            throw new DomainRuleException("mandate.customer-number", "顧客番号 is 20 digits.", "customerNumber");
        return new DirectDebitMandateRegistered(Guid.CreateVersion7(), payerId, customerNumber, appliedOn, startMonth, endMonth, account,
            subjects is null ? null : [.. subjects.Distinct().Order()]);
    }

    /// <summary>一時停止 for a 停止期間 of whole months (open-ended when <paramref name="toMonth"/> is null).</summary>
    public DirectDebitPaused Pause(DateOnly fromMonth, DateOnly? toMonth, DateOnly requestedOn, string reason)
    {
        RequireRunning();
        if (fromMonth.Day != 1 || toMonth is { Day: not 1 }) throw new DomainRuleException("mandate.pause-month", "停止期間 is whole months: give first days.", "fromMonth");
        if (toMonth < fromMonth) throw new DomainRuleException("mandate.pause-month", "The 停止期間 ends before it starts.", "toMonth");
        return new DirectDebitPaused(Id, fromMonth, toMonth, requestedOn, reason);
    }

    /// <summary>解除 of a 一時停止 from a month.</summary>
    public DirectDebitResumed Resume(DateOnly fromMonth, DateOnly resumedOn)
    {
        RequireRunning();
        if (fromMonth.Day != 1) throw new DomainRuleException("mandate.resume-month", "解除 takes effect from a month: give its first day.", "fromMonth");
        if (Draws(fromMonth) || !Pauses.Any(p => p.ToMonth is null || p.ToMonth >= fromMonth))
            throw new DomainRuleException("mandate.not-paused", $"口座振替 {CustomerNumber} is not paused from {fromMonth:yyyy-MM}.", "fromMonth");
        return new DirectDebitResumed(Id, fromMonth, resumedOn);
    }

    /// <summary>終了: the last month drawn (a month before the start ends it before it drew anything).</summary>
    public DirectDebitMandateEnded End(DateOnly lastMonth, DateOnly endedOn, string reason, DebitResultCode? resultCode = null)
    {
        RequireRunning();
        if (lastMonth.Day != 1) throw new DomainRuleException("mandate.end-month", "終了年月 is a month: give its first day.", "lastMonth");
        return new DirectDebitMandateEnded(Id, lastMonth < StartMonth ? StartMonth.AddMonths(-1) : lastMonth, endedOn, reason, resultCode);
    }

    private void RequireRunning()
    {
        if (EndReason is not null)
            throw new DomainRuleException("mandate.ended", $"口座振替 {CustomerNumber} ended with {EndMonth:yyyy-MM} ({EndReason}).");
    }
}
