using Bogus;

namespace KosodateShien.Application.Demo;

/// <summary>
/// The single seeded source of randomness of a demo run: Bogus' <c>ja</c> faker with its own
/// <see cref="Randomizer"/> (never the global seed), plus the few draws the generators need.
/// Everything, ids included, comes from here, so one seed always gives the same data.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    public Faker Faker { get; } = new("ja") { Random = new Randomizer(seed) };

    private Randomizer Randomizer => Faker.Random;

    /// <summary>A random (version 4 shaped) Guid drawn from the seeded sequence.</summary>
    public Guid NextGuid()
    {
        var bytes = Randomizer.Bytes(16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>An integer between <paramref name="min"/> and <paramref name="max"/>, both included.</summary>
    public int Int(int min, int max) => Randomizer.Number(min, max);

    public bool Chance(double probability) => Randomizer.Double() < probability;

    /// <summary>A double in [0, 1).</summary>
    public double Double() => Randomizer.Double();

    /// <summary>A normal draw with mean 0 (Box–Muller).</summary>
    public double Gaussian(double standardDeviation)
    {
        var u1 = 1.0 - Randomizer.Double();
        var u2 = Randomizer.Double();
        return standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A standard Gumbel draw (the noise of a logit choice).</summary>
    public double Gumbel() => -Math.Log(-Math.Log(1e-12 + Randomizer.Double() * (1.0 - 2e-12)));

    /// <summary>A date between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    /// <exception cref="DemoScenarioInfeasibleException">when the range is empty</exception>
    public DateOnly Date(DateOnly from, DateOnly to)
    {
        if (to < from) throw new DemoScenarioInfeasibleException($"No date between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}.");
        return from.AddDays(Randomizer.Number(0, to.DayNumber - from.DayNumber));
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Randomizer.Number(0, items.Count - 1)];

    public T Weighted<T>(IReadOnlyList<(T Item, double Weight)> choices)
    {
        var total = choices.Sum(c => c.Weight);
        var roll = Randomizer.Double() * total;
        foreach (var (item, weight) in choices)
        {
            if (roll < weight) return item;
            roll -= weight;
        }
        return choices[^1].Item;
    }

    /// <summary>A string of <paramref name="length"/> digits that does not start with 0.</summary>
    public string Digits(int length)
    {
        var digits = new char[length];
        digits[0] = (char)('1' + Randomizer.Number(0, 8));
        for (var i = 1; i < length; i++) digits[i] = (char)('0' + Randomizer.Number(0, 9));
        return new string(digits);
    }
}
