using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Contracts;

public enum FeeReductionStatus { Applied, Granted, Rejected }

/// <summary>減免: the write model of a reduction stream.</summary>
/// <param name="Number">減免申請連番</param>
/// <param name="Numerator">負担額減免率 分子 (the share waived)</param>
/// <param name="Denominator">負担額減免率 分母</param>
public sealed record FeeReduction(
    Guid Id,
    string Number,
    Guid ChildId,
    Guid HouseholdId,
    FeeReductionKind Kind,
    DateOnly AppliedOn,
    DateOnly RequestedFrom,
    DateOnly? RequestedTo,
    int? DaysAffected,
    string Reason,
    FeeReductionStatus Status,
    DateOnly? DecidedOn = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Numerator = 0,
    int Denominator = 1,
    string? RejectionReason = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>Granted and in force on a month's first day (or any day of it for a period that starts mid-month).</summary>
    public bool AppliesTo(DateOnly month) => Status == FeeReductionStatus.Granted && From <= JapaneseDates.EndOfMonth(month) && To >= month;

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(FeeReductionApplied),
        typeof(FeeReductionGranted),
        typeof(FeeReductionRejected),
    ];

    public static FeeReduction? Evolve(FeeReduction? state, object @event) => (state, @event) switch
    {
        (null, FeeReductionApplied e) => new FeeReduction(e.ReductionId, e.Number, e.ChildId, e.HouseholdId, e.Kind, e.AppliedOn, e.RequestedFrom, e.RequestedTo,
            e.DaysAffected, e.Reason, FeeReductionStatus.Applied),
        (not null, FeeReductionGranted e) => state with { Status = FeeReductionStatus.Granted, DecidedOn = e.DecidedOn, From = e.From, To = e.To, Numerator = e.Numerator, Denominator = e.Denominator },
        (not null, FeeReductionRejected e) => state with { Status = FeeReductionStatus.Rejected, DecidedOn = e.RejectedOn, RejectionReason = e.Reason },
        _ => state,
    };

    public FeeReductionGranted Grant(DateOnly decidedOn, DateOnly from, DateOnly to, int numerator, int denominator)
    {
        RequireApplied();
        if (to < from) throw new DomainRuleException("reduction.period", "The period ends before it starts.", "to");
        if (denominator <= 0 || numerator <= 0 || numerator > denominator)
            throw new DomainRuleException("reduction.ratio", "負担額減免率 must be a share above 0 and at most 1 (numerator/denominator).", "numerator");
        if (decidedOn < AppliedOn) throw new DomainRuleException("reduction.decided-before-applied", "The decision is before the application.", "decidedOn");
        return new FeeReductionGranted(Id, decidedOn, from, to, numerator, denominator);
    }

    public FeeReductionRejected Reject(DateOnly rejectedOn, string reason)
    {
        RequireApplied();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("reason-required", "A 棄却理由 is required.", "reason");
        return new FeeReductionRejected(Id, rejectedOn, reason);
    }

    private void RequireApplied()
    {
        if (Status != FeeReductionStatus.Applied)
            throw new DomainRuleException("reduction.decided", $"減免 {Number} is already {Status}.");
    }
}
