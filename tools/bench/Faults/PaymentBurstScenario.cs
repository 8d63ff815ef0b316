using System.Text.Json;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// (a) and (b): a burst of payments on distinct charges, each with its own Idempotency-Key and retried by the client until
/// answered, while a fault strikes (kill -9 of PostgreSQL, or of the API) after a third and after two thirds of them were
/// acknowledged. Then, from the event store: every acknowledged payment is there exactly once, with the payment id its
/// answer gave and its key's answer kept; none is there twice; no snapshot stands behind its stream; versions are contiguous.
/// </summary>
public sealed class PaymentBurstScenario(FaultsContext context)
{
    public const string PaymentEvent = "payment_received";

    public async Task<ScenarioOutcome> RunAsync(string id, string title, Fault fault, int faults, CancellationToken ct)
    {
        var output = context.Output;
        output.WriteLine($"  ({id}) {title}");
        var charges = await context.RaiseChargesAsync("charges (調定) to pay", context.Options.Payments, ct);
        var commands = charges.Select(c => new CommandRecord($"faults-{id}-{Guid.NewGuid():N}", c)).ToList();
        var client = context.NewRetryingClient();

        var acknowledged = 0;
        var next = -1;
        var workers = Task.WhenAll(Enumerable.Range(0, context.Options.Connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < commands.Count)
            {
                var command = commands[i];
                await client.SendAsync(command, () => context.Requests.Pay(command.Target, FaultsContext.Amount), ct);
                if (command.Acknowledged) Interlocked.Increment(ref acknowledged);
            }
        }, ct)));
        var windows = new List<(FaultWindow Window, int After)>();
        for (var k = 1; k <= faults; k++)
        {
            var threshold = commands.Count * k / (faults + 1);
            while (Volatile.Read(ref acknowledged) < threshold && !workers.IsCompleted) await Task.Delay(5, ct);
            if (workers.IsCompleted) break;
            var after = Volatile.Read(ref acknowledged);
            windows.Add((await fault.InjectAsync(ct), after));
        }
        await workers;

        var outcome = new ScenarioOutcome(id, title) { Faults = windows.Count, Commands = commands.Count, Requests = client.Attempts.Count };
        var attempts = client.Attempts.ToList();
        TimeSpan longestWait = TimeSpan.Zero, recovery = TimeSpan.Zero;
        var unrecovered = 0;
        foreach (var ((window, after), k) in windows.Select((w, k) => (w, k + 1)))
        {
            var times = OutageTimes.Of(window, attempts, k < windows.Count ? windows[k].Window.Injected : long.MaxValue);
            var startup = window.Ready > window.Back ? $", started again in {FaultWindow.Seconds(window.Back, window.Ready):N1} s" : "";
            output.WriteLine($"    fault {k}: {fault.Name} after {after:N0} acknowledged; down {FaultWindow.Seconds(window.Injected, window.Back):N1} s{startup}; " +
                $"answers meanwhile: {times.Describe()}; longest wait {times.LongestWait.TotalSeconds:N2} s; " +
                (times.Recovery is { } r ? $"first 2xx {r.TotalSeconds:N2} s after it was back" : "no 2xx after it") + $"; requests sent once it could serve again that failed: {times.DescribeAfter()}");
            longestWait = longestWait > times.LongestWait ? longestWait : times.LongestWait;
            if (times.Recovery is { } rec) recovery = recovery > rec ? recovery : rec;
            else unrecovered++;
        }
        outcome.Recovery = windows.Count == 0 || unrecovered > 0 ? null : recovery;

        await CheckAsync(outcome, commands, ct);
        var what = $"faults ({id})";
        var background = await BackgroundWorkCheck.PlacementFeeAsync(context, ct);
        output.WriteLine($"    background work after the faults: a new placement's fee determination (a message run after its commit) " +
            (background is { } b ? $"was in the event store {b.TotalSeconds:N1} s after the placement's answer" : "did not come within a minute"));
        outcome.Targets.Add(Target.NoMoreThan($"{what} a placement's fee determined after the faults, within", Seconds(background), "s", 30));
        if (fault is Fault.PostgresCrash)
        {
            var failed = await QuietCrashAsync(fault, charges, ct);
            outcome.Faults++;
            outcome.Targets.Add(Target.NoMoreThan($"{what} requests failed after a crash while idle, PostgreSQL back", failed, "requests", 1));
            var serverErrors = attempts.Count(a => a.Outcome == "500");
            output.WriteLine($"    500 answers: {serverErrors:N0}; every answer while PostgreSQL was down came within {longestWait.TotalSeconds:N2} s");
            outcome.Targets.Add(Target.NoMoreThan($"{what} longest wait for an answer while PostgreSQL was down", Math.Round(longestWait.TotalSeconds, 2), "s", 2));
            outcome.Targets.Add(Target.NoMoreThan($"{what} 500 answers", serverErrors, "requests", 0));
            outcome.Targets.Add(Target.NoMoreThan($"{what} recovery after PostgreSQL is back, no restart", Seconds(outcome.Recovery), "s", 30));
        }
        else
            outcome.Targets.Add(Target.NoMoreThan($"{what} recovery after the API's restart", Seconds(outcome.Recovery), "s", 60));
        outcome.Targets.Add(Target.AtLeast($"{what} faults injected", outcome.Faults, "faults", faults));
        return outcome;
    }

    /// <summary>
    /// One more crash, with no request in flight: the pool then holds only connections the crash broke. Of requests sent one
    /// by one once PostgreSQL is back, how many fail (each broken connection handed out again would fail one)?
    /// </summary>
    private async Task<int> QuietCrashAsync(Fault fault, IReadOnlyList<Guid> charges, CancellationToken ct)
    {
        const int requests = 20;
        await fault.InjectAsync(ct);
        var outcomes = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            try
            {
                using var response = await context.Client.SendAsync(context.Requests.ReadCharge(charges[i]), ct);
                outcomes.Add(((int)response.StatusCode).ToString());
            }
            catch (HttpRequestException)
            {
                outcomes.Add("connection");
            }
        }
        var failed = outcomes.Count(o => o[0] != '2');
        context.Output.WriteLine($"    a crash while idle: of {requests} reads sent one by one once PostgreSQL was back, {failed} failed" +
            (failed == 0 ? "" : $" ({string.Join(", ", outcomes.Where(o => o[0] != '2').GroupBy(o => o).Select(g => $"{g.Key}×{g.Count()}"))})"));
        return failed;
    }

    /// <summary>A missing recovery (no 2xx after a fault) counts as an hour, so its target fails.</summary>
    private static double Seconds(TimeSpan? time) => time is { } t ? Math.Round(t.TotalSeconds, 2) : 3600;

    private async Task CheckAsync(ScenarioOutcome outcome, IReadOnlyList<CommandRecord> commands, CancellationToken ct)
    {
        await using var database = context.OpenDatabase();
        var streams = commands.Select(c => c.Target).ToList();
        var payments = await database.EventsAsync(streams, PaymentEvent, "paymentId", ct);
        var kept = await database.KeptAnswersAsync(FaultsContext.FinanceUser, [.. commands.Select(c => c.Key)], ct);
        var gaps = await database.VersionGapsAsync(streams, ct);
        var behind = await database.SnapshotsBehindAsync(ct);

        int unanswered = 0, refused = 0, strays = 0, disagreeing = 0, unkept = 0, replayed = 0;
        foreach (var command in commands)
        {
            var found = payments[command.Target];
            if (found.Count > 0) outcome.Present++;
            if (found.Count > 1) outcome.Duplicated++;
            if (command.Replayed) replayed++;
            if (command.Status is null) unanswered++;
            else if (!command.Acknowledged) refused++;
            if (!command.Acknowledged)
            {
                // Not acknowledged: applied wholly or not at all is fine for a command never answered; a refusal must have done nothing.
                if (command.Status is not null && found.Count > 0) strays++;
                continue;
            }
            outcome.Acknowledged++;
            if (found.Count == 0)
            {
                outcome.Lost++;
                continue;
            }
            if (found.Count == 1 && found[0] != PaymentId(command.Body!)) disagreeing++;
            if (!kept.TryGetValue(command.Key, out var status) || status != command.Status) unkept++;
        }
        var halfApplied = behind.Count + gaps.Count + disagreeing + unkept + strays;
        context.Output.WriteLine($"    ledger: {commands.Count:N0} commands, {outcome.Requests:N0} requests, {outcome.Acknowledged:N0} acknowledged " +
            $"({replayed:N0} by a kept answer), {refused:N0} refused, {unanswered:N0} never answered");
        context.Output.WriteLine($"    database: {outcome.Present:N0} present, {outcome.Duplicated:N0} twice, {outcome.Lost:N0} acknowledged but missing, " +
            $"{strays:N0} refused but applied; {disagreeing:N0} with another payment id than the answer's, {unkept:N0} acknowledged without their key's answer kept; " +
            $"{behind.Count:N0} snapshots behind their stream, {gaps.Count:N0} streams with a version gap");
        foreach (var line in behind.Take(5)) context.Output.WriteLine($"      behind: {line}");

        var what = $"faults ({outcome.Id})";
        outcome.Targets.Add(Target.NoMoreThan($"{what} lost commands", outcome.Lost, "commands", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} duplicated commands", outcome.Duplicated, "commands", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} half-applied commands", halfApplied, "commands", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} commands refused or never answered", refused + unanswered, "commands", 0));
    }

    private static string PaymentId(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("paymentId").GetString() ?? "";
    }
}
