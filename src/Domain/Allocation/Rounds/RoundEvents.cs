using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.Allocation.Rounds;

/// <summary>選考の開始: e.g. 2027年4月一次, for the month places start.</summary>
public sealed record AllocationRoundOpened(Guid RoundId, string Name, DateOnly TargetMonth, DateOnly OpenedOn);

/// <summary>空き定員 used by the round, per facility.</summary>
public sealed record RoundVacancy(Guid FacilityId, SeatsByAgeClass Seats);

/// <summary>
/// The round's inputs frozen: vacancies, the applications taken in (scored with the criteria version named),
/// those refused before allocation with their 不承諾事由, those held over to a later round with their 保留事由
/// (e.g. 認定審査中), and a hash of the engine instance every run uses.
/// </summary>
public sealed record RoundInputsFixed(
    Guid RoundId,
    DateOnly FixedOn,
    string CriteriaId,
    int CriteriaVersion,
    IReadOnlyList<RoundVacancy> Vacancies,
    IReadOnlyList<Guid> Applications,
    IReadOnlyList<ExcludedApplication> RefusedBeforeAllocation,
    string InputHash,
    IReadOnlyList<ExcludedApplication>? HeldBeforeAllocation = null);

/// <summary>An application the round does not allocate, with the reason: refused (不承諾事由) or held over (保留事由).</summary>
public sealed record ExcludedApplication(Guid ApplicationId, string Reason);

/// <summary>Summary figures of one run.</summary>
public sealed record RunSummary(int Applications, int Placed, int OnHold, int TransfersKept, int BlockingCoalitions, bool Stable, bool RepairCycled);

/// <summary>選考の実行: algorithm version, mode, input hash and parameters, with a hash of the full result (kept as a document).</summary>
public sealed record AllocationRunCompleted(
    Guid RoundId,
    Guid RunId,
    int RunNumber,
    AllocationMode Mode,
    string AlgorithmVersion,
    string InputHash,
    string ResultHash,
    RunSummary Summary,
    DateOnly RanOn);

/// <summary>選考結果の確定: the run whose result becomes 内定/保留/不承諾 on every application.</summary>
public sealed record AllocationRoundConfirmed(Guid RoundId, Guid RunId, DateOnly ConfirmedOn);

/// <summary>選考の終了 (辞退 handled; the next round takes the waiting applications).</summary>
public sealed record AllocationRoundClosed(Guid RoundId, DateOnly ClosedOn);
