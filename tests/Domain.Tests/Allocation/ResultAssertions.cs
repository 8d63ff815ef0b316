using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>Checks of an allocation result that hold for every instance (ALLOCATION.md §5.1 assertion 4, §3.6).</summary>
public static class ResultAssertions
{
    public static void ShouldBeConsistent(AllocationInstance instance, AllocationResult result)
    {
        result.Check.IrViolations.ShouldBe(0);
        result.Check.CapacityViolations.ShouldBe(0);
        result.Stable.ShouldBe(result.Check.BlockingCoalitions == 0);
        var applicants = TestKeys.Applicants(instance);
        result.Assignments.Count.ShouldBe(applicants.Count);
        result.Outcomes.Count.ShouldBe(applicants.Count);
        ExplanationsShouldCoverExactlyTheBetterOptions(instance, result);
        foreach (var explanation in result.Explanations) ExplanationShouldBeTrue(instance, result, applicants, explanation);
        foreach (var cutoff in result.Cutoffs) CutoffShouldMatchTheOccupants(result, applicants, cutoff);
    }

    public static void ShouldBeSameAssignments(IReadOnlyDictionary<string, string?> actual, IReadOnlyDictionary<string, string?> expected, string because) =>
        actual.OrderBy(a => a.Key, StringComparer.Ordinal).ShouldBe(expected.OrderBy(a => a.Key, StringComparer.Ordinal), because);

    /// <summary>The facility each child gets under an option vector (ExactSolution convention), computed from the instance alone.</summary>
    public static Dictionary<string, string?> AssignmentsOf(AllocationInstance instance, IReadOnlyList<int> vector)
    {
        var assignments = new Dictionary<string, string?>();
        for (var i = 0; i < instance.Households.Count; i++)
        {
            var household = instance.Households[i];
            foreach (var child in household.Children)
                assignments[child.Id] = vector[i] switch
                {
                    < 0 => null,
                    var stay when stay == household.Options.Count => child.HeldSeat,
                    var option => household.Options[option].GetValueOrDefault(child.Id) ?? child.HeldSeat,
                };
        }
        return assignments;
    }

    /// <summary>The 1-based rank of the option a household got: its listed rank, listed + 1 for staying, int.MaxValue for nothing.</summary>
    public static int GrantedRank(HouseholdApplication household, AllocationResult result)
    {
        var outcomes = result.Outcomes.Where(o => o.HouseholdId == household.Id).ToList();
        var placed = outcomes.FirstOrDefault(o => o.Kind == OutcomeKind.Placed);
        if (placed is not null) return placed.OptionRank!.Value;
        return outcomes.Any(o => o.Kind == OutcomeKind.TransferKept) ? household.Options.Count + 1 : int.MaxValue;
    }

    static void ExplanationsShouldCoverExactlyTheBetterOptions(AllocationInstance instance, AllocationResult result)
    {
        var expected = new List<(string, int)>();
        foreach (var household in instance.Households)
        {
            var above = Math.Min(GrantedRank(household, result) - 1, household.Options.Count);
            foreach (var child in household.Children)
                for (var rank = 1; rank <= above; rank++) expected.Add((child.Id, rank));
        }
        result.Explanations.Select(e => (e.ChildId, e.OptionRank)).OrderBy(x => x).ShouldBe(expected.OrderBy(x => x));
    }

    static void ExplanationShouldBeTrue(AllocationInstance instance, AllocationResult result, IReadOnlyList<TestKeys.Applicant> applicants, Explanation explanation)
    {
        var own = applicants.Single(a => a.Child.Id == explanation.ChildId);
        var capacity = instance.Facilities.Single(f => f.Id == explanation.FacilityId).Capacity[explanation.AgeClass];
        explanation.Capacity.ShouldBe(capacity);
        explanation.OwnScore.ShouldBe(own.Household.Score);
        if (explanation.BlockingChildId is not null)
        {
            own.Household.Children.Select(c => c.Id).ShouldContain(explanation.BlockingChildId);
            explanation.BlockingChildId.ShouldNotBe(explanation.ChildId);
        }
        switch (explanation.Code)
        {
            case ExplanationCode.NoVacancy:
                capacity.ShouldBe(0);
                break;
            case ExplanationCode.StaffReview:
                result.Check.Coalitions.ShouldContain(new BlockingCoalition(own.Household.Id, explanation.OptionRank, own.Household.Children.Count > 1));
                break;
            case ExplanationCode.SiblingRule:
                explanation.BlockingChildId.ShouldNotBeNull();
                break;
            default:
                var occupants = Occupants(result, applicants, explanation.FacilityId, explanation.AgeClass);
                occupants.Count.ShouldBe(capacity, "a class that turned a child away on keys is full");
                var last = occupants.MaxBy(a => a, Comparer<TestKeys.Applicant>.Create((a, b) => TestKeys.Compare(a, b, explanation.FacilityId)))!;
                TestKeys.Compare(last, own, explanation.FacilityId).ShouldBeLessThan(0, "the last admitted child comes before the child");
                explanation.CutoffScore.ShouldBe(last.Household.Score);
                var heldCutoff = explanation.DecidingStep == DecidingSteps.Held;
                if (explanation.Code == ExplanationCode.OutOfArea) last.Household.Tier.ShouldBeLessThan(own.Household.Tier);
                if (explanation.Code == ExplanationCode.TieBreak) last.Household.Score.ShouldBe(own.Household.Score);
                if (explanation.Code == ExplanationCode.Cutoff && !heldCutoff) last.Household.Score.ShouldBeGreaterThan(own.Household.Score);
                if (explanation.Code == ExplanationCode.TransferKept)
                    result.Outcomes.Single(o => o.ChildId == own.Child.Id).Kind.ShouldBe(OutcomeKind.TransferKept);
                break;
        }
    }

    static void CutoffShouldMatchTheOccupants(AllocationResult result, IReadOnlyList<TestKeys.Applicant> applicants, Cutoff cutoff)
    {
        var occupants = Occupants(result, applicants, cutoff.FacilityId, cutoff.AgeClass);
        cutoff.Admitted.ShouldBe(occupants.Count);
        if (occupants.Count == 0)
        {
            cutoff.CutoffScore.ShouldBeNull();
            return;
        }
        var last = occupants.MaxBy(a => a, Comparer<TestKeys.Applicant>.Create((a, b) => TestKeys.Compare(a, b, cutoff.FacilityId)))!;
        cutoff.CutoffScore.ShouldBe(last.Household.Score);
        cutoff.CutoffTier.ShouldBe(last.Household.Tier);
    }

    static List<TestKeys.Applicant> Occupants(AllocationResult result, IReadOnlyList<TestKeys.Applicant> applicants, string facility, int ageClass) =>
        [.. applicants.Where(a => a.Child.AgeClass == ageClass && result.Assignments[a.Child.Id] == facility)];
}
