using System.Globalization;

namespace KosodateShien.Bench.Faults;

/// <summary>A target line: what was measured, in what unit, against which limit, and whether it held.</summary>
public sealed record Target(string What, double Measured, string Unit, bool AtMost, double Limit)
{
    public bool Holds => AtMost ? Measured <= Limit : Measured >= Limit;

    public static Target NoMoreThan(string what, double measured, string unit, double limit) => new(what, measured, unit, true, limit);

    public static Target AtLeast(string what, double measured, string unit, double limit) => new(what, measured, unit, false, limit);

    /// <summary><c>target: &lt;what&gt;: &lt;measured&gt; &lt;unit&gt; (&lt;= &lt;limit&gt;)</c></summary>
    public override string ToString() => $"target: {What}: {Number(Measured)} {Unit} ({(AtMost ? "<=" : ">=")} {Number(Limit)})";

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e12 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// One scenario's row of the table (faults injected, commands sent, acknowledged, present, duplicated, lost, recovery) and
/// its target lines.
/// </summary>
public sealed class ScenarioOutcome(string id, string title)
{
    /// <summary>The letter of the issue's list: a, b, c, d or e.</summary>
    public string Id { get; } = id;

    public string Title { get; } = title;

    public int Faults { get; set; }

    /// <summary>Distinct commands (each its own Idempotency-Key).</summary>
    public int Commands { get; set; }

    /// <summary>HTTP requests, retries included.</summary>
    public int Requests { get; set; }

    public int Acknowledged { get; set; }

    /// <summary>Effects found in the database: the commands (or, for a run, the records it had to write) that are there.</summary>
    public long Present { get; set; }

    public long Duplicated { get; set; }

    public long Lost { get; set; }

    /// <summary>From the fault's end (PostgreSQL or the API back) to the first 2xx; the longest over the scenario's faults.</summary>
    public TimeSpan? Recovery { get; set; }

    public List<Target> Targets { get; } = [];

    public bool Holds => Targets.All(t => t.Holds);
}
