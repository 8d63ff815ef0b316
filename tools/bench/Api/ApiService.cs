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

    private readonly string dll;
    private readonly ProcessStartInfo start;
    private readonly StreamWriter writer;
    private Process process;
    private bool closed;

    private ApiService(string dll, ProcessStartInfo start, ApiSecrets secrets, Uri baseAddress, string log)
    {
        this.dll = dll;
        this.start = start;
        Secrets = secrets;
        BaseAddress = baseAddress;
        Log = log;
        writer = new StreamWriter(log, append: false) { AutoFlush = true };
        process = Launch();
    }

    public Uri BaseAddress { get; }

    /// <summary>The file the service's output goes to (each restart appends to it).</summary>
    public string Log { get; }

    /// <summary>The secrets the service runs with; a restart keeps them, so what it sealed stays readable.</summary>
    public ApiSecrets Secrets { get; }

    public int ProcessId => process.Id;

    /// <summary>Raised with the new process id when <see cref="RestartAsync"/> has started the service again.</summary>
    public event Action<int>? Restarted;

    /// <param name="settings">configuration beyond the bench's (environment variable names, e.g. <c>Idempotency__WaitSeconds</c>)</param>
    public static async Task<ApiService> StartAsync(string dll, string connectionString, string schema, string log, CancellationToken ct,
        ApiSecrets? secrets = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"The API is not built: {dll} (./kosodate bench api builds it).");
        var port = FreePort();
        secrets ??= ApiSecrets.New();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Kosodate"] = connectionString,
            ["Marten__Schema"] = schema,
            ["Auth__SigningKey"] = secrets.SigningKey,
            ["PersonalData__MasterKey"] = secrets.MasterKey,
            ["Analytics__PseudonymKey"] = secrets.PseudonymKey,
            ["Demo__Seed"] = "false",
            // Background jobs would run beside the load and muddle what is measured; the bench measures requests only.
            ["Fees__ScheduledRuns"] = "false",
            ["Audit__ScheduledReview"] = "false",
            ["RateLimiting__UserPermits"] = RaisedUserPermits.ToString(),
            ["RateLimiting__AnonymousPermits"] = RaisedUserPermits.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var service = new ApiService(dll, start, secrets, new Uri($"http://127.0.0.1:{port}"), log);
        service.WatchJit();
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromMinutes(3), ct);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary><c>kill -9</c> of the service's process: no shutdown, no flushing, requests in flight cut off.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill();   // SIGKILL on Linux
        await process.WaitForExitAsync();
        Write($"--- bench: kill -9 of pid {process.Id} ---");
    }

    /// <summary>Starts the service again (after <see cref="KillAsync"/>) on the same port, schema and secrets, and waits until it answers /health.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        if (!process.HasExited) throw new InvalidOperationException("The service is still running: kill it first.");
        process.Dispose();
        process = Launch();
        Restarted?.Invoke(process.Id);
        await WaitUntilReadyAsync(TimeSpan.FromMinutes(3), ct);
    }

    private Process Launch()
    {
        var launched = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        launched.OutputDataReceived += (_, e) => Write(e.Data);
        launched.ErrorDataReceived += (_, e) => Write(e.Data);
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();
        return launched;
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
        var command = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "token", "--user", user, "--role", role, "--hours", "12" }) command.ArgumentList.Add(argument);
        command.Environment["Auth__SigningKey"] = Secrets.SigningKey;
        using var token = Process.Start(command)!;
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
        lock (writer)
        {
            closed = true;
            writer.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (writer)
            if (!closed) writer.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The secrets a service runs with, made up for the run (base64).</summary>
public sealed record ApiSecrets(string SigningKey, string MasterKey, string PseudonymKey)
{
    public static ApiSecrets New() => new(Secret(64), Secret(32), Secret(32));

    private static string Secret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}
