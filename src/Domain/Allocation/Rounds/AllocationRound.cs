using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Allocation.Rounds;

/// <summary>選考の状態.</summary>
public enum RoundStatus
{
    /// <summary>開始: applications and vacancies may still change</summary>
    Open,
    /// <summary>入力確定: vacancies and scores frozen; runs may be repeated</summary>
    InputsFixed,
    /// <summary>確定: outcomes written to every application</summary>
    Confirmed,
    /// <summary>終了</summary>
    Closed,
}

/// <summary>One run as the round remembers it.</summary>
public sealed record RoundRun(Guid RunId, int RunNumber, string Mode, string AlgorithmVersion, string ResultHash, RunSummary Summary, DateOnly RanOn);

/// <summary>選考 (an allocation round): the write model of a round stream.</summary>
/// <param name="TargetMonth">入所月 (first day)</param>
public sealed record AllocationRound(
    Guid Id,
    string Name,
    DateOnly TargetMonth,
    RoundStatus Status,
    string? InputHash = null,
    int? CriteriaVersion = null,
    IReadOnlyList<RoundRun>? Runs = null,
    Guid? ConfirmedRunId = null,
    DateOnly? ConfirmedOn = null) : IStreamVersioned
{
    public int Version { get; set; }

    public IReadOnlyList<RoundRun> AllRuns => Runs ?? [];

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(AllocationRoundClosed),
        typeof(AllocationRoundConfirmed),
        typeof(AllocationRoundOpened),
        typeof(AllocationRunCompleted),
        typeof(RoundInputsFixed),
    ];

    public static AllocationRound? Evolve(AllocationRound? state, object @event) => (state, @event) switch
    {
        (null, AllocationRoundOpened e) => new AllocationRound(e.RoundId, e.Name, e.TargetMonth, RoundStatus.Open),
        (not null, RoundInputsFixed e) => state with { Status = RoundStatus.InputsFixed, InputHash = e.InputHash, CriteriaVersion = e.CriteriaVersion },
        (not null, AllocationRunCompleted e) => state with
        {
            Runs = [.. state.AllRuns, new RoundRun(e.RunId, e.RunNumber, e.Mode.ToString(), e.AlgorithmVersion, e.ResultHash, e.Summary, e.RanOn)],
        },
        (not null, AllocationRoundConfirmed e) => state with { Status = RoundStatus.Confirmed, ConfirmedRunId = e.RunId, ConfirmedOn = e.ConfirmedOn },
        (not null, AllocationRoundClosed) => state with { Status = RoundStatus.Closed },
        _ => state,
    };

    public static AllocationRoundOpened Open(Guid id, string name, DateOnly targetMonth, DateOnly today)
    {
        if (targetMonth.Day != 1)
            throw new DomainRuleException("round.month", "A round is for a month: give its first day (YYYY-MM-01).", "targetMonth");
        return new AllocationRoundOpened(id, name, targetMonth, today);
    }

    public void RequireOpen()
    {
        if (Status != RoundStatus.Open)
            throw new DomainRuleException("round.not-open", $"Round {Name} is {Status}; its inputs are already fixed.");
    }

    public AllocationRunCompleted RecordRun(Guid runId, Engine.AllocationMode mode, string algorithmVersion, string resultHash, RunSummary summary, DateOnly today)
    {
        if (Status != RoundStatus.InputsFixed)
            throw new DomainRuleException("round.not-ready", $"Round {Name} is {Status}: runs happen after the inputs are fixed and before confirmation.");
        return new AllocationRunCompleted(Id, runId, AllRuns.Count + 1, mode, algorithmVersion, InputHash!, resultHash, summary, today);
    }

    public AllocationRoundConfirmed Confirm(Guid runId, DateOnly today)
    {
        if (Status != RoundStatus.InputsFixed)
            throw new DomainRuleException("round.not-ready", $"Round {Name} is {Status}; only a round with fixed inputs can be confirmed.");
        if (AllRuns.All(r => r.RunId != runId))
            throw new DomainRuleException("round.unknown-run", $"Run {runId} does not belong to round {Name}.", "runId");
        return new AllocationRoundConfirmed(Id, runId, today);
    }

    public AllocationRoundClosed Close(DateOnly today)
    {
        if (Status != RoundStatus.Confirmed)
            throw new DomainRuleException("round.not-confirmed", $"Round {Name} is {Status}; confirm a run before closing.");
        return new AllocationRoundClosed(Id, today);
    }
}
