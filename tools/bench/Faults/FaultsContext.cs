using KosodateShien.Bench.Api;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// What every scenario shares: the scratch cluster, the service (its own process on it), tokens, the request builder, a plain
/// client for setting data up, and the households whose guardians pay the charges the scenarios raise.
/// </summary>
public sealed class FaultsContext(FaultsOptions options, ScratchCluster cluster, ApiService service, ApiRequests requests, HttpClient client, TextWriter output)
{
    public const string Schema = "faults";

    /// <summary>The user the finance token names (Idempotency-Keys are kept per user).</summary>
    public const string FinanceUser = "bench-" + ApiRequests.Finance;

    /// <summary>What every charge the scenarios raise asks (paid in full, it leaves nothing owed and nothing over).</summary>
    public const long Amount = 23_400;

    private readonly List<Guid> payers = [];
    private int households, monthsForward, monthsBack;

    public FaultsOptions Options => options;
    public ScratchCluster Cluster => cluster;
    public ApiService Service => service;
    public ApiRequests Requests => requests;
    public HttpClient Client => client;
    public TextWriter Output => output;

    public DateOnly Today => requests.Today;

    public FaultsDatabase OpenDatabase() => new(cluster.ConnectionString, Schema, service.Secrets);

    /// <summary>A client that retries each command until it is answered (2 minutes at most per command).</summary>
    public RetryingClient NewRetryingClient() => new(client, TimeSpan.FromMinutes(2));

    /// <summary>
    /// Raises <paramref name="count"/> charges (調定) through the API, each on a payer × month of its own, registering
    /// households for payers as needed. Months run forward from this month, or, with <paramref name="dueDate"/>, backward
    /// from last month with that 納期限 (a charge past due when the date is).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> RaiseChargesAsync(string label, int count, CancellationToken ct, DateOnly? dueDate = null)
    {
        var needed = Math.Max(50, count / 8) - payers.Count / 2;
        if (needed > 0)
        {
            var first = households;
            households += needed;
            var registered = await CreateAsync("households", needed, i => requests.RegisterHousehold(first + i), ApiRequests.Registered, ct);
            payers.AddRange(registered.SelectMany(h => h.Guardians));
        }
        // Each call takes months no other call used, so no two charges share a payer × month (one 調定 per payer × month × 科目).
        var months = (count + payers.Count - 1) / payers.Count;
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        var firstMonth = dueDate is null ? thisMonth.AddMonths(monthsForward) : thisMonth.AddMonths(-monthsBack - months);
        if (dueDate is null) monthsForward += months;
        else monthsBack += months;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var raised = await CreateAsync(label, count, i => requests.Charge(payers[i % payers.Count], firstMonth.AddMonths(i / payers.Count), Amount, dueDate),
            ApiRequests.Created, ct);
        output.WriteLine($"    set-up: {count:N0} {label} raised in {clock.Elapsed.TotalSeconds:N1} s");
        return raised;
    }

    /// <summary>
    /// Set-up data through the API: <paramref name="count"/> POSTs over the bench's connections, each with its own
    /// Idempotency-Key and retried until answered (a busy machine may time some out), read from their answers in order.
    /// </summary>
    public async Task<IReadOnlyList<T>> CreateAsync<T>(string label, int count, Func<int, HttpRequestMessage> request, Func<string, T> read, CancellationToken ct)
    {
        var retrying = NewRetryingClient();
        var commands = Enumerable.Range(0, count).Select(i => new CommandRecord($"faults-setup-{Guid.NewGuid():N}", Guid.Empty)).ToArray();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count) await retrying.SendAsync(commands[i], () => request(i), ct);
        }, ct)));
        var failed = commands.Where(c => !c.Acknowledged).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{failed.Count} of {count} {label} failed: " +
                string.Join(", ", failed.GroupBy(c => c.Status?.ToString() ?? "unanswered").Select(g => $"{g.Key}×{g.Count()}")) + $"; see {service.Log}.");
        return [.. commands.Select(c => read(c.Body!))];
    }
}
