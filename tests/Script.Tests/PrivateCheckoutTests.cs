using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace KosodateShien.Script.Tests;

/// <summary>
/// Issue 13: a checkout inside a directory the <c>postgres</c> OS user cannot search (a private home such as /root, mode 700)
/// still gets its cluster as root, with no manual step. The repository's <c>./kosodate</c> is copied into a scratch checkout
/// inside such a directory and <c>db start</c>, <c>db status</c>, <c>db psql</c> and <c>db stop</c> are run there (none of
/// them needs the .NET build), on a free port so the cluster never meets the suite's own.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PrivateCheckoutTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(45);

    private readonly string _home;       // mode 700, like /root
    private readonly string _checkout;   // the scratch checkout: only the script
    private readonly int _port = FreePort();

    public PrivateCheckoutTests()
    {
        _home = Directory.CreateTempSubdirectory("kosodate-private-home-").FullName;
        File.SetUnixFileMode(_home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _checkout = Path.Combine(_home, "k");
        Directory.CreateDirectory(_checkout);
        var script = Path.Combine(_checkout, "kosodate");
        File.Copy(Path.Combine(RepositoryRoot(), "kosodate"), script);
        File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);
    }

    [RootFact]
    public async Task As_root_a_checkout_the_postgres_user_cannot_reach_starts_its_cluster_outside_it_and_finds_it_again()
    {
        var start = await KosodateAsync("db", "start");
        start.ExitCode.ShouldBe(0, start.Output);
        start.Output.ShouldNotContain("chmod o+x");

        // The cluster lives where postgres can reach it, outside the private directory; .kosodate/pg points there, and the
        // command said where.
        var cluster = ClusterDirectory() ?? throw new ShouldAssertException($".kosodate/pg is not a pointer to the cluster:\n{start.Output}");
        Path.IsPathRooted(cluster).ShouldBeTrue(cluster);
        cluster.ShouldNotStartWith(_home);
        start.Output.ShouldContain(cluster);
        File.GetUnixFileMode(cluster).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        $"{cluster}/.s.PGSQL.{_port}".Length.ShouldBeLessThanOrEqualTo(107, "unix socket paths are limited to 107 bytes");

        var status = await KosodateAsync("db", "status");
        status.ExitCode.ShouldBe(0, status.Output);
        status.Output.ShouldContain("running (pid");
        status.Output.ShouldContain($"127.0.0.1:{_port}");
        status.Output.ShouldContain($"{cluster}/data");

        var select = await KosodateAsync("db", "psql", "-X", "-A", "-t", "-c", "select 1");
        select.ExitCode.ShouldBe(0, select.Output);
        select.Output.Split('\n').ShouldContain("1");
        (await KosodateAsync("db", "psql", "-X", "-q", "-c", "create table issue13_marker (id int); insert into issue13_marker values (13)")).ExitCode.ShouldBe(0);

        var stop = await KosodateAsync("db", "stop");
        stop.ExitCode.ShouldBe(0, stop.Output);
        stop.Output.ShouldContain("PostgreSQL stopped");
        var stopped = await KosodateAsync("db", "status");
        stopped.ExitCode.ShouldBe(3, stopped.Output);
        stopped.Output.ShouldContain("not running");

        // The next run finds the same cluster, with its data.
        var again = await KosodateAsync("db", "start");
        again.ExitCode.ShouldBe(0, again.Output);
        ClusterDirectory().ShouldBe(cluster);
        again.Output.ShouldNotContain("initialising");
        var marker = await KosodateAsync("db", "psql", "-X", "-A", "-t", "-c", "select id from issue13_marker");
        marker.ExitCode.ShouldBe(0, marker.Output);
        marker.Output.Split('\n').ShouldContain("13");
        (await KosodateAsync("db", "stop")).ExitCode.ShouldBe(0);
    }

    /// <summary>Stops the scratch cluster if a failed assertion left it running, then removes it and the private directory.</summary>
    public void Dispose()
    {
        var cluster = ClusterDirectory();
        try { KosodateAsync("db", "stop").Wait(CommandTimeout + TimeSpan.FromSeconds(5)); } catch (Exception) { /* cleaned up below */ }
        if (cluster is not null && Directory.Exists(cluster) && OwnedByThisCheckout(cluster))
        {
            KillPostmaster(cluster);
            Directory.Delete(cluster, recursive: true);
        }
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>The cluster directory .kosodate/pg points to, or null when it is no pointer.</summary>
    private string? ClusterDirectory()
    {
        var pointer = new FileInfo(Path.Combine(_checkout, ".kosodate", "pg"));
        return pointer.LinkTarget;
    }

    /// <summary>Never delete a directory this test did not cause: the cluster directory names the checkout it belongs to.</summary>
    private bool OwnedByThisCheckout(string cluster)
    {
        var owner = Path.Combine(cluster, "checkout");
        return File.Exists(owner) && File.ReadAllText(owner).Trim() == _checkout;
    }

    private static void KillPostmaster(string cluster)
    {
        var pidFile = Path.Combine(cluster, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (!process.ProcessName.StartsWith("postgres", StringComparison.Ordinal)) return;
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (ArgumentException) { /* already gone */ }
        catch (InvalidOperationException) { /* already gone */ }
    }

    private sealed record ScriptResult(int ExitCode, string Output);

    /// <summary>Runs the scratch checkout's <c>./kosodate</c> in local mode (no KOSODATE_DB) on this test's port.</summary>
    private async Task<ScriptResult> KosodateAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _checkout,
        };
        start.ArgumentList.Add(Path.Combine(_checkout, "kosodate"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var variable in new[] { "KOSODATE_DB", "KOSODATE_TEST_DB", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER" }) start.Environment.Remove(variable);
        start.Environment["KOSODATE_PG_PORT"] = _port.ToString();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./kosodate {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s");
        }
        return new ScriptResult(process.ExitCode, await stdout + await stderr);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "kosodate")) && File.Exists(Path.Combine(dir.FullName, "KosodateShien.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no ./kosodate above {AppContext.BaseDirectory}");
    }
}
