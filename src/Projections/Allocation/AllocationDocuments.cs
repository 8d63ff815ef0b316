using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Projections.Allocation;

/// <summary>One application as it entered a round: engine keys, クラス年齢 and 指数.</summary>
public sealed record RoundEntry(Guid ApplicationId, Guid ChildId, string ChildKey, string HouseholdKey, int AgeClass, decimal Score, IReadOnlyList<Guid> DesiredFacilities);

/// <summary>
/// The frozen input of a round (document id = round id): the engine instance every run uses, and the
/// mapping back to applications. Written once when the inputs are fixed; never changed.
/// </summary>
public sealed record RoundInput(Guid Id, string InputHash, AllocationInstance Instance, IReadOnlyList<RoundEntry> Entries);

/// <summary>
/// The full result of one run (document id = run id), kept so runs can be compared and reviewed; the
/// round stream records its hash. Written once; never changed.
/// </summary>
public sealed record AllocationRunResult(Guid Id, Guid RoundId, int RunNumber, string InputHash, string ResultHash, AllocationResult Result);
