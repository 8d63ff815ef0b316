using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Contracts;

/// <summary>A 利用者負担額決定 as the placement keeps it: the fee from its month on, until a later month's determination (the latest one made for that month).</summary>
/// <param name="Assessment">the 階層判定 behind the fee (国階層, 区市町村階層, 子の順位, 生活保護・非課税・ひとり親), which 延長保育 and reports read</param>
public sealed record MonthlyFee(DateOnly Month, long Fee, long SideDishFee, FeeChangeReason Reason, int Determinations, string? Assessment = null)
{
    public static string AssessmentOf(Fees.ChildFee quote) =>
        $"{quote.NationalTier}/{quote.MunicipalTier}/{quote.SiblingOrdinal}/{quote.Basis.PublicAssistance}/{quote.Basis.NonTaxable}/{quote.Basis.SingleParentOrDisabled}";
}

/// <summary>The certification a placement rests on from a day (認定区分 and 保育必要量 as recorded by the 異動; null before the first 認定変更).</summary>
public sealed record PlacementCertification(DateOnly From, Guid CertificationId, Certification.CertificationCategory? Category, Certification.CareLevel? CareLevel, int? HistoryNumber);

/// <summary>契約 (a child's placement at a facility): the write model of a placement stream.</summary>
/// <param name="ContractNumber">契約履歴番号</param>
/// <param name="StartsOn">利用期間開始年月日</param>
/// <param name="EndsOn">the last day of the placement (退所, 利用解除 or 転園), null while it runs</param>
/// <param name="Certifications">which certification the placement rested on from which day (異動: 認定変更), oldest first</param>
public sealed record Placement(
    Guid Id,
    string ContractNumber,
    Guid ChildId,
    Guid HouseholdId,
    Guid CertificationId,
    Guid FacilityId,
    ServiceKind ServiceKind,
    DateOnly StartsOn,
    int ClassAge,
    int ClassFiscalYear,
    DateOnly? EndsOn,
    string? EndReason,
    IReadOnlyList<MonthlyFee> Fees,
    IReadOnlyList<PlacementCertification>? Certifications = null,
    Guid? TransferredTo = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>Not ended before the day: running on it, or starting later.</summary>
    public bool IsOpenOn(DateOnly day) => EndsOn is null || EndsOn >= day;

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>Whether the placement covers any day of the month.</summary>
    public bool CoversMonth(DateOnly month) => StartsOn <= JapaneseDates.EndOfMonth(month) && (EndsOn is null || EndsOn >= month);

    /// <summary>
    /// The fee in force for the month: the determination made for that month or, in a month the placement covers, the latest
    /// one before it (a 利用者負担額決定 holds from its 適用開始 until the next; one is made only when the fee changes).
    /// </summary>
    public MonthlyFee? FeeFor(DateOnly month)
    {
        MonthlyFee? inForce = null;
        foreach (var fee in Fees)
        {
            if (fee.Month > month) break;
            if (fee.Month == month) return fee;
            inForce = fee;
        }
        return CoversMonth(month) ? inForce : null;
    }

    /// <summary>The determination made for exactly this month, if any.</summary>
    public MonthlyFee? DeterminedFor(DateOnly month) => Fees.FirstOrDefault(f => f.Month == month);

    /// <summary>The certification the placement rested on that day (the link in force then).</summary>
    public Guid CertificationOn(DateOnly day) => Certifications?.LastOrDefault(c => c.From <= day)?.CertificationId ?? CertificationId;

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ChildLeftFacility),
        typeof(ClassProgressed),
        typeof(FeeDetermined),
        typeof(PlacementCancelled),
        typeof(PlacementCertificationChanged),
        typeof(PlacementStarted),
        typeof(PlacementTransferredOut),
    ];

    public static Placement? Evolve(Placement? state, object @event) => (state, @event) switch
    {
        (null, PlacementStarted e) => new Placement(e.PlacementId, e.ContractNumber, e.ChildId, e.HouseholdId, e.CertificationId, e.FacilityId, e.ServiceKind,
            e.StartsOn, e.ClassAge, JapaneseDates.FiscalYearOf(e.StartsOn), null, null, [], [new PlacementCertification(e.StartsOn, e.CertificationId, null, null, null)]),
        (not null, ClassProgressed e) => state with { ClassAge = e.ClassAge, ClassFiscalYear = e.FiscalYear },
        (not null, ChildLeftFacility e) => state with { EndsOn = e.LastDay, EndReason = e.Reason },
        (not null, PlacementCancelled e) => state with { EndsOn = e.EndsOn, EndReason = e.Reason },
        (not null, PlacementTransferredOut e) => state with { EndsOn = e.LastDay, EndReason = e.Reason, TransferredTo = e.ToPlacementId },
        (not null, PlacementCertificationChanged e) => state with
        {
            CertificationId = e.CertificationId,
            ServiceKind = e.ServiceKind,
            Certifications = [.. (state.Certifications ?? []).Where(c => c.From < e.EffectiveFrom),
                new PlacementCertification(e.EffectiveFrom, e.CertificationId, e.Category, e.CareLevel, e.HistoryNumber)],
        },
        (not null, FeeDetermined e) => state with
        {
            // Kept in month order: FeeFor reads the one in force by walking it.
            Fees = [.. state.Fees.Where(f => f.Month != e.Month)
                .Append(new MonthlyFee(e.Month, e.Fee, e.SideDishFee, e.Reason, (state.DeterminedFor(e.Month)?.Determinations ?? 0) + 1, MonthlyFee.AssessmentOf(e.Quote)))
                .OrderBy(f => f.Month)],
        },
        _ => state,
    };

    public ClassProgressed? ProgressClass(int fiscalYear, DateOnly birthDate)
    {
        if (fiscalYear <= ClassFiscalYear || !IsActiveOn(new DateOnly(fiscalYear, 4, 1))) return null;
        return new ClassProgressed(Id, fiscalYear, JapaneseDates.ClassAge(birthDate, fiscalYear));
    }

    public ChildLeftFacility Leave(DateOnly lastDay, string reason)
    {
        RequireRunning();
        if (lastDay < StartsOn)
            throw new DomainRuleException("placement.leave-before-start", $"The last day {lastDay:yyyy-MM-dd} is before the placement started ({StartsOn:yyyy-MM-dd}).", "lastDay");
        return new ChildLeftFacility(Id, lastDay, reason);
    }

    public PlacementCancelled Cancel(DateOnly decidedOn, DateOnly endsOn, string reason)
    {
        RequireRunning();
        if (endsOn < StartsOn.AddDays(-1))
            throw new DomainRuleException("placement.cancel-before-start", "The placement cannot end before it starts.", "endsOn");
        return new PlacementCancelled(Id, decidedOn, endsOn, reason);
    }

    /// <summary>
    /// 転園: the child continues at another facility from the first of a month (利用調整 places children month by month,
    /// so a transfer never splits a month's fee between two facilities).
    /// </summary>
    public PlacementTransferredOut TransferOut(DateOnly newStartsOn, Guid toPlacementId, Guid toFacilityId)
    {
        RequireRunning();
        if (newStartsOn.Day != 1)
            throw new DomainRuleException("placement.transfer-on-first-of-month", $"A 転園 takes effect on the first day of a month, not {newStartsOn:yyyy-MM-dd}.", "startsOn");
        if (newStartsOn <= StartsOn)
            throw new DomainRuleException("placement.transfer-before-start", $"The transfer must start after this placement started ({StartsOn:yyyy-MM-dd}).", "startsOn");
        if (toFacilityId == FacilityId)
            throw new DomainRuleException("placement.transfer-same-facility", "A 転園 moves the child to a different facility.", "toFacilityId");
        return new PlacementTransferredOut(Id, newStartsOn.AddDays(-1), toPlacementId, toFacilityId, "転園");
    }

    /// <summary>
    /// 認定変更: from <paramref name="effectiveFrom"/> the placement rests on the certification's period in force that day.
    /// Nothing when the placement already rests on that certification with the same category, care level and 履歴番号.
    /// </summary>
    public PlacementCertificationChanged? ChangeCertification(Certification.Certification certification, DateOnly effectiveFrom, string reason)
    {
        if (certification.ChildId != ChildId)
            throw new DomainRuleException("placement.certification-other-child", "The certification belongs to another child.", "certificationId");
        if (effectiveFrom < StartsOn || EndsOn is { } end && effectiveFrom > end)
            throw new DomainRuleException("placement.change-outside-placement", $"{effectiveFrom:yyyy-MM-dd} is outside the placement ({StartsOn:yyyy-MM-dd} – {EndsOn:yyyy-MM-dd}).", "effectiveFrom");
        var period = certification.PeriodOn(effectiveFrom)
            ?? throw new DomainRuleException("placement.certification", $"The certification is not in force on {effectiveFrom:yyyy-MM-dd}.", "certificationId");
        var current = Certifications?.LastOrDefault(c => c.From <= effectiveFrom);
        if (current is not null && current.CertificationId == certification.Id && current.HistoryNumber == period.HistoryNumber) return null;
        var kind = period.Category == Certification.CertificationCategory.Category1 ? ServiceKind.Education
            : ServiceKind == ServiceKind.Education ? ServiceKind.NurseryCare : ServiceKind;
        return new PlacementCertificationChanged(Id, certification.Id, effectiveFrom, period.Category, period.CareLevel, period.HistoryNumber, kind, reason);
    }

    /// <summary>
    /// A fee for a month, only when it or the 階層判定 behind it differs from the one in force (so re-running a job never
    /// duplicates a determination, a month whose fee did not change adds nothing, and a 税更正 that moves the household to
    /// another tier at the same amount is still recorded for what depends on the tier, such as 延長保育料). A determination
    /// that corrects a month already decided (its own determination, or one in force from earlier when the reason is not the
    /// routine run's) names the amounts it replaces (更正).
    /// </summary>
    public FeeDetermined? Determine(DateOnly month, Fees.ChildFee quote, FeeChangeReason reason, DateOnly effectiveFrom)
    {
        var current = FeeFor(month);
        if (current is not null && current.Fee == quote.Fee && current.SideDishFee == quote.SideDishFee
            && (current.Assessment is null || current.Assessment == MonthlyFee.AssessmentOf(quote))) return null;
        var replaced = current is not null && (current.Month == month || !IsRoutine(reason)) ? current : null;
        return new FeeDetermined(Id, month, quote.Fee, quote.SideDishFee, month, effectiveFrom, reason, replaced?.Fee, replaced?.SideDishFee, quote);
    }

    private static bool IsRoutine(FeeChangeReason reason) =>
        reason is FeeChangeReason.Monthly or FeeChangeReason.SeptemberSwitch or FeeChangeReason.AprilProgression or FeeChangeReason.Start
            or FeeChangeReason.Continuation;

    private void RequireRunning()
    {
        if (EndsOn is not null)
            throw new DomainRuleException("placement.ended", $"Placement {ContractNumber} already ends on {EndsOn:yyyy-MM-dd}.");
    }
}
