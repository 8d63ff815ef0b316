using System.Diagnostics;

namespace KosodateShien.Bench.Faults;

/// <summary>What happened to a run the bench killed the API under.</summary>
/// <param name="Command">the run's POST, with the client's final answer (sent again after the restart)</param>
/// <param name="KilledAfter">from sending the run to the kill</param>
/// <param name="AnsweredBeforeKill">the first request got its answer before the kill (then the kill did not cut the run)</param>
/// <param name="DoneAtKill">what the run had committed when it was killed (counted before the restart)</param>
/// <param name="Recovery">from the restart to the run's answer (the run done again included)</param>
public sealed record RunKill(CommandRecord Command, int Requests, FaultWindow Window, TimeSpan KilledAfter, bool AnsweredBeforeKill, long DoneAtKill, TimeSpan? Recovery);

/// <summary>
/// Sends a run (with an Idempotency-Key, through the retrying client) and <c>kill -9</c>s the API while it runs, when
/// <c>started</c> says the run is under way; counts what it had committed (<c>done</c>), and restarts it a second later on
/// the same port. The client, which sends the run again after the connection error, gets its answer from the restarted service.
/// </summary>
public static class RunKills
{
    public static async Task<RunKill> KillDuringAsync(FaultsContext context, string name, Func<HttpRequestMessage> request, Func<CancellationToken, Task<bool>> started,
        Func<CancellationToken, Task<long>> done, CancellationToken ct)
    {
        var client = context.NewRetryingClient();
        var command = new CommandRecord($"faults-c-{name}-{Guid.NewGuid():N}", Guid.Empty);
        var sent = Stopwatch.GetTimestamp();
        var run = client.SendAsync(command, request, ct);
        while (!run.IsCompleted && !await started(ct)) await Task.Delay(10, ct);
        var answeredBeforeKill = run.IsCompleted;
        var injected = Stopwatch.GetTimestamp();
        await context.Service.KillAsync();
        var doneAtKill = await done(ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var back = Stopwatch.GetTimestamp();
        await context.Service.RestartAsync(ct);
        var window = new FaultWindow(injected, back, Stopwatch.GetTimestamp());
        await run;
        var recovery = command.Acknowledged ? TimeSpan.FromSeconds(FaultWindow.Seconds(window.Back, command.AnsweredAt)) : (TimeSpan?)null;
        return new RunKill(command, client.Attempts.Count, window, TimeSpan.FromSeconds(FaultWindow.Seconds(sent, injected)), answeredBeforeKill, doneAtKill, recovery);
    }
}
