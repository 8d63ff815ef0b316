namespace KosodateShien.Domain.Allocation.Engine;

// The 利用調整 engine's contract: a self-contained instance in, an allocation with its check,
// explanations and cutoffs out. Everything here is plain data; ids are the caller's strings.
// See ALLOCATION.md §3 (algorithm, guarantees, explanations) and §5 (reference checks).

/// <summary>A self-contained allocation problem (one round): facilities with seats per age class, and household-level applications.</summary>
public sealed record AllocationInstance(IReadOnlyList<FacilitySeats> Facilities, IReadOnlyList<HouseholdApplication> Households);

/// <summary>
/// 受入可能数 of one facility per クラス年齢 (index 0–5). Seats held by this round's transfer applicants
/// at the facility are included: they free up if the holder moves.
/// </summary>
public sealed record FacilitySeats(string Id, IReadOnlyList<int> Capacity);

/// <summary>
/// One household's application: its priority (選考基準指数, then 同一指数の優先順位 keys, then its
/// lottery draw) and its choices in preference order. Each option maps each child to a facility id, or
/// to null when that child is not placed in that option (片方だけでも可). A child with a held seat that
/// is null (or absent) in an option keeps its held seat in that option.
/// </summary>
/// <param name="Score">選考基準指数 (higher comes first)</param>
/// <param name="TieBreak">同一指数の優先順位 keys, compared in order, lower first</param>
/// <param name="Lottery">抽選 draw per household, lower first</param>
/// <param name="Tier">0 = resident (管内), 1 = out-of-area (管外・広域): every tier-0 household comes before tier 1</param>
public sealed record HouseholdApplication(
    string Id,
    decimal Score,
    IReadOnlyList<long> TieBreak,
    long Lottery,
    int Tier,
    IReadOnlyList<ApplicantChild> Children,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Options);

/// <summary>A child in the application: クラス年齢 for the round, and the facility it already attends if this is a 転園.</summary>
public sealed record ApplicantChild(string Id, int AgeClass, string? HeldSeat = null);

public enum AllocationMode
{
    /// <summary>Priority-ordered deferred acceptance with sibling options, then blocking-coalition repair.</summary>
    Heuristic,
    /// <summary>CP-SAT: most children placed with zero blocking coalitions, warm-started from the heuristic.</summary>
    Exact,
}

public sealed record AllocationSettings(AllocationMode Mode = AllocationMode.Heuristic, int RepairBudgetPerSiblingHousehold = 20, TimeSpan? ExactTimeLimit = null);

/// <summary>What happened to one child.</summary>
public enum OutcomeKind
{
    /// <summary>内定 at a facility it listed.</summary>
    Placed,
    /// <summary>転園 not achieved: keeps its current seat (継続).</summary>
    TransferKept,
    /// <summary>保留 / 不承諾: not placed.</summary>
    Unplaced,
}

/// <param name="OptionRank">1-based rank of the household option that was granted (null when unplaced or kept)</param>
public sealed record ChildOutcome(string ChildId, string HouseholdId, OutcomeKind Kind, string? FacilityId, int AgeClass, int? OptionRank);

/// <summary>Reason codes for every facility a child ranked above its result (ALLOCATION.md §3.6).</summary>
public enum ExplanationCode
{
    /// <summary>R1 ボーダー: the class was full with children of a higher 指数.</summary>
    Cutoff,
    /// <summary>R2 同点決定: the last admitted child had the same 指数 and won on a tie-break step (or the lottery).</summary>
    TieBreak,
    /// <summary>R3 募集なし: no seats in that class.</summary>
    NoVacancy,
    /// <summary>R4 きょうだい: the joint option failed because of another member's seat (named in BlockingChildId).</summary>
    SiblingRule,
    /// <summary>R5 転園: the wished facility was full; the child continues at its current seat.</summary>
    TransferKept,
    /// <summary>R6 管外: residents (tier 0) come first at this facility.</summary>
    OutOfArea,
    /// <summary>R7 調整: the child's household forms a blocking coalition with this option; staff must review.</summary>
    StaffReview,
}

/// <summary>
/// Why a child did not get one facility it ranked above its result. Scores are shown; other families'
/// identities never are (BlockingChildId is always a member of the same household).
/// </summary>
/// <param name="OptionRank">1-based rank of the household option this entry is about</param>
/// <param name="CutoffScore">ボーダー指数: the 指数 of the last child admitted to that class (null when none)</param>
/// <param name="DecidingStep">what put the last admitted child ahead: "tier", "score", "tieBreak:{i}", "lottery", "held"</param>
public sealed record Explanation(
    string ChildId,
    string FacilityId,
    int OptionRank,
    ExplanationCode Code,
    int AgeClass,
    int Capacity,
    decimal OwnScore,
    decimal? CutoffScore,
    string? DecidingStep,
    string? BlockingChildId);

/// <summary>
/// ボーダー per facility × class: the last admitted child's 指数 (and tier), and which key step separated it from
/// the best child turned away there ("score", "tieBreak:{i}", "lottery", "tier"; null when nobody was turned away).
/// </summary>
public sealed record Cutoff(string FacilityId, int AgeClass, int Capacity, int Admitted, int TurnedAway, decimal? CutoffScore, int? CutoffTier, string? DecidingStep);

/// <summary>A household and an option it prefers to its result that it could take (ALLOCATION.md §3.5).</summary>
public sealed record BlockingCoalition(string HouseholdId, int OptionRank, bool SiblingGroup);

/// <summary>The independent checker's report after every run.</summary>
public sealed record CheckReport(
    int BlockingCoalitions,
    int JustifiedEnvy,
    int WastedSeats,
    int IrViolations,
    int CapacityViolations,
    IReadOnlyList<BlockingCoalition> Coalitions);

/// <summary>How the run went: algorithm, phases, repair, and the exact solver when used.</summary>
/// <param name="SeatChains">玉突き: seats released by a transfer and taken by another child, as "from → to" child ids</param>
public sealed record AllocationDiagnostics(
    string AlgorithmVersion,
    AllocationMode Mode,
    int RepairSteps,
    bool RepairCycled,
    string? ExactStatus,
    IReadOnlyDictionary<string, TimeSpan> PhaseTimes,
    IReadOnlyList<string> SeatChains);

/// <summary>
/// The allocation: every child's facility (null when unplaced), per-child outcomes and explanations,
/// per-class cutoffs, the checker's report, and whether it is stable (no blocking coalition).
/// </summary>
public sealed record AllocationResult(
    IReadOnlyDictionary<string, string?> Assignments,
    IReadOnlyList<ChildOutcome> Outcomes,
    IReadOnlyList<Explanation> Explanations,
    IReadOnlyList<Cutoff> Cutoffs,
    CheckReport Check,
    bool Stable,
    AllocationDiagnostics Diagnostics);

/// <summary>The exact solver, implemented outside the pure domain (CP-SAT). Returns one option index per household (-1 = unassigned).</summary>
public interface IExactAllocator
{
    ExactSolution Solve(AllocationInstance instance, IReadOnlyList<int> warmStart, TimeSpan timeLimit);
}

/// <param name="OptionByHousehold">per household (instance order): chosen option index, the implicit stay option = Options.Count, -1 = unassigned</param>
/// <param name="Status">solver status: OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, or a "min-blocking" variant</param>
public sealed record ExactSolution(IReadOnlyList<int> OptionByHousehold, string Status, bool ProvedNoStableAllocation);
