namespace KosodateShien.Application.Demo;

/// <summary>A point on the demo ward's map (arbitrary units: the ward is about 1.5 wide and 1 high).</summary>
internal readonly record struct DemoPoint(double X, double Y)
{
    public double DistanceTo(DemoPoint other) => Math.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}

/// <summary>
/// Where the demo ward's 町 lie: each town of <see cref="DemoAddressBook"/> gets a centre on a jittered
/// 6-column grid, and homes and facilities are scattered around the centre of their town. Only the
/// distances matter: they drive which facilities a family lists (ALLOCATION.md §4.2, "geography").
/// </summary>
internal sealed class DemoWardMap
{
    private const int Columns = 6;
    private const double Cell = 0.25;
    private const double Spread = 0.07;

    private readonly DemoRandom _random;
    private readonly DemoPoint[] _centres;

    public DemoWardMap(DemoRandom random, int townCount)
    {
        _random = random;
        _centres = new DemoPoint[townCount];
        for (var town = 0; town < townCount; town++)
        {
            var (row, column) = Math.DivRem(town, Columns);
            _centres[town] = new DemoPoint((column + 0.5 + random.Gaussian(0.12)) * Cell, (row + 0.5 + random.Gaussian(0.12)) * Cell);
        }
    }

    /// <summary>A point in the given town (a home or a facility).</summary>
    public DemoPoint PointIn(int town) =>
        new(_centres[town].X + _random.Gaussian(Spread), _centres[town].Y + _random.Gaussian(Spread));
}
