using System.Diagnostics;
using KosodateShien.Bench.Api;

namespace KosodateShien.Bench.Faults;

/// <summary>
/// After a fault: does the service's background work run again, not just its requests? A keyed placement leaves its fee
/// determination as a message for after its commit (Wolverine's durable scheduled messages, polled from the database); the
/// check times how long after the placement its 利用者負担額決定 is in the event store.
/// </summary>
public static class BackgroundWorkCheck
{
    private static int checks;

    /// <returns>from the placement's answer to its fee determination; null when none came within a minute</returns>
    public static async Task<TimeSpan?> PlacementFeeAsync(FaultsContext context, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref checks);
        var requests = context.Requests;
        // A 1歳児 in the 年度 the placement starts, into a facility with places in that class (利用定員 is a rule of placements).
        var startsOn = ApiRequests.NextFiscalYearStart(context.Today);
        var household = (await context.CreateAsync("household", 1, _ => requests.RegisterHousehold(200_000 + n, ApiRequests.OneYearOldBorn(startsOn)),
            ApiRequests.Registered, ct))[0];
        var certification = (await context.CreateAsync("certification application", 1, _ => requests.ApplyForCertification(household), ApiRequests.Created, ct))[0];
        await context.CreateAsync("certification decision", 1, _ => requests.Decide(certification), _ => 0, ct);
        var facility = (await context.CreateAsync("facility", 1, _ => requests.RegisterFacility(100 + n, [0, 10, 0, 0, 0, 0]), ApiRequests.Created, ct))[0];
        var placement = (await context.CreateAsync("placement", 1, _ => requests.Place(household.Child, facility, certification, startsOn), ApiRequests.Created, ct))[0];
        var clock = Stopwatch.StartNew();
        await using var database = context.OpenDatabase();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if ((await database.EventsAsync([placement], "fee_determined", "month", ct))[placement].Count > 0) return clock.Elapsed;
            await Task.Delay(200, ct);
        }
        return null;
    }
}
