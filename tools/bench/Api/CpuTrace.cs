using System.Diagnostics;

namespace KosodateShien.Bench.Api;

/// <summary>
/// Linux perf sampling the service's CPU for the length of one scenario (a profile to read, not a figure to report). The
/// service writes its JIT-compiled methods' names for perf to read (DOTNET_PerfMapEnabled, set before it starts).
/// </summary>
public sealed class CpuTrace : IAsyncDisposable
{
    public const string PerfMapVariable = "DOTNET_PerfMapEnabled";
    private readonly Process process;
    private readonly string file;
    private readonly TextWriter output;

    private CpuTrace(Process process, string file, TextWriter output) => (this.process, this.file, this.output) = (process, file, output);

    public static async Task<CpuTrace?> StartAsync(int processId, string scenario, TextWriter output, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kosodate-{new string([.. scenario.Where(char.IsLetterOrDigit)])}-{DateTime.UtcNow:HHmmss}.perf");
        var start = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "record", "-F", "997", "-g", "-p", processId.ToString(), "-o", file }) start.ArgumentList.Add(argument);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }
        if (process is null)
        {
            output.WriteLine("  (no trace: perf is not installed; apt-get install linux-perf)");
            return null;
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        return new CpuTrace(process, file, output);
    }

    public async ValueTask DisposeAsync()
    {
        // perf writes its file when interrupted (Ctrl+C).
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString()])) await interrupt.WaitForExitAsync();
        await process.WaitForExitAsync();
        process.Dispose();
        output.WriteLine($"  profile: perf report -i {file} --no-children --sort symbol");
    }
}
