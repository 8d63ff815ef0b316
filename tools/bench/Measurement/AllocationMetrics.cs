using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Measurement;

/// <summary>The ALLOCATION.md §4.3 matching-quality figures of one run, plus the bench's own IR and capacity audit.</summary>
public sealed record AllocationMetrics
{
    public const int AgeClasses = 6;

    public required int Households { get; init; }
    public required int Children { get; init; }
    public required int Facilities { get; init; }
    public required int[] ChildrenByClass { get; init; }
    public required int[] SeatsByClass { get; init; }

    /// <summary>内定, realised transfers included.</summary>
    public required int[] PlacedByClass { get; init; }
    public required int FirstChoice { get; init; }
    public required int TopThree { get; init; }
    /// <summary>保留 / 不承諾.</summary>
    public required int Unplaced { get; init; }

    public required SiblingOutcomes Siblings { get; init; }

    public required int TransferApplicants { get; init; }
    public required int TransfersRealised { get; init; }
    public required int TransfersKept { get; init; }

    public required int SingleCoalitions { get; init; }
    public required int SiblingCoalitions { get; init; }

    /// <summary>Over-full (facility, class) cells counted by the bench itself from the assignments.</summary>
    public required int AuditCapacityViolations { get; init; }
    /// <summary>Transfer households left worse than their held seats, counted by the bench itself.</summary>
    public required int AuditIrViolations { get; init; }

    public int Seats => SeatsByClass.Sum();
    public int Placed => PlacedByClass.Sum();

    public static AllocationMetrics Of(AllocationInstance instance, AllocationResult result)
    {
        var outcomes = new Dictionary<string, ChildOutcome>(result.Outcomes.Count, StringComparer.Ordinal);
        foreach (var outcome in result.Outcomes) outcomes[outcome.ChildId] = outcome;

        var childrenByClass = new int[AgeClasses];
        var placedByClass = new int[AgeClasses];
        int firstChoice = 0, topThree = 0, unplaced = 0, transferApplicants = 0, realised = 0, kept = 0;
        foreach (var child in instance.Households.SelectMany(h => h.Children))
        {
            childrenByClass[child.AgeClass]++;
            if (child.HeldSeat is not null) transferApplicants++;
            if (!outcomes.TryGetValue(child.Id, out var outcome)) continue;
            switch (outcome.Kind)
            {
                case OutcomeKind.Placed:
                    placedByClass[child.AgeClass]++;
                    if (outcome.OptionRank == 1) firstChoice++;
                    if (outcome.OptionRank <= 3) topThree++;
                    if (child.HeldSeat is not null) realised++;
                    break;
                case OutcomeKind.TransferKept:
                    kept++;
                    break;
                case OutcomeKind.Unplaced:
                    unplaced++;
                    break;
            }
        }

        var seatsByClass = new int[AgeClasses];
        foreach (var facility in instance.Facilities)
            for (var g = 0; g < AgeClasses; g++) seatsByClass[g] += facility.Capacity[g];

        return new AllocationMetrics
        {
            Households = instance.Households.Count,
            Children = childrenByClass.Sum(),
            Facilities = instance.Facilities.Count,
            ChildrenByClass = childrenByClass,
            SeatsByClass = seatsByClass,
            PlacedByClass = placedByClass,
            FirstChoice = firstChoice,
            TopThree = topThree,
            Unplaced = unplaced,
            Siblings = SiblingOutcomes.Of(instance, result.Assignments),
            TransferApplicants = transferApplicants,
            TransfersRealised = realised,
            TransfersKept = kept,
            SingleCoalitions = result.Check.Coalitions.Count(c => !c.SiblingGroup),
            SiblingCoalitions = result.Check.Coalitions.Count(c => c.SiblingGroup),
            AuditCapacityViolations = AssignmentAudit.CapacityViolations(instance, result.Assignments),
            AuditIrViolations = AssignmentAudit.IrViolations(instance, result.Assignments),
        };
    }
}
