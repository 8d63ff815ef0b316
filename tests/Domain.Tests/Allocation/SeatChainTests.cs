using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Domain.Tests.Allocation.Applications;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>玉突き (ALLOCATION.md §3.2): a seat released by a 転園 goes to the best child who wanted it.</summary>
public class SeatChainTests
{
    [Fact]
    public void the_seat_a_transfer_frees_goes_to_the_best_new_applicant()
    {
        var instance = Instance(
            [Facility("A", 1, 1), Facility("B", 1, 1)],
            Single("t", 30, "T", 1, ["B"], held: "A"),
            Single("z", 34, "Z", 1, ["A"]),
            Single("y", 38, "Y", 1, ["A"]));

        var result = AllocationEngine.Run(instance);

        result.Assignments["T"].ShouldBe("B");
        result.Assignments["Y"].ShouldBe("A");
        result.Assignments["Z"].ShouldBeNull();
        result.Outcomes.Single(o => o.ChildId == "T").ShouldBe(new ChildOutcome("T", "t", OutcomeKind.Placed, "B", 1, 1));
        result.Diagnostics.SeatChains.ShouldBe(["T → Y"]);
        result.Stable.ShouldBeTrue();
    }

    [Fact]
    public void a_chain_of_transfers_resolves_by_itself()
    {
        // T1 leaves A for B, T2 leaves B for C, and Y takes A.
        var instance = Instance(
            [Facility("A", 1, 1), Facility("B", 1, 1), Facility("C", 1, 1)],
            Single("t1", 30, "T1", 1, ["B"], held: "A"),
            Single("t2", 20, "T2", 1, ["C"], held: "B"),
            Single("y", 10, "Y", 1, ["A"]));

        var result = AllocationEngine.Run(instance);

        result.Assignments.ShouldBe(new Dictionary<string, string?> { ["T1"] = "B", ["T2"] = "C", ["Y"] = "A" }, ignoreOrder: true);
        result.Diagnostics.SeatChains.ShouldBe(["T1 → Y", "T2 → T1"], ignoreOrder: true);
    }

    [Fact]
    public void a_transfer_that_cannot_move_keeps_its_seat_and_says_why()
    {
        var instance = Instance(
            [Facility("A", 1, 1), Facility("B", 1, 1)],
            Single("t", 30, "T", 1, ["B"], held: "A"),
            Single("b", 36, "W", 1, ["B"]),
            Single("y", 40, "Y", 1, ["A"]));

        var result = AllocationEngine.Run(instance);

        result.Assignments["T"].ShouldBe("A");
        result.Assignments["Y"].ShouldBeNull();
        result.Outcomes.Single(o => o.ChildId == "T").Kind.ShouldBe(OutcomeKind.TransferKept);
        result.Explanations.Single(e => e.ChildId == "T").ShouldBe(new Explanation("T", "B", 1, ExplanationCode.TransferKept, 1, 1, 30m, 36m, "score", null));
        var y = result.Explanations.Single(e => e.ChildId == "Y");
        y.Code.ShouldBe(ExplanationCode.Cutoff);
        y.DecidingStep.ShouldBe("held");
        y.CutoffScore.ShouldBe(30m);
        result.Diagnostics.SeatChains.ShouldBeEmpty();
    }
}
