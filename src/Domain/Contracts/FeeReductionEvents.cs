namespace KosodateShien.Domain.Contracts;

/// <summary>減免の種類.</summary>
public enum FeeReductionKind
{
    /// <summary>災害</summary>
    Disaster,
    /// <summary>失業</summary>
    Unemployment,
    /// <summary>所得激減</summary>
    IncomeDrop,
    /// <summary>休園 (the facility closed)</summary>
    Closure,
    /// <summary>自粛 (the family kept the child at home on request)</summary>
    SelfRestraint,
}

/// <summary>減免申請 (減免申請連番, 減免申請年月日, 種類, 休園日数・自粛日数, the period asked for).</summary>
/// <param name="Number">減免申請連番</param>
/// <param name="DaysAffected">休園日数 or 自粛日数, when the kind counts days</param>
public sealed record FeeReductionApplied(Guid ReductionId, string Number, Guid ChildId, Guid HouseholdId, FeeReductionKind Kind, DateOnly AppliedOn,
    DateOnly RequestedFrom, DateOnly? RequestedTo, int? DaysAffected, string Reason);

/// <summary>減免決定 (減免決定年月日, 減免適用開始・終了年月日, 負担額減免率 分子/分母).</summary>
public sealed record FeeReductionGranted(Guid ReductionId, DateOnly DecidedOn, DateOnly From, DateOnly To, int Numerator, int Denominator);

/// <summary>減免棄却 (棄却日, 棄却理由).</summary>
public sealed record FeeReductionRejected(Guid ReductionId, DateOnly RejectedOn, string Reason);
