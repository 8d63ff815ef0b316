using KosodateShien.Bench.Api;
using KosodateShien.Domain.Contracts;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// (e), RELIABILITY C2: N parallel placements (直接契約, each on its own child's certification and with its own
/// Idempotency-Key) into one facility whose 1歳児 class has P places, all 1歳児 starting the same April: exactly P accepted,
/// never more accepted or stored; the others refused 422 <see cref="ClassPlaces.Rule"/> (the service's 利用定員 rule) with
/// nothing stored; no child placed twice.
/// </summary>
public sealed class CapacityScenario(FaultsContext context)
{
    public const string Title = "parallel placements into a full class";

    public async Task<ScenarioOutcome> RunAsync(CancellationToken ct)
    {
        var (placements, places) = (context.Options.Placements, context.Options.Places);
        var title = $"{placements} placements into {places} places";
        context.Output.WriteLine($"  (e) {title}");
        var startsOn = ApiRequests.NextFiscalYearStart(context.Today);
        var children = await CertifiedChildrenAsync(placements, ApiRequests.OneYearOldBorn(startsOn), ct);
        var facility = await CreateAsync("facility", 1, i => context.Requests.RegisterFacility(1, [0, places, 0, 0, 0, 0]), ct);

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
        var stored = (await database.CountsAsync($"select data ->> 'childId', count(*) from {database.Schema}.mt_doc_placement where data ->> 'facilityId' = $1 group by 1",
            ct, facility[0].ToString())).ToDictionary(r => Guid.Parse(r.Key), r => r.Count);
        var accepted = commands.Count(c => c.Acknowledged);
        var full = commands.Count(c => c.Status == 422 && c.Body!.Contains($"\"{ClassPlaces.Rule}\"", StringComparison.Ordinal));
        var other = commands.Count - accepted - full;
        // A refused placement (or one never answered) must have stored nothing.
        var strays = commands.Count(c => !c.Acknowledged && stored.ContainsKey(c.Target));
        context.Output.WriteLine($"    answers: {accepted:N0} accepted, {full:N0} × 422 {ClassPlaces.Rule}, {other:N0} other; " +
            $"{stored.Values.Sum():N0} placements stored at the facility, {strays:N0} of them for a child not accepted");

        var outcome = new ScenarioOutcome("e", title)
        {
            Commands = commands.Count,
            Requests = client.Attempts.Count,
            Acknowledged = accepted,
            Present = commands.Count(c => stored.ContainsKey(c.Target)),
            Duplicated = stored.Values.Count(n => n > 1),
            Lost = commands.Count(c => c.Acknowledged && !stored.ContainsKey(c.Target)),
        };
        var what = "faults (e) placements";
        outcome.Targets.Add(Target.NoMoreThan($"{what} accepted or stored beyond the free places", Math.Max(0, Math.Max(accepted, stored.Values.Sum()) - places), "placements", 0));
        // Fewer would mean the rule refused a free place (or the children were not of the class the places are in).
        outcome.Targets.Add(Target.AtLeast($"{what} accepted", accepted, "placements", Math.Min(places, placements)));
        outcome.Targets.Add(Target.NoMoreThan($"{what} answered other than 2xx or 422 {ClassPlaces.Rule}", other, "placements", 0));
        outcome.Targets.Add(Target.NoMoreThan($"{what} lost, stored twice, or stored although not accepted", strays + outcome.Duplicated + outcome.Lost, "placements", 0));
        return outcome;
    }

    /// <summary>Households with a child born on <paramref name="born"/> each, its 保育認定 applied for and approved from next April.</summary>
    private async Task<IReadOnlyList<(Guid Child, Guid Certification)>> CertifiedChildrenAsync(int count, DateOnly born, CancellationToken ct)
    {
        const int first = 100_000;   // household and person numbers apart from those of the charges' payers
        var households = await context.CreateAsync("households", count, i => context.Requests.RegisterHousehold(first + i, born), ApiRequests.Registered, ct);
        var certifications = await CreateAsync("certification applications", count, i => context.Requests.ApplyForCertification(households[i]), ct);
        await context.CreateAsync("certification decisions", count, i => context.Requests.Decide(certifications[i]), _ => 0, ct);
        return [.. households.Select((h, i) => (h.Child, certifications[i]))];
    }

    private Task<IReadOnlyList<Guid>> CreateAsync(string label, int count, Func<int, HttpRequestMessage> request, CancellationToken ct) =>
        context.CreateAsync(label, count, request, ApiRequests.Created, ct);
}
