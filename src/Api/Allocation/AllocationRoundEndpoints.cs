using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Allocation;
using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Allocation.Rounds;
using KosodateShien.Domain.Common;
using KosodateShien.Projections;
using KosodateShien.Projections.Allocation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Allocation;

/// <summary>選考の開始: a name (e.g. 2027年4月一次) and the month places start (first day).</summary>
public sealed record OpenRoundRequest(string Name, DateOnly TargetMonth) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Required("name", Name, 100);
}

/// <summary>The round's version you last read.</summary>
public sealed record RoundStepRequest(int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>A run: heuristic (priority-ordered deferred acceptance + repair) or exact (CP-SAT). Runs before confirmation are simulations.</summary>
public sealed record RunRoundRequest(int Version, AllocationMode Mode = AllocationMode.Heuristic) : IValidatedRequest
{
    public void Validate(FieldErrors errors) => errors.Version(Version);
}

/// <summary>Confirm one run: its outcomes become 内定/保留/不承諾 on every application.</summary>
public sealed record ConfirmRoundRequest(Guid RunId, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.NotEmpty("runId", RunId);
    }
}

/// <summary>The new round's id and version.</summary>
public sealed record RoundCreated(Guid Id, int Version) : CreationResponse($"/api/allocation/rounds/{Id}");

/// <summary>A run's id, number and summary, with the round's new version.</summary>
public sealed record RunRecorded(Guid RunId, int RunNumber, string AlgorithmVersion, string InputHash, string ResultHash, RunSummary Summary, int Version);

public static class AllocationRoundEndpoints
{
    /// <summary>Open a round (選考) for a month.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.RunAllocation)]
    [WolverinePost("/api/allocation/rounds", OperationId = "OpenAllocationRound")]
    public static RoundCreated Open(OpenRoundRequest request, IDocumentSession session, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream<AllocationRound>(id, AllocationRound.Open(id, request.Name.Trim(), request.TargetMonth, clock.TodayJst()));
        return new RoundCreated(id, 1);
    }

    /// <summary>
    /// Fix the round's inputs: the 空き定員 declared for its month, every waiting application whose start has come
    /// (scored with the 入所選考基準 in force, one lottery draw per household), and the 不承諾 of those that cannot be placed.
    /// </summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.RunAllocation)]
    [WolverinePost("/api/allocation/rounds/{id}/inputs", OperationId = "FixAllocationRoundInputs")]
    public static async Task<RoundInputsSummary> FixInputs(Guid id, RoundStepRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var round = await LoadForWriting(session, id, request.Version, ct);
        return await RoundWorkflow.FixInputsAsync(session, round, clock.TodayJst(), ct);
    }

    /// <summary>Run the allocation on the fixed inputs. Repeatable: every run is kept for comparison until one is confirmed.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.RunAllocation)]
    [WolverinePost("/api/allocation/rounds/{id}/runs", OperationId = "RunAllocationRound")]
    public static async Task<RunRecorded> Run(Guid id, RunRoundRequest request, IDocumentSession session, ExactSolver solver, TimeProvider clock, CancellationToken ct)
    {
        var round = await LoadForWriting(session, id, request.Version, ct);
        var (run, _) = await RoundWorkflow.RunAsync(session, round, request.Mode, solver.Allocator, clock.TodayJst(), ct);
        return new RunRecorded(run.RunId, run.RunNumber, run.AlgorithmVersion, run.InputHash, run.ResultHash, run.Summary, request.Version + 1);
    }

    /// <summary>Confirm a run: 内定 / 保留 (with 保留事由) / 不承諾 on every application of the round.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.RunAllocation)]
    [WolverinePost("/api/allocation/rounds/{id}/confirm", OperationId = "ConfirmAllocationRound")]
    public static async Task<AllocationRoundConfirmed> Confirm(Guid id, ConfirmRoundRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var round = await LoadForWriting(session, id, request.Version, ct);
        return await RoundWorkflow.ConfirmAsync(session, round, request.RunId, clock.TodayJst(), ct);
    }

    /// <summary>Close a confirmed round (辞退 handled; waiting applications go to the next round).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.RunAllocation)]
    [WolverinePost("/api/allocation/rounds/{id}/close", OperationId = "CloseAllocationRound")]
    public static (UpdatedAggregate, Events) Close(RoundStepRequest request, [WriteAggregate] AllocationRound round, TimeProvider clock) =>
        (new UpdatedAggregate(), new Events([round.AtVersion(request.Version).Close(clock.TodayJst())]));

    /// <summary>A round with its runs (summaries, hashes) and the confirmed run.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/allocation/rounds/{id}", OperationId = "GetAllocationRound")]
    public static Task<AllocationRound?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<AllocationRound>(id, ct);

    /// <summary>A run's full result: every child's outcome, explanations (reason codes with ボーダー), cutoffs per facility × class and the checker's report.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/allocation/rounds/{id}/runs/{runId}", OperationId = "GetAllocationRun")]
    public static async Task<AllocationRunResult?> GetRun(Guid id, Guid runId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<AllocationRunResult>(runId, ct) is { } run && run.RoundId == id ? run : null;

    /// <summary>The round's events with who took each step.</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/allocation/rounds/{id}/history", OperationId = "GetAllocationRoundHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<AllocationRound>(id, ct);

    // The version check happens when the round's event is appended (expected version = this + 1).
    private static async Task<AllocationRound> LoadForWriting(IDocumentSession session, Guid id, int version, CancellationToken ct)
    {
        var round = await session.LoadAsync<AllocationRound>(id, ct)
            ?? throw new NotFoundException($"No allocation round {id}.");
        if (round.Version != version)
            throw new StaleVersionException($"Expected version {version} but round {round.Name} is at version {round.Version}.");
        return round;
    }
}
