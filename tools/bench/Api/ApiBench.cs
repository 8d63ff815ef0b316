using System.Collections.Concurrent;
using System.Diagnostics;
using KosodateShien.Bench.Fees;
using Npgsql;

namespace KosodateShien.Bench.Api;

/// <summary>Options of <c>bench api</c>.</summary>
public sealed record ApiBenchOptions(
    int Connections = 16,
    int Registrations = 8_000,
    int Decisions = 4_000,
    int Payments = 20_000,
    int Reads = 10_000,
    int MixedRate = 200,
    int MixedSeconds = 30,
    int Seed = 1,
    string? Trace = null,
    string Schema = ApiBench.DefaultSchema)
{
    /// <summary>
    /// Requests sent before a scenario is measured: the service compiles each endpoint on its first call, and the JIT
    /// recompiles hot code optimized only after it has run a while (in four rounds, each followed by a wait for the JIT's
    /// background compiles to finish).
    /// </summary>
    public int WarmUp => 2_000;
}

/// <summary>
/// <c>bench api</c>: the service in its own process, driven over HTTP on loopback by a load generator, per scenario: household
/// registration (new streams, sealed personal data), 認定 decisions, payments on distinct charges, reads of personal data
/// (a charge, a child file), each closed-loop over a number of connections for throughput; then a mixed open-loop run at a
/// fixed rate (a quarter payments, the rest reads) for latency. Ends with one line per target.
/// </summary>
public static class ApiBench
{
    public const string DefaultSchema = "bench_api";
    public const double CommandsPerSecondTarget = 1_500;
    public const double MixedP99TargetMs = 50;

    public const string Usage = """
        usage: bench api [--connections C] [--registrations N] [--decisions N] [--payments N] [--reads N] [--mixed-rate R] [--mixed-seconds S] [--seed S]
                         [--trace SCENARIO]
          api  the service (Release build, Production settings, its own process on a free loopback port) on the schema bench_api of
               the local cluster (dropped and recreated each run; $KOSODATE_BENCH_DB), with data the bench creates through the API.
               Closed loop over C connections (default 16): N registrations (8,000), decisions (4,000), payments on distinct
               charges (20,000), reads of charges and of child files (10,000 each), each after 2,000 requests not measured, in four rounds with a wait for
               the JIT's background compiles after each (the JIT's CPU is shown apart);
               then S seconds (30) of R requests a second (200) open loop: 25 % payments, 37.5 % charge reads, 37.5 % child
               file reads. Rate limits are raised for the run (they are not what is measured). Prints per scenario
               requests/s, p50/p95/p99, errors by status, CPU per request of the API and of PostgreSQL, then the targets.
               --trace payments (any scenario name's start) samples the API's CPU with Linux perf during that scenario
               (apt-get install linux-perf) and prints the perf report command to read it.
        """;

    public static async Task<int> RunAsync(ApiBenchOptions options, string connectionString, string apiDll, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        output.WriteLine($"bench api  connections {options.Connections}  schema {options.Schema}  seed {options.Seed}  ({Environment.ProcessorCount} cores)");
        foreach (var schema in new[] { options.Schema, $"{options.Schema}_keys", $"{options.Schema}_analytics" })
            await StoredFeeBench.DropSchemaAsync(connectionString, schema, ct);
        var log = Path.Combine(Path.GetTempPath(), $"kosodate-bench-api-{Environment.ProcessId}.log");
        var clock = Stopwatch.StartNew();
        if (options.Trace is not null)
        {
            Environment.SetEnvironmentVariable(CpuTrace.PerfMapVariable, "1");
            // perf reads the map only for code in anonymous memory, not in the W^X double mapping.
            Environment.SetEnvironmentVariable("DOTNET_EnableWriteXorExecute", "0");
        }
        await using var service = await ApiService.StartAsync(apiDll, connectionString, options.Schema, log, ct);
        output.WriteLine($"  service started            {StoredFeeBench.Seconds(clock.Elapsed)}   {service.BaseAddress} (pid {service.ProcessId}, log {log})");
        output.WriteLine($"  rate limits                raised to {ApiService.RaisedUserPermits:N0} requests a minute per user for the run (not what is measured)");

        var tokens = new Dictionary<string, string>();
        foreach (var role in new[] { ApiRequests.Clerk, ApiRequests.Supervisor, ApiRequests.Finance })
            tokens[role] = await service.TokenAsync($"bench-{role}", role, ct);
        var requests = new ApiRequests(tokens, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), options.Seed);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(options.Connections, 64),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
        }) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var measure = new Measure(service, connectionString, output, options.Connections, client, options.Trace, ct);
        var results = new List<LoadResult>();

        // Registrations: each a new household with sealed names and address; the households serve the later scenarios.
        var households = new ConcurrentDictionary<int, BenchHousehold>();
        var registered = options.WarmUp + options.Registrations;
        await measure.WarmUpAsync("warm-up registrations", options.WarmUp, i => requests.RegisterHousehold(i), (i, a) => households[i] = ApiRequests.Registered(a));
        results.Add(await measure.ClosedAsync("registrations", options.Registrations, i => requests.RegisterHousehold(options.WarmUp + i),
            (i, a) => households[options.WarmUp + i] = ApiRequests.Registered(a)));
        var family = households.OrderBy(h => h.Key).Select(h => h.Value).ToList();
        if (family.Count < registered) return Fail(error, $"only {family.Count:N0} of {registered:N0} households were registered; see {log}");

        // 認定 decisions on distinct applications.
        var applications = new ConcurrentDictionary<int, Guid>();
        var decided = Math.Min(options.WarmUp + options.Decisions, family.Count);
        await measure.SeedAsync("applications (認定申請)", decided, i => requests.ApplyForCertification(family[i]), (i, a) => applications[i] = ApiRequests.Created(a));
        var applied = applications.OrderBy(a => a.Key).Select(a => a.Value).ToList();
        await measure.WarmUpAsync("warm-up decisions", options.WarmUp, i => requests.Decide(applied[i]));
        results.Add(await measure.ClosedAsync("certification decisions", applied.Count - options.WarmUp, i => requests.Decide(applied[options.WarmUp + i])));

        // Payments on distinct charges, each paying its charge in full before 納期限.
        const long amount = 23_400;
        var mixedPayments = options.MixedRate * options.MixedSeconds / 4;
        var chargesNeeded = options.WarmUp + options.Payments + mixedPayments;
        var payers = family.SelectMany(h => h.Guardians).ToList();
        var month = new DateOnly(requests.Today.Year, requests.Today.Month, 1);
        var charges = new ConcurrentDictionary<int, Guid>();
        await measure.SeedAsync("charges (調定)", chargesNeeded, i => requests.Charge(payers[i % payers.Count], month.AddMonths(i / payers.Count), amount),
            (i, a) => charges[i] = ApiRequests.Created(a));
        var raised = charges.OrderBy(c => c.Key).Select(c => c.Value).ToList();
        if (raised.Count < chargesNeeded) return Fail(error, $"only {raised.Count:N0} of {chargesNeeded:N0} charges were raised; see {log}");
        await measure.WarmUpAsync("warm-up payments", options.WarmUp, i => requests.Pay(raised[i], amount));
        results.Add(await measure.ClosedAsync("payments (distinct charges)", options.Payments, i => requests.Pay(raised[options.WarmUp + i], amount)));

        // Reads of personal data: charges (paid ones) and child files.
        await measure.WarmUpAsync("warm-up reads", options.WarmUp, i => i % 2 == 0 ? requests.ReadCharge(raised[i]) : requests.ReadChild(family[i].Child));
        results.Add(await measure.ClosedAsync("reads: charge", options.Reads, i => requests.ReadCharge(raised[i % (options.WarmUp + options.Payments)])));
        results.Add(await measure.ClosedAsync("reads: child file", options.Reads, i => requests.ReadChild(family[i % family.Count].Child)));

        // Mixed, open loop at a fixed rate: what staff and other systems do together.
        var mixed = await measure.MixedAsync(options.MixedRate, TimeSpan.FromSeconds(options.MixedSeconds),
            ("mixed: payments", 0.25, i => requests.Pay(raised[options.WarmUp + options.Payments + i], amount)),
            ("mixed: charge reads", 0.375, i => requests.ReadCharge(raised[i % raised.Count])),
            ("mixed: child file reads", 0.375, i => requests.ReadChild(family[(i * 7) % family.Count].Child)));

        output.WriteLine();
        var byName = results.ToDictionary(r => r.Name);
        var errors = results.Concat(mixed).Sum(r => r.ErrorCount);
        output.WriteLine($"target: payments: {byName["payments (distinct charges)"].PerSecond:F0} commands/s (>= {CommandsPerSecondTarget:F0})");
        output.WriteLine($"target: registrations: {byName["registrations"].PerSecond:F0} commands/s (>= {CommandsPerSecondTarget:F0})");
        foreach (var run in mixed)
            output.WriteLine($"target: {run.Name} p99 at {options.MixedRate} requests/s: {run.Percentile(99):F1} ms (<= {MixedP99TargetMs:F0})");
        output.WriteLine($"target: errors: {errors} requests (<= 0)");
        return 0;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"bench api: {message}");
        return 1;
    }

    /// <summary>Runs scenarios and writes each one's line: rate, latencies, errors, and the CPU it cost the service and PostgreSQL.</summary>
    private sealed class Measure(ApiService service, string connectionString, TextWriter output, int connections, HttpClient client, string? trace, CancellationToken ct)
    {
        public async Task SeedAsync(string name, int count, Func<int, HttpRequestMessage> request, Action<int, string>? answered = null)
        {
            var result = await LoadRun.ClosedAsync(name, client, count, connections, request, ct, answered);
            output.WriteLine($"  {name,-30} {result.Requests,7:N0} in {result.Elapsed.TotalSeconds,6:N1} s (not measured){Errors(result)}");
        }

        /// <summary>
        /// Sends the requests in four rounds, each followed by a wait (up to 30 s) for the JIT's background thread to go
        /// idle: code made hot in a round is recompiled optimized before the next, and not while the scenario is measured.
        /// </summary>
        public async Task WarmUpAsync(string name, int count, Func<int, HttpRequestMessage> request, Action<int, string>? answered = null)
        {
            const int rounds = 4;
            var (clock, jit, settling, errors) = (Stopwatch.StartNew(), service.JitCpu(), TimeSpan.Zero, new List<LoadResult>());
            for (var round = 0; round < rounds; round++)
            {
                var start = count * round / rounds;
                var size = count * (round + 1) / rounds - start;
                errors.Add(await LoadRun.ClosedAsync(name, client, size, connections, i => request(start + i), ct,
                    answered is null ? null : (i, a) => answered(start + i, a)));
                settling += await service.JitSettledAsync(TimeSpan.FromSeconds(30), ct);
            }
            var failed = errors.SelectMany(r => r.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
            output.WriteLine($"  {name,-30} {count,7:N0} in {clock.Elapsed.TotalSeconds,6:N1} s (not measured; {settling.TotalSeconds:N1} s of it waiting for the JIT, " +
                $"which used {(service.JitCpu() - jit).TotalSeconds:N1} s of CPU)" +
                (failed.Count == 0 ? "   errors 0" : "   errors " + string.Join(", ", failed.OrderBy(e => e.Key).Select(e => $"{e.Key}×{e.Value}"))));
        }

        public async Task<LoadResult> ClosedAsync(string name, int count, Func<int, HttpRequestMessage> request, Action<int, string>? answered = null)
        {
            await using var tracing = trace is not null && name.StartsWith(trace, StringComparison.Ordinal) ? await CpuTrace.StartAsync(service.ProcessId, name, output, ct) : null;
            var (api, jit, database, bench) = (service.Cpu(), service.JitCpu(), StoredFeeBench.DatabaseCpu.Sample(connectionString), BenchCpu());
            var result = await LoadRun.ClosedAsync(name, client, count, connections, request, ct, answered);
            Report(result, service.Cpu() - api, service.JitCpu() - jit, StoredFeeBench.DatabaseCpu.Sample(connectionString) - database, BenchCpu() - bench);
            return result;
        }

        public async Task<IReadOnlyList<LoadResult>> MixedAsync(int rate, TimeSpan duration, params (string Name, double Share, Func<int, HttpRequestMessage> Request)[] parts)
        {
            output.WriteLine($"  mixed, open loop: {rate} requests/s for {duration.TotalSeconds:N0} s");
            var (api, database) = (service.Cpu(), StoredFeeBench.DatabaseCpu.Sample(connectionString));
            var results = await Task.WhenAll(parts.Select(p => LoadRun.OpenAsync(p.Name, client, (int)Math.Round(rate * p.Share), duration, p.Request, ct)));
            var (apiUsed, databaseUsed) = (service.Cpu() - api, StoredFeeBench.DatabaseCpu.Sample(connectionString) - database);
            foreach (var result in results) Report(result, null, null, null, null);
            var total = results.Sum(r => r.Requests);
            output.WriteLine($"  {"",-30} cpu per request: api {apiUsed.TotalMilliseconds / total:F2} ms" +
                (databaseUsed is { } db ? $", PostgreSQL {db.TotalMilliseconds / total:F2} ms" : "") + $" ({total:N0} requests)");
            return results;
        }

        /// <summary>The load generator's own CPU (this process), which shares the machine's cores with the service and PostgreSQL.</summary>
        private static TimeSpan BenchCpu()
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }

        private void Report(LoadResult result, TimeSpan? api, TimeSpan? jit, TimeSpan? database, TimeSpan? bench)
        {
            var cpu = api is { } a ? $"   cpu/request api {a.TotalMilliseconds / result.Requests:F2} ms (JIT {jit?.TotalMilliseconds / result.Requests:F2})" +
                (database is { } d ? $", PostgreSQL {d.TotalMilliseconds / result.Requests:F2} ms" : "") +
                (bench is { } b ? $", load generator {b.TotalMilliseconds / result.Requests:F2} ms" : "") : "";
            output.WriteLine($"  {result.Name,-30} {result.Requests,7:N0} in {result.Elapsed.TotalSeconds,6:N1} s  {result.PerSecond,7:N0}/s   " +
                $"p50 {result.Percentile(50),6:F1}  p95 {result.Percentile(95),6:F1}  p99 {result.Percentile(99),6:F1} ms{Errors(result)}{cpu}");
        }

        private static string Errors(LoadResult result) =>
            result.ErrorCount == 0 ? "   errors 0" : "   errors " + string.Join(", ", result.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}×{e.Value}"));
    }

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var options = new ApiBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], out var v) && v > 0 ? v : (int?)null;
            switch (args[i])
            {
                case "--connections" when value is not null: options = options with { Connections = value.Value }; i++; break;
                case "--registrations" when value is not null: options = options with { Registrations = value.Value }; i++; break;
                case "--decisions" when value is not null: options = options with { Decisions = value.Value }; i++; break;
                case "--payments" when value is not null: options = options with { Payments = value.Value }; i++; break;
                case "--reads" when value is not null: options = options with { Reads = value.Value }; i++; break;
                case "--mixed-rate" when value is not null: options = options with { MixedRate = value.Value }; i++; break;
                case "--mixed-seconds" when value is not null: options = options with { MixedSeconds = value.Value }; i++; break;
                case "--seed" when value is not null: options = options with { Seed = value.Value }; i++; break;
                case "--trace" when i + 1 < args.Count: options = options with { Trace = args[i + 1] }; i++; break;
                case "help" or "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"bench api: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        var connection = Environment.GetEnvironmentVariable(FeeBench.DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"bench api: {FeeBench.DatabaseVariable} is not set: run it with ./kosodate bench api (it starts the local cluster and sets it).");
            return 2;
        }
        var dll = Environment.GetEnvironmentVariable("KOSODATE_API_DLL") ?? Path.GetFullPath("src/Api/bin/Release/net10.0/KosodateShien.Api.dll");
        return RunAsync(options, connection, dll, output, error).GetAwaiter().GetResult();
    }
}
