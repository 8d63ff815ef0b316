using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Allocation;
using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace KosodateShien.Api.Allocation;

/// <summary>A facility of a what-if instance: seats per クラス年齢 as <c>{"0": n, …, "5": n}</c> (missing classes are 0).</summary>
public sealed record SimulatedFacility(string Id, IReadOnlyDictionary<string, int> Capacity);

/// <summary>A child of a what-if household: クラス年齢 and, for a 転園, the facility it holds a seat at.</summary>
public sealed record SimulatedChild(string Id, int AgeClass, string? HeldSeat = null);

/// <summary>
/// A what-if household: priority (higher <c>score</c> first, then <c>tieBreak</c> lexicographically lower first, then lower
/// <c>lottery</c>; tier 0 before tier 1) and its choices in preference order, each mapping children to a facility id or null.
/// </summary>
public sealed record SimulatedHousehold(
    string Id,
    decimal Score,
    IReadOnlyList<SimulatedChild> Children,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Options,
    IReadOnlyList<long>? TieBreak = null,
    long Lottery = 0,
    int Tier = 0);

/// <summary>A self-contained allocation instance; nothing stored is read or written.</summary>
public sealed record SimulateAllocationRequest(IReadOnlyList<SimulatedFacility> Facilities, IReadOnlyList<SimulatedHousehold> Households, AllocationMode Mode = AllocationMode.Heuristic)
    : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Facilities.Count is 0 or > 5_000) errors.Add("facilities", "must list 1 to 5,000 facilities.");
        if (Households.Count > 20_000) errors.Add("households", "must list at most 20,000 households (use the benchmark for larger instances).");
        for (var i = 0; i < Facilities.Count; i++)
            foreach (var key in Facilities[i].Capacity.Keys.Where(k => k is not ("0" or "1" or "2" or "3" or "4" or "5")))
                errors.Add($"facilities[{i}].capacity.{key}", "capacity keys are the クラス年齢 \"0\" to \"5\".");
    }

    public AllocationInstance ToInstance() => new(
        [.. Facilities.Select(f => new FacilitySeats(f.Id, [.. Enumerable.Range(0, 6).Select(age => f.Capacity.GetValueOrDefault(age.ToString()))]))],
        [.. Households.Select(h => new HouseholdApplication(h.Id, h.Score, h.TieBreak ?? [], h.Lottery, h.Tier,
            [.. h.Children.Select(c => new ApplicantChild(c.Id, c.AgeClass, c.HeldSeat))], h.Options))]);
}

/// <summary>
/// The allocation of a what-if instance: every child's facility (null when unplaced), explanations per child, cutoffs per
/// facility × class, the checker's report, and whether the allocation is stable (no blocking coalition).
/// </summary>
public sealed record SimulateAllocationResponse(
    IReadOnlyDictionary<string, string?> Assignments,
    IReadOnlyDictionary<string, IReadOnlyList<Explanation>> Explanations,
    IReadOnlyList<Cutoff> Cutoffs,
    CheckReport Check,
    bool Stable,
    IReadOnlyList<ChildOutcome> Outcomes,
    AllocationDiagnostics Diagnostics);

public static class SimulateAllocationEndpoint
{
    /// <summary>An HTTP request should not hold a connection for minutes: exact mode stops here and keeps the best found.</summary>
    public static readonly TimeSpan ExactTimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allocate a self-contained instance without touching any stream (what-if work and verification). Heuristic: priority-ordered
    /// deferred acceptance with sibling options and held seats, then blocking-coalition repair. Exact: CP-SAT, most children placed
    /// with zero blocking coalitions (or the fewest when no stable allocation exists).
    /// </summary>
    [Tags("Allocation 利用調整")]
    [Authorize(Policy = Policies.Simulate)]
    [RequestSizeLimit(16 * 1024 * 1024)]
    [WolverinePost("/api/allocation/simulate", OperationId = "SimulateAllocation")]
    public static SimulateAllocationResponse Post(SimulateAllocationRequest request, ExactSolver solver)
    {
        var exact = solver.Allocator;
        if (request.Mode == AllocationMode.Exact && exact is null)
            throw new DomainRuleException("allocation.exact-unavailable", "Exact mode (CP-SAT) is not available in this installation.", "mode");
        var result = AllocationEngine.Run(request.ToInstance(), new AllocationSettings(request.Mode, ExactTimeLimit: ExactTimeLimit), exact);
        var explanations = result.Explanations.GroupBy(e => e.ChildId).ToDictionary(g => g.Key, g => (IReadOnlyList<Explanation>)[.. g]);
        foreach (var child in result.Assignments.Keys.Where(k => !explanations.ContainsKey(k))) explanations[child] = [];
        return new SimulateAllocationResponse(result.Assignments, explanations, result.Cutoffs, result.Check, result.Stable, result.Outcomes, result.Diagnostics);
    }
}
