using KosodateShien.Bench.Measurement;

namespace KosodateShien.Bench.Tests;

public class SiblingOutcomesTests
{
    private static readonly AllocationInstance Instance = TinyInstance.Of(
        TinyInstance.Household("H1", [new("C1", 0), new("C2", 2)], ["A", "A"]),
        TinyInstance.Household("H2", [new("C3", 0), new("C4", 2)], ["A", "B"]),
        TinyInstance.Household("H3", [new("C5", 1), new("C6", 3)], ["B", null]),
        TinyInstance.Household("H4", [new("C7", 1), new("C8", 3)], ["A", "A"]),
        TinyInstance.Household("H5", [new("C9", 4)], ["B"]),
        TinyInstance.Household("H6", [new("C10", 4, HeldSeat: "B"), new("C11", 5, HeldSeat: "B")], ["A", "A"]));

    [Fact]
    public void Groups_are_together_split_partly_placed_or_unplaced_and_a_kept_transfer_group_is_together()
    {
        var assignments = new Dictionary<string, string?>
        {
            ["C1"] = "A", ["C2"] = "A",
            ["C3"] = "A", ["C4"] = "B",
            ["C5"] = "B", ["C6"] = null,
            ["C7"] = null, ["C8"] = null,
            ["C9"] = "B",
            ["C10"] = "B", ["C11"] = "B",
        };

        SiblingOutcomes.Of(Instance, assignments).ShouldBe(new SiblingOutcomes(Groups: 5, Together: 2, Split: 1, PartlyPlaced: 1, Unplaced: 1));
    }
}
