using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Contracts;

/// <summary>The fee in force for one month of a placement (the latest determination).</summary>
public sealed record MonthlyFee(DateOnly Month, long Fee, long SideDishFee, FeeChangeReason Reason, int Determinations);

/// <summary>契約 (a child's placement at a facility): the write model of a placement stream.</summary>
/// <param name="ContractNumber">契約履歴番号</param>
/// <param name="StartsOn">利用期間開始年月日</param>
/// <param name="EndsOn">the last day of the placement (退所 or 利用解除), null while it runs</param>
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
    IReadOnlyList<MonthlyFee> Fees) : IStreamVersioned
{
    public int Version { get; set; }

    public bool IsActiveOn(DateOnly day) => StartsOn <= day && (EndsOn is null || EndsOn >= day);

    /// <summary>Whether the placement covers any day of the month.</summary>
    public bool CoversMonth(DateOnly month) => StartsOn <= JapaneseDates.EndOfMonth(month) && (EndsOn is null || EndsOn >= month);

    public MonthlyFee? FeeFor(DateOnly month) => Fees.FirstOrDefault(f => f.Month == month);

    public static Placement? Evolve(Placement? state, object @event) => (state, @event) switch
    {
        (null, PlacementStarted e) => new Placement(e.PlacementId, e.ContractNumber, e.ChildId, e.HouseholdId, e.CertificationId, e.FacilityId, e.ServiceKind,
            e.StartsOn, e.ClassAge, JapaneseDates.FiscalYearOf(e.StartsOn), null, null, []),
        (not null, ClassProgressed e) => state with { ClassAge = e.ClassAge, ClassFiscalYear = e.FiscalYear },
        (not null, ChildLeftFacility e) => state with { EndsOn = e.LastDay, EndReason = e.Reason },
        (not null, PlacementCancelled e) => state with { EndsOn = e.EndsOn, EndReason = e.Reason },
        (not null, FeeDetermined e) => state with
        {
            Fees = [.. state.Fees.Where(f => f.Month != e.Month), new MonthlyFee(e.Month, e.Fee, e.SideDishFee, e.Reason, (state.FeeFor(e.Month)?.Determinations ?? 0) + 1)],
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
    /// A fee for a month, only when it differs from the one in force (so re-running a job never duplicates a determination);
    /// a changed fee names the amounts it replaces (更正).
    /// </summary>
    public FeeDetermined? Determine(DateOnly month, Fees.ChildFee quote, FeeChangeReason reason, DateOnly effectiveFrom)
    {
        var current = FeeFor(month);
        if (current is not null && current.Fee == quote.Fee && current.SideDishFee == quote.SideDishFee) return null;
        return new FeeDetermined(Id, month, quote.Fee, quote.SideDishFee, month, effectiveFrom, reason, current?.Fee, current?.SideDishFee, quote);
    }

    private void RequireRunning()
    {
        if (EndsOn is not null)
            throw new DomainRuleException("placement.ended", $"Placement {ContractNumber} already ends on {EndsOn:yyyy-MM-dd}.");
    }
}
