using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Projections.Allocation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Allocation;

/// <summary>One application whose result differs between two runs (facility ids; null = not placed).</summary>
public sealed record RunDifference(Guid ApplicationId, Guid? First, Guid? Second);

/// <summary>Two runs of a round side by side: placements, stability, and every application whose result differs.</summary>
public sealed record RunComparison(Guid First, Guid Second, bool SameInput, int PlacedFirst, int PlacedSecond, bool StableFirst, bool StableSecond, IReadOnlyList<RunDifference> Differences);

public static class CompareRunsEndpoint
{
    /// <summary>Compare two runs of the same round (e.g. heuristic and exact, or before and after a vacancy correction).</summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/allocation/rounds/{id}/comparison", OperationId = "CompareAllocationRuns")]
    public static async Task<RunComparison?> Compare(Guid id, Guid first, Guid second, IQuerySession session, CancellationToken ct)
    {
        var runs = (await session.LoadManyAsync<AllocationRunResult>(ct, first, second)).ToDictionary(r => r.Id);
        if (!runs.TryGetValue(first, out var a) || !runs.TryGetValue(second, out var b) || a.RoundId != id || b.RoundId != id) return null;
        var input = await session.LoadAsync<RoundInput>(id, ct);
        var applicationByChild = input?.Entries.ToDictionary(e => e.ChildKey, e => e.ApplicationId) ?? [];

        var differences = a.Result.Assignments
            .Where(x => b.Result.Assignments.GetValueOrDefault(x.Key) != x.Value)
            .Select(x => new RunDifference(applicationByChild.GetValueOrDefault(x.Key), Facility(x.Value), Facility(b.Result.Assignments.GetValueOrDefault(x.Key))))
            .OrderBy(d => d.ApplicationId)
            .ToList();
        return new RunComparison(first, second, a.InputHash == b.InputHash, Placed(a), Placed(b), a.Result.Stable, b.Result.Stable, differences);
    }

    private static int Placed(AllocationRunResult run) => run.Result.Outcomes.Count(o => o.Kind == Domain.Allocation.Engine.OutcomeKind.Placed);

    private static Guid? Facility(string? key) => key is null ? null : Guid.ParseExact(key, "N");
}
