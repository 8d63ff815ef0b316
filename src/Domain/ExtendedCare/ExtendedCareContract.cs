using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;

namespace KosodateShien.Domain.ExtendedCare;

/// <summary>延長保育利用実績 in force for a month (the latest record; <see cref="Records"/> counts the record and its corrections).</summary>
/// <param name="DaysUsed">利用日数</param>
/// <param name="Uses">利用回数</param>
public sealed record ExtendedCareUsage(DateOnly Month, int DaysUsed, int Uses, int Records);

/// <summary>延長保育料 in force for a month (the latest determination).</summary>
public sealed record ExtendedCareMonthlyFee(DateOnly Month, long Fee, ExtendedCareFeeReason Reason, int Determinations);

/// <summary>
/// 延長保育 for one child in one 年度: the write model of an extended-care stream, from 申込 through 承諾 and 契約 to monthly
/// 利用実績 and 延長保育料.
/// </summary>
/// <param name="ApplicationNumber">延長保育申込受付番号</param>
/// <param name="FacilityId">延長保育利用施設</param>
/// <param name="FiscalYear">年度</param>
/// <param name="ClassAge">クラス年齢 in the 年度</param>
/// <param name="AppliedOn">延長保育申請年月日</param>
/// <param name="RequestedFrom">希望利用期間開始年月日</param>
/// <param name="RequestedUntil">希望利用期間終了年月日</param>
/// <param name="FeeSystem">延長保育料金体系 (as applied for, then as approved and contracted)</param>
/// <param name="TimeBand">希望時間帯 / 利用区分</param>
/// <param name="Reason">延長保育事由</param>
/// <param name="DecidedOn">延長保育利用承諾年月日 (or 不承諾の決定日)</param>
/// <param name="ApprovedFrom">承諾期間 開始年月日</param>
/// <param name="ApprovedUntil">承諾期間 終了年月日</param>
/// <param name="RejectionReason">不承諾理由</param>
/// <param name="ContractDate">契約締結日</param>
/// <param name="StartsOn">延長保育開始年月日</param>
/// <param name="EndsOn">延長保育終了年月日</param>
/// <param name="ClosedOn">取消年月日 / 利用終了日</param>
/// <param name="ClosingReason">取消事由 / 利用終了事由</param>
/// <param name="Usage">延長保育利用実績 in force per month</param>
/// <param name="Fees">延長保育料 in force per month</param>
public sealed record ExtendedCareContract(
    Guid Id,
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
    string Reason,
    ExtendedCareStatus Status,
    IReadOnlyList<ExtendedCareUsage> Usage,
    IReadOnlyList<ExtendedCareMonthlyFee> Fees,
    DateOnly? DecidedOn = null,
    DateOnly? ApprovedFrom = null,
    DateOnly? ApprovedUntil = null,
    string? RejectionReason = null,
    DateOnly? ContractDate = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null,
    DateOnly? ClosedOn = null,
    string? ClosingReason = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The last day of a 年度 (3/31): no 承諾 runs past it.</summary>
    public static DateOnly FiscalYearEnd(int fiscalYear) => new(fiscalYear + 1, 3, 31);

    public ExtendedCareUsage? UsageFor(DateOnly month) => Usage.FirstOrDefault(u => u.Month == month);

    public ExtendedCareMonthlyFee? FeeFor(DateOnly month) => Fees.FirstOrDefault(f => f.Month == month);

    /// <summary>Whether the contract (契約 or 利用終了) covers any day of the month.</summary>
    public bool CoversMonth(DateOnly month) =>
        Status is ExtendedCareStatus.Contracted or ExtendedCareStatus.Ended && StartsOn <= JapaneseDates.EndOfMonth(month) && EndsOn >= month;

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ExtendedCareApplied),
        typeof(ExtendedCareApproved),
        typeof(ExtendedCareCancelled),
        typeof(ExtendedCareContracted),
        typeof(ExtendedCareEnded),
        typeof(ExtendedCareFeeDetermined),
        typeof(ExtendedCareRejected),
        typeof(ExtendedCareUsageCorrected),
        typeof(ExtendedCareUsageRecorded),
    ];

    public static ExtendedCareContract? Evolve(ExtendedCareContract? state, object @event) => (state, @event) switch
    {
        (null, ExtendedCareApplied e) => new ExtendedCareContract(e.ContractId, e.ApplicationNumber, e.ChildId, e.HouseholdId, e.PlacementId, e.FacilityId,
            e.FiscalYear, e.ClassAge, e.AppliedOn, e.RequestedFrom, e.RequestedUntil, e.FeeSystem, e.TimeBand, e.Reason, ExtendedCareStatus.Applied, [], []),
        (not null, ExtendedCareApproved e) => state with
        {
            Status = ExtendedCareStatus.Approved, DecidedOn = e.DecidedOn, FacilityId = e.FacilityId, ApprovedFrom = e.From, ApprovedUntil = e.Until, FeeSystem = e.FeeSystem,
        },
        (not null, ExtendedCareRejected e) => state with { Status = ExtendedCareStatus.Rejected, DecidedOn = e.DecidedOn, RejectionReason = e.Reason },
        (not null, ExtendedCareContracted e) => state with
        {
            Status = ExtendedCareStatus.Contracted, ContractDate = e.ContractDate, StartsOn = e.StartsOn, EndsOn = e.EndsOn, FeeSystem = e.FeeSystem, TimeBand = e.TimeBand,
        },
        (not null, ExtendedCareUsageRecorded e) => state with { Usage = WithUsage(state, e.Month, e.DaysUsed, e.Uses) },
        (not null, ExtendedCareUsageCorrected e) => state with { Usage = WithUsage(state, e.Month, e.DaysUsed, e.Uses) },
        (not null, ExtendedCareCancelled e) => state with { Status = ExtendedCareStatus.Cancelled, ClosedOn = e.DecidedOn, ClosingReason = e.Reason },
        (not null, ExtendedCareEnded e) => state with { Status = ExtendedCareStatus.Ended, EndsOn = e.LastDay, ClosedOn = e.LastDay, ClosingReason = e.Reason },
        (not null, ExtendedCareFeeDetermined e) => state with
        {
            Fees = [.. state.Fees.Where(f => f.Month != e.Month), new ExtendedCareMonthlyFee(e.Month, e.Fee, e.Reason, (state.FeeFor(e.Month)?.Determinations ?? 0) + 1)],
        },
        _ => state,
    };

    private static IReadOnlyList<ExtendedCareUsage> WithUsage(ExtendedCareContract state, DateOnly month, int days, int uses) =>
        [.. state.Usage.Where(u => u.Month != month), new ExtendedCareUsage(month, days, uses, (state.UsageFor(month)?.Records ?? 0) + 1)];

    /// <summary>
    /// 延長保育利用申込: for a child's running placement (保育, not 教育), for one 年度, from a day the placement covers; the
    /// child's クラス年齢 must fall in an age band of the rules (e.g. none for 0歳児クラス).
    /// </summary>
    public static ExtendedCareApplied Apply(Guid id, string number, Placement placement, int classAge, DateOnly appliedOn, DateOnly requestedFrom,
        DateOnly? requestedUntil, ExtendedCareFeeSystem feeSystem, string timeBand, string reason, ExtendedCareRuleSet rules)
    {
        if (placement.ServiceKind == ServiceKind.Education)
            throw new DomainRuleException("extended-care.not-nursery-care", "延長保育 is for children in 保育 (2号・3号), not 教育 (1号).", "placementId");
        if (!placement.IsActiveOn(requestedFrom))
            throw new DomainRuleException("extended-care.outside-placement",
                $"The placement does not run on {requestedFrom:yyyy-MM-dd} ({placement.StartsOn:yyyy-MM-dd}〜{placement.EndsOn:yyyy-MM-dd}).", "requestedFrom");
        var fiscalYear = JapaneseDates.FiscalYearOf(requestedFrom);
        if (requestedUntil is { } until)
        {
            if (until < requestedFrom) throw new DomainRuleException("extended-care.period", "The period ends before it starts.", "requestedUntil");
            if (until > FiscalYearEnd(fiscalYear))
                throw new DomainRuleException("extended-care.beyond-fiscal-year",
                    $"延長保育 is applied for per 年度: the period ends at the latest on {FiscalYearEnd(fiscalYear):yyyy-MM-dd}.", "requestedUntil");
        }
        if (rules.AgeBandFor(classAge) is null)
            throw new DomainRuleException("extended-care.age-not-eligible", $"延長保育 is not offered to a {classAge}歳児クラス child (rules v{rules.Version}).", "childId");
        return new ExtendedCareApplied(id, number, placement.ChildId, placement.HouseholdId, placement.Id, placement.FacilityId, fiscalYear, classAge, appliedOn,
            requestedFrom, requestedUntil, feeSystem, timeBand, reason);
    }

    /// <summary>
    /// 承諾: the period runs from <paramref name="from"/> (default: the day asked for) to <paramref name="until"/>; without one it
    /// is the period asked for clipped to 3/31 of the 年度 and to the placement's last day. A given end past either is refused.
    /// </summary>
    public ExtendedCareApproved Approve(DateOnly decidedOn, Placement placement, DateOnly? from = null, DateOnly? until = null, ExtendedCareFeeSystem? feeSystem = null)
    {
        RequireStatus(ExtendedCareStatus.Applied);
        if (decidedOn < AppliedOn) throw new DomainRuleException("extended-care.decided-before-applied", "The decision is before the application.", "decidedOn");
        var start = from ?? RequestedFrom;
        var yearEnd = FiscalYearEnd(FiscalYear);
        if (start < new DateOnly(FiscalYear, 4, 1) || start > yearEnd)
            throw new DomainRuleException("extended-care.outside-fiscal-year", $"承諾 is for 年度{FiscalYear} ({FiscalYear}-04-01〜{yearEnd:yyyy-MM-dd}).", "from");
        if (!placement.IsActiveOn(start))
            throw new DomainRuleException("extended-care.outside-placement", $"The placement does not run on {start:yyyy-MM-dd}.", "from");

        DateOnly end;
        if (until is { } given)
        {
            if (given > yearEnd)
                throw new DomainRuleException("extended-care.beyond-fiscal-year", $"承諾 runs at the latest to 3/31 of the 年度 ({yearEnd:yyyy-MM-dd}).", "until");
            if (placement.EndsOn is { } last && given > last)
                throw new DomainRuleException("extended-care.beyond-placement", $"承諾 cannot run past the placement's last day ({last:yyyy-MM-dd}).", "until");
            end = given;
        }
        else
        {
            end = RequestedUntil is { } asked && asked < yearEnd ? asked : yearEnd;
            if (placement.EndsOn is { } last && last < end) end = last;
        }
        if (end < start) throw new DomainRuleException("extended-care.period", "The 承諾期間 ends before it starts.", "until");
        return new ExtendedCareApproved(Id, decidedOn, placement.FacilityId, start, end, feeSystem ?? FeeSystem);
    }

    public ExtendedCareRejected Reject(DateOnly decidedOn, string reason)
    {
        RequireStatus(ExtendedCareStatus.Applied);
        if (decidedOn < AppliedOn) throw new DomainRuleException("extended-care.decided-before-applied", "The decision is before the application.", "decidedOn");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("reason-required", "A 不承諾理由 is required.", "reason");
        return new ExtendedCareRejected(Id, decidedOn, reason);
    }

    /// <summary>契約: within the 承諾期間 (by default all of it), 料金体系 and 時間帯 as approved unless given.</summary>
    public ExtendedCareContracted Contract(DateOnly contractDate, DateOnly? startsOn = null, DateOnly? endsOn = null, ExtendedCareFeeSystem? feeSystem = null,
        string? timeBand = null)
    {
        RequireStatus(ExtendedCareStatus.Approved);
        if (contractDate < DecidedOn)
            throw new DomainRuleException("extended-care.contract-before-approval", "The contract cannot be concluded before the 承諾.", "contractDate");
        var start = startsOn ?? ApprovedFrom!.Value;
        var end = endsOn ?? ApprovedUntil!.Value;
        if (start < ApprovedFrom || end > ApprovedUntil)
            throw new DomainRuleException("extended-care.outside-approval",
                $"The contract must lie within the 承諾期間 ({ApprovedFrom:yyyy-MM-dd}〜{ApprovedUntil:yyyy-MM-dd}).", start < ApprovedFrom ? "startsOn" : "endsOn");
        if (end < start) throw new DomainRuleException("extended-care.period", "The contract ends before it starts.", "endsOn");
        return new ExtendedCareContracted(Id, contractDate, start, end, feeSystem ?? FeeSystem, string.IsNullOrWhiteSpace(timeBand) ? TimeBand : timeBand.Trim());
    }

    /// <summary>
    /// 利用実績 for a month the contract covers: the first record, or (with a reason) a correction that supersedes the one in
    /// force. The same figures again record nothing.
    /// </summary>
    public object? RecordUsage(DateOnly month, int daysUsed, int? uses, DateOnly recordedOn, string? correctionReason)
    {
        if (Status is not (ExtendedCareStatus.Contracted or ExtendedCareStatus.Ended))
            throw new DomainRuleException("extended-care.not-contracted", $"延長保育 {ApplicationNumber} has no contract ({Status}).");
        if (month.Day != 1) throw new DomainRuleException("extended-care.month", "Usage is recorded for a month: give its first day (YYYY-MM-01).", "month");
        var covered = ExtendedCareFees.CoveredDays(month, StartsOn!.Value, EndsOn!.Value);
        if (covered == 0)
            throw new DomainRuleException("extended-care.usage-outside-contract", $"The contract ({StartsOn:yyyy-MM-dd}〜{EndsOn:yyyy-MM-dd}) does not cover {month:yyyy-MM}.", "month");
        if (recordedOn < month)
            throw new DomainRuleException("extended-care.usage-before-month", $"Usage for {month:yyyy-MM} cannot be recorded before the month starts.", "recordedOn");
        if (daysUsed < 0 || daysUsed > covered)
            throw new DomainRuleException("extended-care.usage-days", $"利用日数 must be between 0 and {covered} (the days the contract covers in {month:yyyy-MM}).", "daysUsed");
        var count = uses ?? daysUsed;
        if (count < 0) throw new DomainRuleException("extended-care.usage-uses", "利用回数 must not be negative.", "uses");

        var current = UsageFor(month);
        if (current is null) return new ExtendedCareUsageRecorded(Id, month, daysUsed, count, recordedOn);
        if (current.DaysUsed == daysUsed && current.Uses == count) return null;
        if (string.IsNullOrWhiteSpace(correctionReason))
            throw new DomainRuleException("extended-care.correction-reason",
                $"Usage for {month:yyyy-MM} is already recorded ({current.DaysUsed}日/{current.Uses}回): a correction needs a 訂正事由.", "correctionReason");
        return new ExtendedCareUsageCorrected(Id, month, daysUsed, count, recordedOn, correctionReason.Trim(), current.DaysUsed, current.Uses);
    }

    /// <summary>取消: the application or 承諾 is withdrawn; only before any use is recorded or any fee charged (else 利用終了).</summary>
    public ExtendedCareCancelled Cancel(DateOnly decidedOn, string reason)
    {
        if (Status is not (ExtendedCareStatus.Applied or ExtendedCareStatus.Approved or ExtendedCareStatus.Contracted))
            throw new DomainRuleException("extended-care.closed", $"延長保育 {ApplicationNumber} is already {Status}.");
        if (Usage.Count > 0 || Fees.Any(f => f.Fee > 0))
            throw new DomainRuleException("extended-care.cancel-after-use", "Use has been recorded or charged: end the use (利用終了) instead of cancelling.");
        if (decidedOn < AppliedOn) throw new DomainRuleException("extended-care.decided-before-applied", "The 取消 is before the application.", "decidedOn");
        return new ExtendedCareCancelled(Id, decidedOn, reason);
    }

    /// <summary>利用終了: the contract ends on <paramref name="lastDay"/> (within the contract period).</summary>
    public ExtendedCareEnded End(DateOnly lastDay, string reason)
    {
        RequireStatus(ExtendedCareStatus.Contracted);
        if (lastDay < StartsOn)
            throw new DomainRuleException("extended-care.end-before-start", $"The last day is before the contract starts ({StartsOn:yyyy-MM-dd}): cancel (取消) instead.", "lastDay");
        if (lastDay > EndsOn)
            throw new DomainRuleException("extended-care.end-after-contract", $"The contract already ends on {EndsOn:yyyy-MM-dd}.", "lastDay");
        return new ExtendedCareEnded(Id, lastDay, reason);
    }

    /// <summary>
    /// A month's 延長保育料, only when it differs from the one in force (re-running appends nothing); a change names the amount it
    /// replaces (更正). A month never charged and not covered needs no determination.
    /// </summary>
    public ExtendedCareFeeDetermined? Determine(DateOnly month, ExtendedCareFeeQuote quote, ExtendedCareFeeReason reason)
    {
        if (Status is not (ExtendedCareStatus.Contracted or ExtendedCareStatus.Ended))
            throw new DomainRuleException("extended-care.not-contracted", $"延長保育 {ApplicationNumber} has no contract ({Status}).");
        var current = FeeFor(month);
        if (current is not null && current.Fee == quote.Fee) return null;
        if (current is null && !quote.Covered) return null;
        return new ExtendedCareFeeDetermined(Id, month, quote.Fee, month, reason, current?.Fee, quote.Basis);
    }

    private void RequireStatus(ExtendedCareStatus expected)
    {
        if (Status != expected)
            throw new DomainRuleException($"extended-care.not-{Kebab(expected)}", $"延長保育 {ApplicationNumber} is {Status}, not {expected}.");
    }

    private static string Kebab(ExtendedCareStatus status) => status.ToString().ToLowerInvariant();
}
