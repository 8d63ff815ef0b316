using System.Diagnostics;
using Npgsql;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// A PostgreSQL cluster of the bench's own, in a temporary directory (<c>/tmp/kosodate-faults-*</c>): initdb as the
/// <c>postgres</c> OS user when run as root, a free TCP port on 127.0.0.1 and its unix socket in that directory (every
/// connection goes through the socket, so it can only reach this server), fsync and synchronous_commit on so that a
/// <c>kill -9</c> is a real crash that recovery has to repair. Crashed with <see cref="CrashAsync"/>, started again with
/// pg_ctl, and stopped and removed with the directory on dispose. Nothing here touches any other cluster.
/// </summary>
public sealed class ScratchCluster : IAsyncDisposable
{
    public const string DirectoryPrefix = "kosodate-faults-";
    public const string Database = "faults";
    private const string OwnerFile = "bench.pid", ServiceFile = "api.pid";

    private readonly string bin;
    private readonly TextWriter log;

    private ScratchCluster(string bin, string root, int port, TextWriter log)
    {
        this.bin = bin;
        this.log = log;
        Root = root;
        Port = port;
    }

    /// <summary>The temporary directory: data directory, unix socket and server log.</summary>
    public string Root { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string ServerLog => Path.Combine(Root, "server.log");

    /// <summary>The bench database, through the cluster's own unix socket.</summary>
    public string ConnectionString => $"Host={Root};Port={Port};Username=postgres;Database={Database}";

    /// <summary>initdb, configure, start and create the bench database.</summary>
    /// <param name="bin">the PostgreSQL binaries (initdb, pg_ctl); null: $KOSODATE_PG_BIN, else the newest /usr/lib/postgresql/N/bin</param>
    public static async Task<ScratchCluster> CreateAsync(string? bin, TextWriter log, CancellationToken ct)
    {
        bin ??= FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL binaries (initdb, pg_ctl) not found: run the bench with ./kosodate bench faults (it installs PostgreSQL if needed), or set KOSODATE_PG_BIN.");
        RemoveAbandoned(bin, log);
        var root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(), ct);
        var cluster = new ScratchCluster(bin, root, FreePort(), log);
        try
        {
            if (IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", root], ct);
            await cluster.AsServerUserAsync("initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], ct);
            // Appended last, so these win over initdb's defaults. fsync and synchronous_commit are on (the defaults, said here so
            // nobody "speeds the bench up" by turning them off): an acknowledged commit must survive the crash.
            await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

                # kosodate bench faults
                listen_addresses = '127.0.0.1'
                port = {cluster.Port}
                unix_socket_directories = '{root}'
                fsync = on
                synchronous_commit = on
                full_page_writes = on
                max_connections = 200
                shared_buffers = 256MB
                max_wal_size = 2GB

                """, ct);
            await cluster.StartAsync(ct);
            await using var admin = NpgsqlDataSource.Create($"Host={root};Port={cluster.Port};Username=postgres;Database=postgres;Pooling=false");
            await using var create = admin.CreateCommand($"create database {Database}");
            await create.ExecuteNonQueryAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>pg_ctl start, waiting until the server accepts connections (after crash recovery, if it crashed).</summary>
    public Task StartAsync(CancellationToken ct) =>
        AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-l", ServerLog, "-w", "-t", "120", "start"], ct);

    /// <summary>
    /// <c>kill -9</c> of the postmaster and of every server process it started (as a machine that loses power would), then
    /// waits until they are gone, so that the next start runs crash recovery on shared memory nobody holds.
    /// </summary>
    /// <returns>how many processes were killed</returns>
    public async Task<int> CrashAsync(CancellationToken ct)
    {
        var postmaster = PostmasterPid() ?? throw new InvalidOperationException($"No postmaster.pid in {DataDirectory}: the cluster is not running.");
        var victims = new[] { postmaster }.Concat(ChildrenOf(postmaster)).ToList();
        foreach (var pid in victims) Kill(pid);
        var clock = Stopwatch.StartNew();
        while (victims.Any(IsAlive))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Server processes still alive 30 s after kill -9: {string.Join(", ", victims.Where(IsAlive))}.");
            await Task.Delay(20, ct);
        }
        return victims.Count;
    }

    /// <summary>The postmaster's process id (line 1 of postmaster.pid), or null when it is not running.</summary>
    public int? PostmasterPid()
    {
        var file = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(file)) return null;
        return int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) && IsAlive(pid) ? pid : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (PostmasterPid() is not null)
                await AsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None);
        }
        catch (Exception e)
        {
            log.WriteLine($"  scratch cluster: pg_ctl stop failed ({e.Message}); killing it");
            if (PostmasterPid() is { } pid) foreach (var victim in new[] { pid }.Concat(ChildrenOf(pid))) Kill(victim);
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"  scratch cluster: could not remove {Root}: {e.Message}");
        }
    }

    /// <summary>
    /// Clusters left by a bench that was itself killed (its process is gone): stopped and removed. A directory whose bench
    /// still runs (another engineer's) is left alone.
    /// </summary>
    private static void RemoveAbandoned(string bin, TextWriter log)
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(root, OwnerFile);
                if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || IsAlive(pid)) continue;
                log.WriteLine($"  removing a scratch cluster left by an earlier run that did not finish: {root}");
                if (ReadPid(Path.Combine(root, ServiceFile)) is { } service && IsAlive(service)
                    && File.ReadAllText($"/proc/{service}/cmdline").Contains("KosodateShien.Api.dll", StringComparison.Ordinal))
                    Kill(service);
                new ScratchCluster(bin, root, 0, log).DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another user's, or gone meanwhile
            }
        }
    }

    /// <summary>Notes the process id of the service running on this cluster, so that a later run can end it if this bench is killed.</summary>
    public void NoteService(int pid) => File.WriteAllText(Path.Combine(Root, ServiceFile), pid.ToString());

    private static int? ReadPid(string file) => File.Exists(file) && int.TryParse(File.ReadAllText(file), out var pid) ? pid : null;

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("KOSODATE_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return configured;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
            .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")) && File.Exists(Path.Combine(d.Bin, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Bin)
            .FirstOrDefault();
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A server binary, as the postgres OS user when we are root (initdb and postgres refuse root).</summary>
    private Task AsServerUserAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments], ct)
            : RunAsync(Path.Combine(bin, program), arguments, ct);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        // From /, which the postgres user can always enter; stdin closed, so nothing the daemon inherits keeps a pipe open.
        var start = new ProcessStartInfo(program) { WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.TryParse(fields[1], out var ppid) && ppid == parent) yield return pid;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();   // SIGKILL on Linux
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    /// <summary>The process exists and is not a zombie (a killed server process nobody has reaped yet is dead).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
