using System.Globalization;

namespace KosodateShien.Bench.Measurement;

/// <summary>Aligned "label  value  note" lines. Labels are ASCII so that padding lines up; Japanese terms go in the note.</summary>
public sealed class ReportWriter(TextWriter output)
{
    private const int LabelWidth = 24, ValueWidth = 16;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Heading(string text) => output.WriteLine(text);

    public void Section(string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    public void Row(string label, string value, string? note = null) =>
        output.WriteLine($"  {label.PadRight(LabelWidth)}{value.PadLeft(ValueWidth)}{(note is null ? "" : "   " + note)}");

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Percent(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", Invariant) + "%";

    public static string Millis(TimeSpan time) => time.TotalMilliseconds.ToString("N1", Invariant) + " ms";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", Invariant) + " MB";

    public static string YesNo(bool value) => value ? "yes" : "no";
}
