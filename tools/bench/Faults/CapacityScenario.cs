using System.Text;
using KosodateShien.Bench.Api;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// (e): N parallel placements (直接契約, each on its own child's certification) into one facility whose 1歳児 class has P
/// places, all starting the same month: never more accepted (or stored) than places; the others are refused 422
/// <c>placement.class-full</c>. Needs the service's capacity rule: <see cref="RuleInService"/> looks for its code in the
/// service's assemblies, and without it the scenario is reported as not available instead of failing.
/// </summary>
public sealed class CapacityScenario(FaultsContext context)
{
    public const string Title = "parallel placements into a full class";
    public const string Rule = "placement.class-full";

    public async Task<ScenarioOutcome> RunAsync(string apiDll, CancellationToken ct)
    {
        var (placements, places) = (context.Options.Placements, context.Options.Places);
        var title = $"{placements} placements into {places} places";
        if (!RuleInService(apiDll) && !context.Options.TryCapacity)
        {
            context.Output.WriteLine($"  (e) {title}: not available, the service has no capacity rule yet (no '{Rule}' in its assemblies; --try-capacity runs it anyway)");
            return ScenarioOutcome.NotAvailable("e", title, "no capacity rule yet");
        }
        context.Output.WriteLine($"  (e) {title}");
        var children = await CertifiedChildrenAsync(placements, ct);
        var facility = await CreateAsync("facility", 1, i => context.Requests.RegisterFacility(1, [0, places, 0, 0, 0, 0]), ct);
        var startsOn = new DateOnly(context.Today.Month >= 4 ? context.Today.Year + 1 : context.Today.Year, 4, 1);

        var client = context.NewRetryingClient();
        var commands = children.Select((c, i) => new CommandRecord($"faults-e-{i}-{Guid.NewGuid():N}", c.Child)).ToList();
        using var start = new ManualResetEventSlim();
        var sending = commands.Select((command, i) => Task.Run(async () =>
        {
            start.Wait(ct);
            await client.SendAsync(command, () => context.Requests.Place(children[i].Child, facility[0], children[i].Certification, startsOn), ct);
        }, ct)).ToList();
        start.Set();
        await Task.WhenAll(sending);

        await using var database = context.OpenDatabase();
        var stored = await database.ScalarAsync<long>($"select count(*) from {database.Schema}.mt_doc_placement where data ->> 'facilityId' = $1", ct, facility[0].ToString());
        var accepted = commands.Count(c => c.Acknowledged);
        var full = commands.Count(c => c.Status == 422 && c.Body!.Contains($"\"{Rule}\"", StringComparison.Ordinal));
        var other = commands.Count - accepted - full;
        context.Output.WriteLine($"    answers: {accepted:N0} accepted, {full:N0} × 422 {Rule}, {other:N0} other; {stored:N0} placements stored at the facility");

        var outcome = new ScenarioOutcome("e", title)
        {
            Commands = commands.Count,
            Requests = client.Attempts.Count,
            Acknowledged = accepted,
            Present = stored,
            Duplicated = Math.Max(0, stored - places),
            Lost = Math.Max(0, accepted - stored),
        };
        outcome.Targets.Add(Target.NoMoreThan("faults (e) placements accepted beyond the free places", Math.Max(0, Math.Max(accepted, stored) - places), "placements", 0));
        outcome.Targets.Add(Target.NoMoreThan("faults (e) placements answered other than 2xx or 422 class-full", other, "placements", 0));
        return outcome;
    }

    /// <summary>Whether the service's assemblies (next to <paramref name="apiDll"/>) hold the rule's code as a string literal.</summary>
    public static bool RuleInService(string apiDll)
    {
        var code = Encoding.Unicode.GetBytes(Rule);   // string literals are UTF-16 in the assembly's #US heap
        var directory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!;
        return Directory.EnumerateFiles(directory, "KosodateShien.*.dll").Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(code) >= 0);
    }

    /// <summary>Households with a child each, its 保育認定 applied for and approved from next April (the children are 1歳児 then).</summary>
    private async Task<IReadOnlyList<(Guid Child, Guid Certification)>> CertifiedChildrenAsync(int count, CancellationToken ct)
    {
        const int first = 100_000;   // household and person numbers apart from those of the charges' payers
        var households = await context.CreateAsync("households", count, i => context.Requests.RegisterHousehold(first + i), ApiRequests.Registered, ct);
        var certifications = await CreateAsync("certification applications", count, i => context.Requests.ApplyForCertification(households[i]), ct);
        await context.CreateAsync("certification decisions", count, i => context.Requests.Decide(certifications[i]), _ => 0, ct);
        return [.. households.Select((h, i) => (h.Child, certifications[i]))];
    }

    private Task<IReadOnlyList<Guid>> CreateAsync(string label, int count, Func<int, HttpRequestMessage> request, CancellationToken ct) =>
        context.CreateAsync(label, count, request, ApiRequests.Created, ct);
}
