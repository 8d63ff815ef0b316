using System.Diagnostics;
using KosodateShien.Bench.Api;

namespace KosodateShien.Bench.Faults;

/// <summary>When a fault struck and when what it killed was back (<see cref="Stopwatch"/> timestamps).</summary>
/// <param name="Back">PostgreSQL accepting connections again, or the service's process started again</param>
/// <param name="Ready">the service answering /health again (after a restart; for a database crash, as <paramref name="Back"/>)</param>
public sealed record FaultWindow(long Injected, long Back, long Ready)
{
    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;
}

/// <summary>A crash the bench causes, and the restart after it.</summary>
public abstract class Fault
{
    public abstract string Name { get; }

    public abstract Task<FaultWindow> InjectAsync(CancellationToken ct);

    /// <summary><c>kill -9</c> of PostgreSQL (postmaster and server processes), down for a while, then pg_ctl start (crash recovery). The service is left running.</summary>
    public sealed class PostgresCrash(ScratchCluster cluster, TimeSpan down) : Fault
    {
        public override string Name => "kill -9 PostgreSQL";

        public override async Task<FaultWindow> InjectAsync(CancellationToken ct)
        {
            // Timed from just before the kill: requests in flight then are the fault's, whatever they answer.
            var injected = Stopwatch.GetTimestamp();
            await cluster.CrashAsync(ct);
            await Task.Delay(down, ct);
            await cluster.StartAsync(ct);
            var back = Stopwatch.GetTimestamp();
            return new FaultWindow(injected, back, back);
        }
    }

    /// <summary><c>kill -9</c> of the service's process, down for a while, then the same service started again on the same port.</summary>
    public sealed class ApiCrash(ApiService service, TimeSpan down) : Fault
    {
        public override string Name => "kill -9 the API";

        public override async Task<FaultWindow> InjectAsync(CancellationToken ct)
        {
            var injected = Stopwatch.GetTimestamp();
            await service.KillAsync();
            await Task.Delay(down, ct);
            var back = Stopwatch.GetTimestamp();
            await service.RestartAsync(ct);
            return new FaultWindow(injected, back, Stopwatch.GetTimestamp());
        }
    }
}
