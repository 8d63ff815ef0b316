using System.Diagnostics;
using KosodateShien.Application.Collection;
using KosodateShien.Application.Collection.DirectDebit;
using KosodateShien.Bench.Fees;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Projections.Collection;
using KosodateShien.Projections.Privacy;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine;

namespace KosodateShien.Bench.Collection;

/// <summary>Options of <c>bench collection</c>.</summary>
public sealed record CollectionBenchOptions(int Children = 100_000, int Debits = 60_000, int Seed = 1, string Schema = CollectionBench.DefaultSchema);

/// <summary>
/// <c>bench collection</c>: a month's 調定 for a ward's children as the service raises it (every fee notice through the
/// ChargeReadyForCollection handler on a Wolverine host with the service's configuration), then the 口座振替 round trip: the
/// 全銀 request file for the month's 振替日, a bank answer with some 振替不能, and its import into payments and failures.
/// </summary>
public static class CollectionBench
{
    public const string DefaultSchema = "bench_collection";
    public static readonly DateOnly Month = new(2027, 6, 1);
    public static readonly DateOnly DebitDate = new(2027, 6, 28);
    /// <summary>Targets in seconds for the default size (100,000 children, 60,000 debits).</summary>
    public const int AssessmentTarget = 60, RoundTripTarget = 25;

    public const string Usage = """
        usage: bench collection [--children N] [--debits D] [--seed S]
          collection  a month's 調定 and a 口座振替 round trip on stored data, as the service runs them: in the schema
                      bench_collection of the local cluster (dropped and recreated each run; $KOSODATE_BENCH_DB), 口座振替依頼書
                      for D payers (default 60,000) are loaded (not timed); then the fee output for N children (default
                      100,000) reaches collection as one ChargeReadyForCollection per payer × 科目 through the outbox, and
                      the 調定 is timed until every charge is raised; then the 全銀 request file for 振替日 2027-06-28 is
                      made and written, a bank answer with about 3 % 振替不能 (codes 1, 2, 3, 4, 9) is read back, and its
                      import (payments, 振替不能, ended 口座振替) is timed. Checks that every notice became one charge with
                      its amount, and that the payments and failures add up to the file's totals. Exit 1 if a check fails.
        """;

    public static async Task<int> RunAsync(CollectionBenchOptions options, string connectionString, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        output.WriteLine($"bench collection  children {options.Children:N0}  debits {options.Debits:N0}  seed {options.Seed}  month {Month:yyyy-MM}  schema {options.Schema}");
        var clock = Stopwatch.StartNew();
        var world = CollectionWorld.Generate(options.Children, options.Debits, options.Seed, Month);
        output.WriteLine($"  generate                   {StoredFeeBench.Seconds(clock.Elapsed)}   {world.Children:N0} children, {world.Payers:N0} payers, " +
            $"{world.Messages.Count:N0} fee notices ({world.Amount:N0} yen), {world.Mandates.Count:N0} 口座振替");

        await StoredFeeBench.DropSchemaAsync(connectionString, options.Schema, ct);
        using var host = await StoredFeeBench.StartHostAsync(connectionString, options.Schema, typeof(CollectionBench).Assembly);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await CollectionRuleSetStore.EnsureDefaultAsync(store, ct);
        await using var database = NpgsqlDataSource.Create(connectionString);

        clock.Restart();
        await LoadMandatesAsync(store, world.Mandates, ct);
        await StoredFeeBench.VacuumAnalyzeAsync(database, options.Schema, ct);
        output.WriteLine($"  load 口座振替               {StoredFeeBench.Seconds(clock.Elapsed)}   {world.Mandates.Count:N0} streams (not timed as part of either run)");

        // 調定. A running service has compiled its handlers (Wolverine does on first use) and warmed up its JIT on last
        // month's run: raise a few hundred of last month's charges first, timed apart.
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var warmUp = world.Messages.Take(500).Select(m => m with { NoticeId = Guid.NewGuid(), Month = Month.AddMonths(-1) }).ToList();
        clock.Restart();
        await bus.InvokeAsync(new PublishMonthlyCharges(Month.AddMonths(-1), warmUp), ct, TimeSpan.FromMinutes(10));
        await WaitForChargesAsync(database, options.Schema, warmUp.Count, TimeSpan.FromMinutes(5), ct);
        output.WriteLine($"  warm-up: {Month.AddMonths(-1):yyyy-MM} 調定          {StoredFeeBench.Seconds(clock.Elapsed)}   {warmUp.Count:N0} charges (not timed)");
        var cpu = Cpu();
        var databaseCpu = StoredFeeBench.DatabaseCpu.Sample(connectionString);
        clock.Restart();
        await bus.InvokeAsync(new PublishMonthlyCharges(Month, world.Messages), ct, TimeSpan.FromMinutes(10));
        var charges = await WaitForChargesAsync(database, options.Schema, warmUp.Count + world.Messages.Count, TimeSpan.FromMinutes(20), ct) - warmUp.Count;
        var assessment = clock.Elapsed;
        output.WriteLine($"  調定                       {StoredFeeBench.Seconds(assessment)}   {charges:N0} charges ({charges / assessment.TotalSeconds:N0}/s), {CpuUsed(cpu, databaseCpu, connectionString)}");
        var assessed = (long)await StoredFeeBench.ScalarAsync<decimal>(database, $"select coalesce(sum((data ->> 'amount')::bigint), 0) from {options.Schema}.mt_doc_charge where data ->> 'month' = '{Month:yyyy-MM-dd}'", ct);
        var ok = true;
        if (charges != world.Messages.Count || assessed != world.Amount)
        {
            error.WriteLine($"bench collection: {charges:N0} charges for {assessed:N0} yen; expected {world.Messages.Count:N0} for {world.Amount:N0} yen.");
            ok = false;
        }
        await StoredFeeBench.VacuumAnalyzeAsync(database, options.Schema, ct);

        // 口座振替: request file, the bank's answer, import.
        var consignor = DirectDebitSettings.ConsignorFrom(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var today = DebitDate.AddDays(-10);
        using var phases = new PhaseTimes(connectionString);
        var roundTripCpu = (Cpu(), StoredFeeBench.DatabaseCpu.Sample(connectionString));
        cpu = roundTripCpu.Item1;
        databaseCpu = roundTripCpu.Item2;
        clock.Restart();
        DirectDebitExport export;
        await using (var session = store.LightweightSession())
        {
            var requested = await DirectDebitExports.RequestAsync(session, DebitDate, consignor, today, ct);
            await phases.Time("export: save", () => session.SaveChangesAsync(ct));
            export = DirectDebitExport.Evolve(null, requested)!;
        }
        var requestFile = await phases.Time("export: download the file", () => LoadFileAsync(store, export.Id, ct));
        var exported = clock.Elapsed;
        output.WriteLine($"  振替依頼 (export)           {StoredFeeBench.Seconds(exported)}   {export.Count:N0} records, {export.Amount:N0} yen, file {requestFile.Length:N0} bytes");
        output.WriteLine($"  {"",-26} {CpuUsed(cpu, databaseCpu, connectionString)}");
        Breakdown(output, phases.Take("export: "));

        var answer = BankAnswer(requestFile, options.Seed);
        (cpu, databaseCpu) = (Cpu(), StoredFeeBench.DatabaseCpu.Sample(connectionString));
        clock.Restart();
        DebitResultsSummary summary;
        await using (var session = store.LightweightSession())
        {
            summary = await DirectDebitResults.ImportAsync(session, answer, DebitDate.AddDays(3), DebitDate.AddDays(2), ct);
            await phases.Time("import: save", () => session.SaveChangesAsync(ct));
        }
        var imported = clock.Elapsed;
        output.WriteLine($"  振替結果 (import)           {StoredFeeBench.Seconds(imported)}   振替済 {summary.DebitedCount:N0} ({summary.DebitedAmount:N0} yen), 振替不能 {summary.FailedCount:N0} " +
            $"({summary.FailedAmount:N0} yen), {summary.ChargesPaid:N0} charges paid, {summary.ChargesFailed:N0} failed, {summary.MandatesEnded:N0} 口座振替 ended");
        output.WriteLine($"  {"",-26} {CpuUsed(cpu, databaseCpu, connectionString)}");
        Breakdown(output, phases.Take("import: "));
        var roundTrip = exported + imported;
        output.WriteLine($"  round trip                 {StoredFeeBench.Seconds(roundTrip)}   {CpuUsed(roundTripCpu.Item1, roundTripCpu.Item2, connectionString)} (the bank's answer is made outside the timing)");

        var paid = (long)await StoredFeeBench.ScalarAsync<decimal>(database,
            $"select coalesce(sum((data ->> 'amount')::bigint), 0) from {options.Schema}.mt_events where type = 'payment_received' and data ->> 'channel' = 'directDebit'", ct);
        if (paid != summary.DebitedAmount || summary.DebitedAmount + summary.FailedAmount != export.Amount)
        {
            error.WriteLine($"bench collection: payments of {paid:N0} yen recorded for {summary.DebitedAmount:N0} debited of {export.Amount:N0} requested.");
            ok = false;
        }
        await host.StopAsync(ct);
        output.WriteLine($"target: 全銀 round trip: {roundTrip.TotalSeconds:F2} s (<= {RoundTripTarget})");
        output.WriteLine($"target: 調定: {assessment.TotalSeconds:F2} s (<= {AssessmentTarget})");
        return ok ? 0 : 1;
    }

    private static async Task LoadMandatesAsync(IDocumentStore store, IReadOnlyList<DirectDebitMandateRegistered> mandates, CancellationToken ct)
    {
        foreach (var chunk in mandates.Chunk(2_000))
        {
            // Each payer's key made up front, in one statement, as an import would: serialization makes missing ones one at a time.
            await store.PersonalDataKeys().EnsureAsync([.. chunk.Select(m => m.PayerId)], ct);
            await using var session = store.LightweightSession();
            foreach (var registered in chunk) session.Events.StartStream<DirectDebitMandate>(registered.MandateId, registered);
            await session.SaveChangesAsync(ct);
        }
        await using var sequence = store.LightweightSession();
        await sequence.QueryAsync<long>($"select setval('{store.Options.DatabaseSchemaName}.{DirectDebitStoreConfiguration.CustomerNumberSequence}', {mandates.Count})", ct);
    }

    private static async Task<byte[]> LoadFileAsync(IDocumentStore store, Guid exportId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return DirectDebitExport.File(await DirectDebitExports.RequestOfAsync(session, exportId, ct)).ToBytes();
    }

    /// <summary>The bank's answer: the request with about 3 % of the lines not drawn (mostly 資金不足).</summary>
    private static byte[] BankAnswer(byte[] request, int seed)
    {
        var random = new Random(seed);
        DebitResultCode[] failures = [.. Enumerable.Repeat(DebitResultCode.InsufficientFunds, 6), DebitResultCode.NoAccount, DebitResultCode.StoppedByDepositor,
            DebitResultCode.NoMandate, DebitResultCode.Other];
        var file = DebitFile.Parse(request, withResults: false);
        return (file with
        {
            WithResults = true,
            Records = [.. file.Records.Select(r => random.NextDouble() < 0.03 ? r with { ResultCode = failures[random.Next(failures.Length)] } : r)],
        }).ToBytes();
    }

    private static async Task<long> WaitForChargesAsync(NpgsqlDataSource database, string schema, int expected, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var count = await StoredFeeBench.ScalarAsync<long>(database, $"select count(*) from {schema}.mt_doc_charge", ct);
            if (count >= expected || clock.Elapsed > timeout) return count;
            await Task.Delay(100, ct);
        }
    }

    private static void Breakdown(TextWriter output, IReadOnlyList<PhaseCost> phases)
    {
        foreach (var phase in phases) output.WriteLine($"    {phase.Name,-28} {phase}");
    }

    private static string CpuUsed(TimeSpan clientBefore, TimeSpan? databaseBefore, string connectionString)
    {
        var client = $"cpu client {StoredFeeBench.Seconds(Cpu() - clientBefore).Trim()}";
        return StoredFeeBench.DatabaseCpu.Sample(connectionString) is { } database && databaseBefore is { } before
            ? $"{client}, PostgreSQL {StoredFeeBench.Seconds(database - before).Trim()}"
            : client;
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }


    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = new CollectionBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], out var v) && v > 0 ? v : (int?)null;
            switch (args[i])
            {
                case "--children" when value is not null: options = options with { Children = value.Value }; i++; break;
                case "--debits" when value is not null: options = options with { Debits = value.Value }; i++; break;
                case "--seed" when value is not null: options = options with { Seed = value.Value }; i++; break;
                case "help" or "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"bench collection: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        var connection = Environment.GetEnvironmentVariable(FeeBench.DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"bench collection: {FeeBench.DatabaseVariable} is not set: run it with ./kosodate bench collection (it starts the local cluster and sets it).");
            return 2;
        }
        return RunAsync(options, connection, output, error).GetAwaiter().GetResult();
    }
}
