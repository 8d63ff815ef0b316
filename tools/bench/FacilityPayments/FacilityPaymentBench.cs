using System.Diagnostics;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Collection.DirectDebit;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Fees;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Bench.Collection;
using KosodateShien.Bench.Fees;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using KosodateShien.Projections.FacilityPayments;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace KosodateShien.Bench.FacilityPayments;

/// <summary>Options of <c>bench facility-payments</c>.</summary>
public sealed record FacilityPaymentBenchOptions(int Children = 100_000, int Facilities = 2_000, int Seed = 1, DateOnly Month = default,
    string Schema = FacilityPaymentBench.DefaultSchema)
{
    public DateOnly MonthOrDefault => Month == default ? StoredFeeBench.DefaultMonth : Month;

    /// <summary>Children per facility, so that the ward starts with <see cref="Facilities"/> facilities.</summary>
    public int ChildrenPerFacility => Math.Max(1, (Children + Facilities - 1) / Facilities);
}

/// <summary>
/// <c>bench facility-payments</c>: the month's 給付費 claims for every facility from stored data, as the service's run computes
/// them (<see cref="FacilityClaims.RunMonthAsync"/>), then the 支払バッチ of the approved claims and its 全銀 総合振込 file.
/// </summary>
public static class FacilityPaymentBench
{
    public const string DefaultSchema = "bench_facility_payments";
    /// <summary>Targets in seconds for the default size (2,000 facilities, 100,000 children).</summary>
    public const int ClaimsTarget = 10, TransferFileTarget = 2;
    private const string Preparer = "bench-finance", Approver = "bench-supervisor", Reason = "月次算定";

    public const string Usage = """
        usage: bench facility-payments [--children N] [--facilities F] [--seed S] [--month YYYY-MM]
          facility-payments
                      the month's 給付費 claims and their 全銀 総合振込 file on stored data, as the service makes them: the fee
                      bench's ward of N children (default 100,000) in F facilities (default 2,000), each facility a 私立保育所
                      with its 事業者管理 (施設類型, 地域区分 20/100, 利用定員 by 認定区分, 確認, 事業所口座) and a 加算認定 per 年度,
                      the sample 単価表 and the 支払基準, is written through Marten into the schema bench_facility_payments
                      of the local cluster (dropped and recreated each run; $KOSODATE_BENCH_DB) and the month's fees are
                      determined (not timed). Then the previous month's claims run (warm-up, timed apart) and the month's
                      (default 2027-06) run FacilityClaims.RunMonthAsync; every claim is approved by a second person (not
                      timed); then the batch for the 振込指定日 (the 20th of the next month) is made from the stored approved
                      claims and its 総合振込 file written (the second target), and the batch saved (timed apart). Prints the
                      load time, the run's wall time, claims per second, CPU of the client and of PostgreSQL, the total, a
                      check that every facility got exactly one claim, the batch and file with their phases, the save, then
                      one line per target. Exit 1 if a check fails (a claim missing or twice, the batch not paying every
                      facility the claims' total, the file not one record per payment).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = new FacilityPaymentBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], out var v) && v > 0 ? v : (int?)null;
            switch (args[i])
            {
                case "--children" when value is not null: options = options with { Children = value.Value }; i++; break;
                case "--facilities" when value is not null: options = options with { Facilities = value.Value }; i++; break;
                case "--seed" when value is not null: options = options with { Seed = value.Value }; i++; break;
                case "--month" when i + 1 < args.Count && DateOnly.TryParseExact(args[i + 1] + "-01", "yyyy-MM-dd", out var m):
                    options = options with { Month = m };
                    i++;
                    break;
                case "help" or "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"bench facility-payments: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        if (options.Facilities > options.Children)
        {
            error.WriteLine("bench facility-payments: --facilities must not exceed --children (each facility takes at least one child).");
            return 2;
        }
        var connection = Environment.GetEnvironmentVariable(FeeBench.DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"bench facility-payments: {FeeBench.DatabaseVariable} is not set: run it with ./kosodate bench facility-payments (it starts the local cluster and sets it).");
            return 2;
        }
        return RunAsync(options, connection, output, error).GetAwaiter().GetResult();
    }

    public static async Task<int> RunAsync(FacilityPaymentBenchOptions options, string connectionString, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var month = options.MonthOrDefault;
        var today = month.AddMonths(1).AddDays(4);
        var transferDate = month.AddMonths(1).AddDays(19);
        output.WriteLine($"bench facility-payments  children {options.Children:N0}  facilities {options.Facilities:N0}  seed {options.Seed}  month {month:yyyy-MM}  schema {options.Schema}");

        var clock = Stopwatch.StartNew();
        var table = PublicPriceTables.Sample;
        var world = StoredFeeWorld.Generate(options.Children, options.Seed, month, options.ChildrenPerFacility);
        FacilityPaymentWorld.AddTo(world, options.Seed, table);
        var counts = world.Counts;
        var facilities = world.Facilities.Count;
        Row(output, "generate", $"{Seconds(clock.Elapsed)}   {counts.Households:N0} households, {counts.PlacedChildren:N0} placed children, " +
            $"{facilities:N0} facilities with 事業者管理 and 加算認定");

        await using var database = NpgsqlDataSource.Create(connectionString);
        await StoredFeeBench.DropSchemaAsync(connectionString, options.Schema, ct);
        using var host = await StoredFeeBench.StartHostAsync(connectionString, options.Schema);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await CertificationRuleSets.EnsureDefaultAsync(store, ct);
        await FeeRuleSetStore.EnsureShippedAsync(store, ct);
        await FacilityPaymentRuleSetStore.EnsureDefaultAsync(store, ct);
        await using (var session = store.LightweightSession())
        {
            session.Insert(table);
            await session.SaveChangesAsync(ct);
        }

        clock.Restart();
        using (var loader = new DocumentStore(StoredFeeBench.LoadingOptions(connectionString, options.Schema)))
            await StoredFeeBench.LoadAsync(loader, world, 2, ct);
        var loaded = clock.Elapsed;
        Row(output, "load (Marten, inline)", $"{Seconds(loaded)}   {world.Streams.Count:N0} streams, {counts.Events:N0} events " +
            $"({world.Streams.Count / loaded.TotalSeconds:N0} streams/s; not part of either target)");

        // The claims deduct each child's 利用者負担額 of the month: the month's fee run has been done, as in the service.
        var bus = host.Services.GetRequiredService<IMessageBus>();
        clock.Restart();
        await bus.InvokeAsync(new DetermineMonthlyFees(month), ct, TimeSpan.FromMinutes(30));
        await StoredFeeBench.VacuumAnalyzeAsync(database, options.Schema, ct);
        Row(output, $"fees of {month:yyyy-MM}, vacuum", $"{Seconds(clock.Elapsed)}   (not part of either target)");

        using var phases = new PhaseTimes(connectionString);
        // A running service has warmed up its JIT on last month's run: do the previous month first, timed apart.
        var warmUp = await phases.Time("warm-up", () => FacilityClaims.RunMonthAsync(store, month.AddMonths(-1), ClaimStage.Confirmed, Reason, Preparer, today, ct));
        Row(output, $"warm-up: {month.AddMonths(-1):yyyy-MM} claims", $"{phases.Take("warm-up").Single()}   {warmUp.Computed:N0} claims (not part of either target)");

        var before = await StoredFeeBench.ScalarAsync<long>(database, $"select coalesce(max(seq_id), 0) from {options.Schema}.mt_events", ct);
        var run = await phases.Time("claims", () => FacilityClaims.RunMonthAsync(store, month, ClaimStage.Confirmed, Reason, Preparer, today, ct));
        var claimsCost = phases.Take("claims").Single();
        var appended = await StoredFeeBench.ScalarAsync<long>(database, $"select count(*) from {options.Schema}.mt_events where seq_id > {before}", ct);
        Row(output, "claims run", $"{Seconds(claimsCost.Wall)}   {run.Computed / claimsCost.Wall.TotalSeconds,9:N0} claims/s   " +
            $"{run.Computed:N0} computed, {run.Unchanged:N0} unchanged, {run.Skipped.Count:N0} skipped, {appended:N0} events appended");
        Row(output, "", $"cpu: client {Seconds(claimsCost.Client).Trim()}" + (claimsCost.Database is { } db ? $", PostgreSQL {Seconds(db).Trim()}" : ""));
        Row(output, "total", $"{run.Total:N0} yen");

        var ok = true;
        IReadOnlyList<FacilityClaim> claims;
        await using (var query = store.QuerySession())
            claims = await query.Query<FacilityClaim>().Where(c => c.Month == month).ToListAsync(ct);
        var perFacility = claims.GroupBy(c => c.FacilityId).ToDictionary(g => g.Key, g => g.Count());
        var withOne = world.Facilities.Count(f => perFacility.GetValueOrDefault(f.Id) == 1);
        var claimed = claims.Sum(c => c.Latest.Amount);
        Row(output, "check", $"{withOne:N0} of {facilities:N0} facilities have exactly one claim for {month:yyyy-MM}" +
            (withOne != facilities ? $", {facilities - withOne:N0} none or more than one" : "") + $"; stored claims total {claimed:N0} yen");
        if (withOne != facilities || perFacility.Count != facilities || claims.Count != facilities || run.Computed != facilities || appended != facilities
            || run.Skipped.Count > 0 || claimed != run.Total)
        {
            error.WriteLine($"bench facility-payments: expected one claim per facility ({facilities:N0}); the run computed {run.Computed:N0}, skipped {run.Skipped.Count:N0}" +
                (run.Skipped.Count > 0 ? $" (first: {run.Skipped[0]})" : "") + $", appended {appended:N0} events; {claims.Count:N0} claims stored for {perFacility.Count:N0} facilities.");
            ok = false;
        }

        // 承認 by a second person, straight through Marten (not timed): what the batch pays.
        clock.Restart();
        foreach (var chunk in claims.Chunk(500))
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = Approver;
            foreach (var claim in chunk) session.Events.Append(claim.Id, claim.Version + 1, claim.Approve(Approver, today.AddDays(3)));
            await session.SaveChangesAsync(ct);
        }
        await StoredFeeBench.VacuumAnalyzeAsync(database, options.Schema, ct);
        Row(output, "approval, vacuum", $"{Seconds(clock.Elapsed)}   {claims.Count:N0} claims approved by {Approver} (not part of either target)");

        // 支払バッチ and its 総合振込 file, as POST /api/facility-payment-batches and …/approval make them: the target is the batch made
        // from the stored approved claims and the file's bytes; saving the batch is timed apart.
        var consignor = DirectDebitSettings.ConsignorFrom(new ConfigurationBuilder().Build(), "FacilityPayments:Transfer");
        await using var batchSession = store.LightweightSession();
        batchSession.LastModifiedBy = Preparer;
        var (created, file) = await phases.Time("batch and file", () => BatchAndFileAsync(batchSession, phases, consignor, transferDate, today.AddDays(5), ct));
        var transferCost = phases.Take("batch and file").Single();
        var paidTotal = created.Items.Sum(i => i.Amount);
        var expectedSize = (created.Items.Count + 3) * 122;
        Row(output, "batch and file", $"{Seconds(transferCost.Wall)}   {created.Items.Count:N0} payments, {paidTotal:N0} yen, 振込指定日 {transferDate:yyyy-MM-dd}, " +
            $"file {file.Length:N0} bytes");
        Row(output, "", $"cpu: client {Seconds(transferCost.Client).Trim()}" + (transferCost.Database is { } tdb ? $", PostgreSQL {Seconds(tdb).Trim()}" : ""));
        foreach (var phase in phases.Take("transfer: ")) Row(output, $"  {phase.Name}", phase.ToString());
        await phases.Time("save", () => batchSession.SaveChangesAsync(ct));
        Row(output, "save the batch", $"{phases.Take("save").Single()}   the batch and {created.Items.Sum(i => i.Claims.Count):N0} 振込予定 on the claims " +
            "(the POST's transaction; not part of the target)");
        if (created.Items.Count != facilities || paidTotal != run.Total || file.Length != expectedSize)
        {
            error.WriteLine($"bench facility-payments: the batch pays {created.Items.Count:N0} facilities {paidTotal:N0} yen in a file of {file.Length:N0} bytes; " +
                $"expected {facilities:N0}, {run.Total:N0} yen, {expectedSize:N0} bytes.");
            ok = false;
        }

        await host.StopAsync(ct);
        output.WriteLine($"target: facility claims: {claimsCost.Wall.TotalSeconds:F2} s (<= {ClaimsTarget})");
        output.WriteLine($"target: transfer file: {transferCost.Wall.TotalSeconds:F2} s (<= {TransferFileTarget})");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// The endpoint's path: the approved claims with an amount not yet scheduled, the facilities' accounts on the 振込指定日, the
    /// batch with a 振込予定 on each claim at the version read (queued in <paramref name="session"/>, not saved); then the 総合振込
    /// file's bytes, as the approval hashes them and the download sends them.
    /// </summary>
    private static async Task<(PaymentBatchCreated Created, byte[] File)> BatchAndFileAsync(IDocumentSession session, PhaseTimes phases, DebitConsignor consignor,
        DateOnly transferDate, DateOnly createdOn, CancellationToken ct)
    {
        var claims = await phases.Time("transfer: read claims", () => session.ClaimsWithOpenAmountsAsync(ct));
        var accounts = await phases.Time("transfer: read accounts", async () => (await session.LoadManyAsync<Facility>(ct, claims.Select(c => c.FacilityId).Distinct()))
            .ToDictionary(f => f.Id, f => (f.FacilityNumber, f.BankAccountOn(transferDate)?.Account)));
        var created = await phases.Time("transfer: make the batch", () =>
        {
            var created = PaymentBatch.Create(Guid.CreateVersion7(), transferDate, consignor, claims, accounts, Preparer, createdOn);
            session.Events.StartStream<PaymentBatch>(created.BatchId, created);
            var byId = claims.ToDictionary(c => c.Id);
            foreach (var share in created.Items.SelectMany(i => i.Claims))
            {
                var claim = byId[share.ClaimId];
                session.Events.Append(claim.Id, claim.Version + 1, new FacilityClaimScheduled(claim.Id, created.BatchId, transferDate, share.Amount));
            }
            return Task.FromResult(created);
        });
        var file = await phases.Time("transfer: file bytes", () => Task.FromResult(PaymentBatch.FileOf(created.Consignor, created.TransferDate, created.Items).ToBytes()));
        return (created, file);
    }

    private static string Seconds(TimeSpan time) => StoredFeeBench.Seconds(time);

    /// <summary>A report line: the label in a column of 26, then what was measured (times right-aligned, as the other benches print them).</summary>
    private static void Row(TextWriter output, string label, string text) => output.WriteLine($"  {label,-26} {text}");
}
