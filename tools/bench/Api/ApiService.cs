using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace KosodateShien.Bench.Api;

/// <summary>
/// The service as it runs for real, in a process of its own (<c>dotnet KosodateShien.Api.dll</c>, Production, Release build),
/// on a free loopback port, against the bench's own schema, with secrets made up for the run and its rate limits raised.
/// </summary>
public sealed class ApiService : IAsyncDisposable
{
    /// <summary>Requests per user and minute the bench allows itself: the limits are not what it measures.</summary>
    public const int RaisedUserPermits = 100_000_000;

    private readonly Process process;
    private readonly string dll;
    private readonly string signingKey;

    private ApiService(Process process, string dll, string signingKey, Uri baseAddress, string log)
    {
        this.process = process;
        this.dll = dll;
        this.signingKey = signingKey;
        BaseAddress = baseAddress;
        Log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>The file the service's output goes to.</summary>
    public string Log { get; }

    public int ProcessId => process.Id;

    public static async Task<ApiService> StartAsync(string dll, string connectionString, string schema, string log, CancellationToken ct)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"The API is not built: {dll} (./kosodate bench api builds it).");
        var port = FreePort();
        var signingKey = Secret(64);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Kosodate"] = connectionString,
            ["Marten__Schema"] = schema,
            ["Auth__SigningKey"] = signingKey,
            ["PersonalData__MasterKey"] = Secret(32),
            ["Analytics__PseudonymKey"] = Secret(32),
            ["Demo__Seed"] = "false",
            // Background jobs would run beside the load and muddle what is measured; the bench measures requests only.
            ["Fees__ScheduledRuns"] = "false",
            ["Audit__ScheduledReview"] = "false",
            ["RateLimiting__UserPermits"] = RaisedUserPermits.ToString(),
            ["RateLimiting__AnonymousPermits"] = RaisedUserPermits.ToString(),
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ApiService(process, dll, signingKey, new Uri($"http://127.0.0.1:{port}"), log);
        service.WatchJit();
        await service.WaitUntilReadyAsync(TimeSpan.FromMinutes(3), ct);
        return service;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API stopped with exit code {process.ExitCode}; see {Log}.");
            try
            {
                if ((await client.GetAsync("/health", ct)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The API did not answer /health within {timeout.TotalSeconds:N0} s; see {Log}.");
    }

    /// <summary>A token from the service's own command (<c>KosodateShien.Api.dll token</c>), signed with this run's key.</summary>
    public async Task<string> TokenAsync(string user, string role, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "token", "--user", user, "--role", role, "--hours", "12" }) start.ArgumentList.Add(argument);
        start.Environment["Auth__SigningKey"] = signingKey;
        using var token = Process.Start(start)!;
        var output = await token.StandardOutput.ReadToEndAsync(ct);
        await token.WaitForExitAsync(ct);
        if (token.ExitCode != 0) throw new InvalidOperationException($"The token command failed with exit code {token.ExitCode}.");
        return output.Trim();
    }

    /// <summary>CPU time the service's process has used so far (all threads).</summary>
    public TimeSpan Cpu()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// CPU time the runtime's tiered-compilation threads have used so far: the JIT recompiling hot methods optimized in the
    /// background, a one-time cost of a freshly started process rather than of its requests (Linux only; zero elsewhere).
    /// The runtime ends that thread when it has nothing to do and starts a new one later, so each is followed by its id,
    /// polled every 100 ms (<see cref="WatchJit"/>), and what a thread used is kept after it is gone.
    /// </summary>
    public TimeSpan JitCpu()
    {
        lock (jitTicks) PollJit();
        return TimeSpan.FromSeconds(jitTotal / (double)ClockTicksPerSecond);
    }

    private readonly Dictionary<string, long> jitTicks = [];
    private long jitTotal;
    private Timer? jitWatch;

    private void WatchJit() => jitWatch = new Timer(_ => { lock (jitTicks) PollJit(); }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    private void PollJit()
    {
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{process.Id}/task"))
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal)) continue;
                // stat: "tid (comm) state ..." — utime and stime are the 14th and 15th fields; comm may hold spaces.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                var thread = Path.GetFileName(task);
                jitTotal += ticks - jitTicks.GetValueOrDefault(thread);
                jitTicks[thread] = ticks;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // a thread (or the process) ended while being read: its last reading stands
        }
    }

    /// <summary>Waits until the JIT's background thread has been idle for a second (at most <paramref name="limit"/>); returns how long that took.</summary>
    public async Task<TimeSpan> JitSettledAsync(TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var before = JitCpu();
        while (clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var now = JitCpu();
            if (now - before < TimeSpan.FromMilliseconds(20)) break;
            before = now;
        }
        return clock.Elapsed;
    }

    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    public async ValueTask DisposeAsync()
    {
        if (jitWatch is not null) await jitWatch.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Secret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
