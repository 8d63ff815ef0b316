using System.Text.Json;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// (d): N parallel 更正 of one charge, each its own command (own Idempotency-Key), all sent with the version the caller read:
/// exactly one is accepted and the others get 409 <c>version.conflict</c>, nothing else is appended, and the stream's versions
/// stay contiguous.
/// </summary>
public sealed class ConflictScenario(FaultsContext context)
{
    public const string Title = "same-version corrections of one charge";
    public const string CorrectionEvent = "charge_corrected";

    public async Task<ScenarioOutcome> RunAsync(CancellationToken ct)
    {
        var output = context.Output;
        var parallel = context.Options.Parallel;
        output.WriteLine($"  (d) {parallel} parallel {Title}");
        var charge = (await context.RaiseChargesAsync("charge to correct", 1, ct))[0];
        var client = context.NewRetryingClient();
        var commands = Enumerable.Range(0, parallel).Select(i => new CommandRecord($"faults-d-{i}-{Guid.NewGuid():N}", charge)).ToList();
        using var start = new ManualResetEventSlim();
        var sending = commands.Select((command, i) => Task.Run(async () =>
        {
            start.Wait(ct);
            await client.SendAsync(command, () => context.Requests.Correct(charge, FaultsContext.Amount - 1_000 - i, version: 1), ct);
        }, ct)).ToList();
        start.Set();
        await Task.WhenAll(sending);

        await using var database = context.OpenDatabase();
        var corrections = (await database.EventsAsync([charge], CorrectionEvent, "amount", ct))[charge];
        var gaps = await database.VersionGapsAsync([charge], ct);
        var behind = await database.SnapshotsBehindAsync(ct);
        var version = await database.ScalarAsync<long>($"select version from {database.Schema}.mt_streams where id = $1", ct, charge);
        var accepted = commands.Where(c => c.Acknowledged).ToList();
        var conflicts = commands.Count(c => c.Status == 409 && c.Body!.Contains("\"version.conflict\"", StringComparison.Ordinal));
        var answers = commands.GroupBy(c => c.Status is { } s ? $"{s}{Rule(c.Body)}" : "unanswered").OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        var winnerAgrees = accepted.Count == 1 && corrections.Count == 1 && Amount(accepted[0].Body!) == corrections[0];
        output.WriteLine($"    answers: {string.Join(", ", answers)}; {corrections.Count} correction(s) appended, the stream at version {version}, " +
            $"{gaps.Count} version gap(s), {behind.Count} snapshot(s) behind; the accepted answer {(winnerAgrees ? "agrees" : "does not agree")} with the stored correction");

        var outcome = new ScenarioOutcome("d", $"{parallel} {Title}")
        {
            Commands = commands.Count,
            Requests = client.Attempts.Count,
            Acknowledged = accepted.Count,
            Present = corrections.Count,
            Duplicated = Math.Max(0, corrections.Count - 1),
            Lost = Math.Max(0, accepted.Count - corrections.Count),
        };
        var what = "faults (d)";
        outcome.Targets.Add(Target.NoMoreThan($"{what} accepted of {parallel} same-version commands", accepted.Count, "commands", 1));
        outcome.Targets.Add(Target.AtLeast($"{what} accepted of {parallel} same-version commands", accepted.Count, "commands", 1));
        outcome.Targets.Add(Target.AtLeast($"{what} 409 version.conflict answers", conflicts, "commands", parallel - 1));
        outcome.Targets.Add(Target.NoMoreThan($"{what} events appended beyond the accepted command's", Math.Max(0, corrections.Count - accepted.Count) + (version - 1 - corrections.Count), "events", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} version gaps and snapshots behind", gaps.Count + behind.Count + (winnerAgrees ? 0 : 1), "streams", 0));
        return outcome;
    }

    private static string Rule(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[0] != '{') return "";
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("rule", out var rule) ? $" {rule.GetString()}" : "";
    }

    private static string Amount(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("amount", out var amount) ? amount.ToString() : "";
    }
}
