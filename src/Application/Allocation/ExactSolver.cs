using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Application.Allocation;

/// <summary>The exact allocator if this installation has one (CP-SAT); always registered so handlers can ask.</summary>
public sealed record ExactSolver(IExactAllocator? Allocator);
