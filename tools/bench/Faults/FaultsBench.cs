using System.Diagnostics;
using System.Runtime.InteropServices;
using KosodateShien.Bench.Api;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// <c>bench faults</c> (issue 13 item 4): crashes of PostgreSQL and of the service during commands sent with
/// Idempotency-Keys, crashes in the middle of the month's runs, and concurrent conflicting commands, each checked against the
/// client's ledger in the event store. See <see cref="FaultsOptions.Usage"/>.
/// </summary>
public static class FaultsBench
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args is ["help" or "--help" or "-h"])
        {
            output.WriteLine(FaultsOptions.Usage);
            return 0;
        }
        var (options, problem) = FaultsOptions.Parse(args);
        if (options is null)
        {
            error.WriteLine($"bench faults: {problem}");
            error.WriteLine(FaultsOptions.Usage);
            return 2;
        }
        var dll = Environment.GetEnvironmentVariable("KOSODATE_API_DLL") ?? Path.GetFullPath("src/Api/bin/Release/net10.0/KosodateShien.Api.dll");
        using var cancel = new CancellationTokenSource();
        // Ctrl-C, SIGTERM or a hang-up stop the scenarios and still remove the scratch cluster and end the service; a second one ends the process.
        void Stop(PosixSignalContext signal)
        {
            if (cancel.IsCancellationRequested) return;
            signal.Cancel = true;
            cancel.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        try
        {
            return RunAsync(options, dll, output, error, cancel.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            error.WriteLine("bench faults: interrupted.");
            return 1;
        }
    }

    public static async Task<int> RunAsync(FaultsOptions options, string apiDll, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        output.WriteLine($"bench faults  scenarios {string.Join(",", options.Only.ToCharArray())}  ({Environment.ProcessorCount} cores)");
        await using var cluster = await ScratchCluster.CreateAsync(null, output, ct);
        output.WriteLine($"  scratch cluster            {cluster.Root} (127.0.0.1:{cluster.Port} and its unix socket; fsync, synchronous_commit on; removed at the end)");
        var log = Path.Combine(Path.GetTempPath(), $"kosodate-bench-faults-{Environment.ProcessId}.log");
        await using var service = await ApiService.StartAsync(apiDll, cluster.ConnectionString, FaultsContext.Schema, log, ct);
        output.WriteLine($"  service                    {service.BaseAddress} (pid {service.ProcessId}, log {log}), started in {clock.Elapsed.TotalSeconds:N1} s");
        cluster.NoteService(service.ProcessId);
        service.Restarted += cluster.NoteService;

        var tokens = new Dictionary<string, string>();
        foreach (var role in new[] { ApiRequests.Clerk, ApiRequests.Supervisor, ApiRequests.Finance, ApiRequests.FacilityLiaison })
            tokens[role] = await service.TokenAsync($"bench-{role}", role, ct);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = service.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var context = new FaultsContext(options, cluster, service, new ApiRequests(tokens, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), 13), client, output);

        var outcomes = new List<ScenarioOutcome>();
        var failures = new List<string>();
        async Task Scenario(char id, string title, Func<Task<IEnumerable<ScenarioOutcome>>> run)
        {
            if (!options.Runs(id)) return;
            var started = Stopwatch.StartNew();
            try
            {
                var ran = (await run()).ToList();
                outcomes.AddRange(ran);
                output.WriteLine($"    ({id}) took {started.Elapsed.TotalSeconds:N1} s");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                output.WriteLine($"    ({id}) did not finish: {e.GetType().Name}: {e.Message}");
                failures.Add($"({id}) {title} did not finish: {e.Message}");
                outcomes.Add(new ScenarioOutcome(id.ToString(), title));
            }
        }
        static async Task<IEnumerable<ScenarioOutcome>> One(Task<ScenarioOutcome> outcome) => [await outcome];

        await Scenario('a', "kill -9 PostgreSQL during payments", () => One(
            new PaymentBurstScenario(context).RunAsync("a", "kill -9 PostgreSQL during payments", new Fault.PostgresCrash(cluster, TimeSpan.FromSeconds(3)), options.Kills, ct)));
        await Scenario('b', "kill -9 the API during payments", () => One(
            new PaymentBurstScenario(context).RunAsync("b", "kill -9 the API during payments", new Fault.ApiCrash(service, TimeSpan.FromSeconds(1)), options.Kills, ct)));
        await Scenario('c', MonthlyRunScenario.Title, async () => await new MonthlyRunScenario(context).RunAsync(ct));
        await Scenario('d', ConflictScenario.Title, () => One(new ConflictScenario(context).RunAsync(ct)));
        await Scenario('e', CapacityScenario.Title, () => One(new CapacityScenario(context).RunAsync(ct)));

        output.WriteLine($"  all scenarios took {clock.Elapsed.TotalSeconds:N0} s");
        output.WriteLine();
        FaultsReport.Write(outcomes, output);
        output.WriteLine();
        foreach (var target in outcomes.SelectMany(o => o.Targets)) output.WriteLine(target);
        foreach (var failure in failures) error.WriteLine($"bench faults: {failure}");
        var failed = outcomes.SelectMany(o => o.Targets).Where(t => !t.Holds).ToList();
        foreach (var target in failed) error.WriteLine($"bench faults: not met: {target.What}");
        return failures.Count == 0 && failed.Count == 0 ? 0 : 1;
    }
}
