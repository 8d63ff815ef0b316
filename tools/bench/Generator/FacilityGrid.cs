namespace KosodateShien.Bench.Generator;

/// <summary>
/// Uniform grid over the unit square for k-nearest-facility queries. Scanning every facility per household
/// is O(households × facilities), which took 41 s at XL in the probe; rings of grid cells stay local.
/// Not thread-safe: queries share the result buffers.
/// </summary>
public sealed class FacilityGrid
{
    private const int FacilitiesPerCell = 2;

    private readonly double[] xs, ys;
    private readonly int side;
    private readonly double cellSize;
    private readonly int[] cellStart; // facilities of cell c are cellMembers[cellStart[c] .. cellStart[c + 1])
    private readonly int[] cellMembers;

    // The best k so far, sorted by (squared distance, facility index); kept by insertion, which beats a general
    // sort here because most facilities of the outer rings are rejected by one comparison with the k-th.
    private double[] bestSquaredDistance = [];
    private int[] bestFacility = [];
    private int bestCount, wanted;

    public FacilityGrid(double[] xs, double[] ys)
    {
        this.xs = xs;
        this.ys = ys;
        side = Math.Max(1, (int)Math.Sqrt((double)xs.Length / FacilitiesPerCell));
        cellSize = 1.0 / side;
        cellStart = new int[side * side + 1];
        for (var i = 0; i < xs.Length; i++) cellStart[CellOf(xs[i], ys[i]) + 1]++;
        for (var c = 0; c < side * side; c++) cellStart[c + 1] += cellStart[c];
        cellMembers = new int[xs.Length];
        var fill = (int[])cellStart.Clone();
        for (var i = 0; i < xs.Length; i++) cellMembers[fill[CellOf(xs[i], ys[i])]++] = i;
    }

    /// <summary>
    /// The <paramref name="k"/> facilities nearest to (x, y), nearest first (ties by index), written into
    /// <paramref name="nearest"/> with their distances. Returns how many were found (fewer only if there are fewer facilities).
    /// </summary>
    public int Nearest(double x, double y, int k, Span<int> nearest, Span<double> distances)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (bestFacility.Length < k)
        {
            bestSquaredDistance = new double[k];
            bestFacility = new int[k];
        }
        wanted = k;
        bestCount = 0;
        var cx = Math.Min((int)(x * side), side - 1);
        var cy = Math.Min((int)(y * side), side - 1);
        for (var ring = 0; ; ring++)
        {
            AddRing(x, y, cx, cy, ring);
            if (cx - ring <= 0 && cy - ring <= 0 && cx + ring >= side - 1 && cy + ring >= side - 1) break;
            // Every facility outside this ring is at least ring × cellSize away from a point in the centre cell.
            var reach = ring * cellSize;
            if (bestCount == k && bestSquaredDistance[k - 1] < reach * reach) break;
        }
        for (var i = 0; i < bestCount; i++)
        {
            nearest[i] = bestFacility[i];
            distances[i] = Math.Sqrt(bestSquaredDistance[i]);
        }
        return bestCount;
    }

    private void AddRing(double x, double y, int cx, int cy, int ring)
    {
        for (var gy = Math.Max(0, cy - ring); gy <= Math.Min(side - 1, cy + ring); gy++)
        {
            var onEdgeRow = gy == cy - ring || gy == cy + ring;
            for (var gx = cx - ring; gx <= cx + ring; gx += onEdgeRow || ring == 0 ? 1 : 2 * ring)
            {
                if (gx < 0 || gx >= side) continue;
                var cell = gy * side + gx;
                for (var m = cellStart[cell]; m < cellStart[cell + 1]; m++)
                {
                    var f = cellMembers[m];
                    var dx = xs[f] - x;
                    var dy = ys[f] - y;
                    Offer(dx * dx + dy * dy, f);
                }
            }
        }
    }

    private void Offer(double squaredDistance, int facility)
    {
        if (bestCount == wanted && !Before(squaredDistance, facility, bestCount - 1)) return;
        var slot = bestCount == wanted ? bestCount - 1 : bestCount++;
        while (slot > 0 && Before(squaredDistance, facility, slot - 1))
        {
            bestSquaredDistance[slot] = bestSquaredDistance[slot - 1];
            bestFacility[slot] = bestFacility[slot - 1];
            slot--;
        }
        bestSquaredDistance[slot] = squaredDistance;
        bestFacility[slot] = facility;
    }

    private bool Before(double squaredDistance, int facility, int slot) =>
        squaredDistance < bestSquaredDistance[slot] || (squaredDistance == bestSquaredDistance[slot] && facility < bestFacility[slot]);

    private int CellOf(double x, double y) => Math.Min((int)(y * side), side - 1) * side + Math.Min((int)(x * side), side - 1);
}
