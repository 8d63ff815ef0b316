namespace KosodateShien.Bench.Faults;

/// <summary>The table at the end of <c>bench faults</c>: one row per scenario.</summary>
public static class FaultsReport
{
    private const int NameWidth = 50;

    public static void Write(IReadOnlyList<ScenarioOutcome> outcomes, TextWriter output)
    {
        output.WriteLine($"  {Pad("scenario")} {"faults",6} {"commands",9} {"requests",9} {"acknowledged",12} {"present",8} {"duplicated",10} {"lost",5} {"recovery",9}");
        foreach (var o in outcomes)
        {
            var name = Pad($"({o.Id}) {o.Title}");
            var recovery = o.Recovery is { } r ? $"{r.TotalSeconds:N2} s" : "-";
            output.WriteLine($"  {name} {o.Faults,6:N0} {o.Commands,9:N0} {o.Requests,9:N0} {o.Acknowledged,12:N0} {o.Present,8:N0} {o.Duplicated,10:N0} {o.Lost,5:N0} {recovery,9}");
        }
    }

    /// <summary>Pads to the column's width as a terminal shows it: kanji and kana take two columns.</summary>
    private static string Pad(string text) => text + new string(' ', Math.Max(0, NameWidth - text.Sum(c => IsWide(c) ? 2 : 1)));

    private static bool IsWide(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
        or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6';
}
