using KosodateShien.Bench.Measurement;

namespace KosodateShien.Bench.Tests;

public class AssignmentHashTests
{
    [Fact]
    public void The_hash_ignores_the_order_of_the_dictionary_and_sees_every_pair()
    {
        var forward = new Dictionary<string, string?> { ["C1"] = "A", ["C2"] = null, ["C3"] = "B" };
        var backward = new Dictionary<string, string?> { ["C3"] = "B", ["C2"] = null, ["C1"] = "A" };
        var moved = new Dictionary<string, string?> { ["C1"] = "A", ["C2"] = "B", ["C3"] = "B" };

        AssignmentHash.Of(forward).ShouldBe(AssignmentHash.Of(backward));
        AssignmentHash.Of(forward).ShouldNotBe(AssignmentHash.Of(moved));
        AssignmentHash.Of(forward).ShouldMatch("^[0-9a-f]{16}$");
    }
}
