using System.Diagnostics;
using KosodateShien.Bench.Fees;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// (c): kill -9 of the API in the middle of the month's fee run (<c>POST /api/fees/monthly-runs</c>) over a synthetic ward,
/// and in the middle of a 督促 run (<c>POST /api/dunning-runs</c>) over charges past 納期限; after the restart the client's
/// retry runs each again to its end. Then from the event store: every placement has exactly one 利用者負担額決定 for the
/// month, every fee notice one revision and one 調定, every charge past due exactly one 督促. One row each.
/// </summary>
public sealed class MonthlyRunScenario(FaultsContext context)
{
    public const string Title = "kill -9 the API mid fee run and mid 督促 run";

    public async Task<IEnumerable<ScenarioOutcome>> RunAsync(CancellationToken ct)
    {
        var output = context.Output;
        output.WriteLine($"  (c) {Title}");
        var month = new DateOnly(context.Today.Year, context.Today.Month, 1);
        await SeedWardAsync(month, ct);
        await using var database = context.OpenDatabase();
        var feeRun = await FeeRunAsync(database, month, ct);
        var dunningRun = await DunningRunAsync(database, ct);

        var behind = await database.SnapshotsBehindAsync(ct);
        output.WriteLine($"    {behind.Count:N0} snapshots behind their stream");
        feeRun.Targets.Add(Target.NoMoreThan("faults (c) snapshots behind their stream after both runs", behind.Count, "snapshots", 0));
        return [feeRun, dunningRun];
    }

    /// <summary>The fee run, killed once the first chunk of placements has committed its determinations (chunks commit on their own).</summary>
    private async Task<ScenarioOutcome> FeeRunAsync(FaultsDatabase database, DateOnly month, CancellationToken ct)
    {
        var checks = new FeeRunChecks(database, month);
        var run = await RunKills.KillDuringAsync(context, "fee-run", () => context.Requests.MonthlyFeeRun(month),
            async t => await checks.DeterminedAsync(t) > 0, checks.DeterminedAsync, ct);
        var fees = await StoredFeeBench.CheckAsync(database.DataSource, database.Schema, month, ct);
        Report(run, "fee run", $"{run.DoneAtKill:N0} of {fees.Placements:N0} placements determined when it was killed");
        var notices = await checks.NoticesAsync(ct);
        var twice = notices.Count(n => n.Count > 1);
        var collected = await checks.ChargesOfNoticesAsync(notices.Count, TimeSpan.FromSeconds(90), ct);
        context.Output.WriteLine($"    fee run: {fees.DeterminedForMonth:N0} of {fees.Placements:N0} placements with a determination for {month:yyyy-MM}, " +
            $"{fees.WithMore:N0} with more than one; {notices.Count:N0} fee notices, {twice:N0} notified twice; {collected.Raised:N0} 調定 from them, " +
            $"{collected.Twice:N0} raised twice, {notices.Count - collected.Raised:N0} missing");

        var outcome = Row("fee run (kill -9 the API mid-run)", run);
        outcome.Present = fees.DeterminedForMonth;
        outcome.Duplicated = fees.WithMore + twice + collected.Twice;
        outcome.Lost = fees.Placements - fees.DeterminedForMonth + (notices.Count - collected.Raised);
        var what = "faults (c) fee run";
        outcome.Targets.Add(Target.NoMoreThan($"{what} placements without their fee for the month", fees.Placements - fees.DeterminedForMonth, "placements", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} determinations, notices and 調定 appended twice", outcome.Duplicated, "records", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} fee notices without their 調定", notices.Count - collected.Raised, "notices", 0));
        // The kill must have cut the run: some chunks committed, some not.
        outcome.Targets.Add(Target.AtLeast($"{what} placements left undetermined by the kill", run.AnsweredBeforeKill ? 0 : fees.Placements - run.DoneAtKill, "placements", 1));
        return outcome;
    }

    /// <summary>The 督促 run: one transaction, killed half a second in (it reads every charge first).</summary>
    private async Task<ScenarioOutcome> DunningRunAsync(FaultsDatabase database, CancellationToken ct)
    {
        var due = await context.RaiseChargesAsync("charges past 納期限", context.Options.Dunnings, ct, dueDate: context.Today.AddDays(-5));
        var checks = new DunningChecks(database, due);
        var run = await RunKills.KillDuringAsync(context, "dunning-run", () => context.Requests.DunningRun(context.Today),
            Started(TimeSpan.FromMilliseconds(500)), checks.DunnedAsync, ct);
        Report(run, "督促 run", $"{run.DoneAtKill:N0} of {due.Count:N0} charges dunned when it was killed");
        var notes = await database.EventsAsync(due, DunningChecks.Event, "issuedOn", ct);
        var (once, twice, missing) = (notes.Count(n => n.Value.Count == 1), notes.Count(n => n.Value.Count > 1), notes.Count(n => n.Value.Count == 0));
        var gaps = await database.VersionGapsAsync(due, ct);
        context.Output.WriteLine($"    督促 run: {once:N0} of {due.Count:N0} charges dunned once, {twice:N0} twice, {missing:N0} not at all; {gaps.Count:N0} with a version gap");

        var outcome = Row("督促 run (kill -9 the API mid-run)", run);
        outcome.Present = once + twice;
        outcome.Duplicated = twice;
        outcome.Lost = missing;
        var what = "faults (c) 督促 run";
        outcome.Targets.Add(Target.NoMoreThan($"{what} charges not dunned", missing, "charges", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} charges dunned twice", twice, "charges", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} charges with a version gap", gaps.Count, "charges", 0));
        outcome.Targets.Add(Target.AtLeast($"{what} charges left undunned by the kill", run.AnsweredBeforeKill ? 0 : due.Count - run.DoneAtKill, "charges", 1));
        return outcome;
    }

    /// <summary>A run's row: one command (the run), one fault, the answer after the restart.</summary>
    private static ScenarioOutcome Row(string title, RunKill run)
    {
        var outcome = new ScenarioOutcome("c", title)
        {
            Faults = 1,
            Commands = 1,
            Requests = run.Requests,
            Acknowledged = run.Command.Acknowledged ? 1 : 0,
            Recovery = run.Recovery,
        };
        outcome.Targets.Add(Target.NoMoreThan($"faults (c) {title[..title.IndexOf(" (", StringComparison.Ordinal)]} not answered 2xx after the restart", 1 - outcome.Acknowledged, "runs", 0));
        return outcome;
    }

    private void Report(RunKill run, string name, string progress) =>
        context.Output.WriteLine($"    {name}: kill -9 the API {run.KilledAfter.TotalSeconds:N2} s after it was sent ({progress}" +
            (run.AnsweredBeforeKill ? ", but it had already answered" : "") + $"); restarted, answered {run.Command.Status?.ToString() ?? "nothing"} " +
            (run.Recovery is { } r ? $"{r.TotalSeconds:N1} s after the restart began" : "") + $" ({run.Command.Attempts} requests)");

    private static Func<CancellationToken, Task<bool>> Started(TimeSpan after)
    {
        var clock = Stopwatch.StartNew();
        return _ => Task.FromResult(clock.Elapsed >= after);
    }

    /// <summary>A synthetic ward (<see cref="StoredFeeWorld"/>) for the month, written through Marten with the service's configuration and secrets.</summary>
    private async Task SeedWardAsync(DateOnly month, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var world = StoredFeeWorld.Generate(context.Options.Children, seed: 1, month);
        using (var store = new Marten.DocumentStore(FaultsDatabase.StoreOptions(context.Cluster.ConnectionString, FaultsContext.Schema, context.Service.Secrets)))
            await StoredFeeBench.LoadAsync(store, world, parallelism: 2, ct);
        await using (var source = Npgsql.NpgsqlDataSource.Create(context.Cluster.ConnectionString))
            await StoredFeeBench.VacuumAnalyzeAsync(source, FaultsContext.Schema, ct);
        var counts = world.Counts;
        context.Output.WriteLine($"    set-up: a ward of {counts.PlacedChildren:N0} placed children in {counts.Households:N0} households, {counts.Facilities:N0} facilities " +
            $"({world.Streams.Count:N0} streams) written through Marten in {clock.Elapsed.TotalSeconds:N1} s");
    }
}
