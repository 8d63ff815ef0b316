namespace KosodateShien.Bench.Generator;

/// <summary>
/// Capacity per (facility, class): seats of class g total SeatRatio × ClassSeatFactors[g] × applicants of g, never
/// fewer than the seats transfer applicants hold. Held seats stay where they are; the rest go to open cells in
/// proportion to facility size (largest remainder, ties to the lower index), so some cells end with 0.
/// </summary>
public static class SeatApportionment
{
    public static int[][] Apportion(FacilitySites sites, SeatDemand demand, GeneratorOptions options, Xoshiro256 random)
    {
        var capacity = new int[sites.Count][];
        for (var d = 0; d < sites.Count; d++) capacity[d] = new int[SeatDemand.AgeClasses];

        var weights = new double[sites.Count];
        for (var g = 0; g < SeatDemand.AgeClasses; g++)
        {
            var target = (int)Math.Round(options.SeatRatio * options.ClassSeatFactors[g] * demand.ApplicantsByClass[g], MidpointRounding.AwayFromZero);
            var free = Math.Max(0, target - demand.HeldByClass[g]);
            for (var d = 0; d < sites.Count; d++)
            {
                var held = demand.Held[d * SeatDemand.AgeClasses + g];
                var closed = random.Chance(options.ClosedCellShare) && held == 0;
                weights[d] = closed ? 0 : sites.SizeFactor[d];
                capacity[d][g] = held;
            }
            var shares = LargestRemainder(free, weights);
            for (var d = 0; d < sites.Count; d++) capacity[d][g] += shares[d];
        }
        return capacity;
    }

    public static int[] LargestRemainder(int seats, double[] weights)
    {
        var result = new int[weights.Length];
        var total = weights.Sum();
        if (seats == 0 || total <= 0) return result;

        var remainders = new (double Remainder, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var quota = seats * weights[i] / total;
            result[i] = (int)Math.Floor(quota);
            given += result[i];
            remainders[i] = (quota - result[i], i);
        }
        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var i = 0; given < seats; i++, given++) result[remainders[i].Index]++;
        return result;
    }
}
