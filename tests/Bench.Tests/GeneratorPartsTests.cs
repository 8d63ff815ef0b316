namespace KosodateShien.Bench.Tests;

public class GeneratorPartsTests
{
    [Fact]
    public void The_grid_finds_the_same_nearest_facilities_as_a_full_scan()
    {
        var random = new Xoshiro256(42);
        var xs = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var ys = Enumerable.Range(0, 500).Select(_ => random.NextDouble()).ToArray();
        var grid = new FacilityGrid(xs, ys);
        var nearest = new int[30];
        var distances = new double[30];

        for (var query = 0; query < 200; query++)
        {
            var (x, y) = (random.NextDouble(), random.NextDouble());
            var found = grid.Nearest(x, y, 30, nearest, distances);

            var expected = Enumerable.Range(0, xs.Length)
                .OrderBy(f => Math.Sqrt((xs[f] - x) * (xs[f] - x) + (ys[f] - y) * (ys[f] - y))).ThenBy(f => f).Take(30);
            found.ShouldBe(30);
            nearest.ShouldBe(expected);
        }
    }

    [Fact]
    public void The_grid_returns_every_facility_when_there_are_fewer_than_asked()
    {
        var grid = new FacilityGrid([0.1, 0.9, 0.5], [0.1, 0.9, 0.5]);
        var nearest = new int[30];

        grid.Nearest(0.0, 0.0, 30, nearest, new double[30]).ShouldBe(3);
        nearest[..3].ShouldBe([0, 2, 1]);
    }

    [Fact]
    public void A_transfer_lists_only_facilities_ranked_above_the_held_one()
    {
        RankedFacility[] ranked = [new(7, 3.0), new(2, 2.5), new(9, 2.0), new(4, 1.0), new(5, 0.5)];

        var (held, listed) = TransferChoices.Choose(ranked, heldRank: 4, listLength: 10, maxOptions: 10);

        held.ShouldBe(4);
        listed.Select(f => f.Facility).ShouldBe([7, 2, 9]);
        TransferChoices.Choose(ranked, heldRank: 4, listLength: 2, maxOptions: 10).Listed.Length.ShouldBe(2);
    }

    [Fact]
    public void Sibling_tuples_rank_same_facility_first_then_by_summed_utility_then_partials()
    {
        RankedFacility[] older = [new(1, 2.0), new(2, 1.0)];
        RankedFacility[] younger = [new(2, 3.0), new(1, 0.5)];

        var tuples = SiblingTuples.Rank([older, younger], allowPartial: true, maxOptions: 10, partialSlots: 4);

        tuples.ShouldBe([[2, 2], [1, 1], [1, 2], [2, 1], [NotPlaced, 2], [1, NotPlaced], [2, NotPlaced], [NotPlaced, 1]]);
        SiblingTuples.Rank([older, younger], allowPartial: false, maxOptions: 3, partialSlots: 4).Count.ShouldBe(3);
    }

    [Fact]
    public void Partial_slots_are_kept_when_there_are_more_full_tuples_than_room()
    {
        var list = Enumerable.Range(0, 5).Select(f => new RankedFacility(f, 5 - f)).ToArray();

        var tuples = SiblingTuples.Rank([list, list], allowPartial: true, maxOptions: 10, partialSlots: 4);

        tuples.Count.ShouldBe(10);
        tuples.Take(6).ShouldAllBe(t => !t.Contains(NotPlaced));
        tuples.Skip(6).ShouldAllBe(t => t.Contains(NotPlaced));
    }

    [Fact]
    public void Largest_remainder_hands_out_exactly_the_seats_and_none_to_closed_cells()
    {
        var shares = SeatApportionment.LargestRemainder(10, [1.0, 0.0, 2.0, 0.5]);

        shares.Sum().ShouldBe(10);
        shares[1].ShouldBe(0);
        shares.ShouldBe([3, 0, 6, 1]);
    }

    [Fact]
    public void The_random_stream_is_reproducible_and_bounded()
    {
        var a = new Xoshiro256(5);
        var b = new Xoshiro256(5);
        Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ShouldBe(Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Enumerable.Range(0, 1000).Select(_ => a.NextInt(3, 8)).ShouldAllBe(v => v >= 3 && v <= 8);
        a.Permutation(50).Order().ShouldBe(Enumerable.Range(0, 50));
    }

    private const int NotPlaced = SiblingTuples.NotPlaced;
}
