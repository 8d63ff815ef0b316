using System.Diagnostics;

namespace KosodateShien.Bench.Faults;

/// <summary>What the month's fee run wrote, from the event store: determinations for the month, fee notices, the 調定 raised from them.</summary>
public sealed class FeeRunChecks(FaultsDatabase database, DateOnly month)
{
    private string Schema => database.Schema;

    /// <summary>Placements with a 利用者負担額決定 made for the month.</summary>
    public Task<long> DeterminedAsync(CancellationToken ct) => database.ScalarAsync<long>(
        $"select count(distinct stream_id) from {Schema}.mt_events where type = 'fee_determined' and (data ->> 'month')::date = $1", ct, month);

    /// <summary>The month's fee notices (one stream per payer × 科目) and how many revisions each got.</summary>
    public async Task<IReadOnlyList<(string Notice, long Count)>> NoticesAsync(CancellationToken ct) => await database.CountsAsync(
        $"select stream_id, count(*) from {Schema}.mt_events where type = 'monthly_charge_notified' and (data ->> 'month')::date = $1 group by stream_id", ct, month);

    /// <summary>
    /// The 調定 raised from the month's notices (they reach collection through the outbox, after the run answered): waits until
    /// one exists for each of <paramref name="notices"/>, or <paramref name="patience"/> has passed.
    /// </summary>
    public async Task<(long Raised, long Twice)> ChargesOfNoticesAsync(int notices, TimeSpan patience, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await database.CountsAsync($"""
                select a.data -> 'source' ->> 'noticeId', count(*) from {Schema}.mt_events a
                where a.type = 'charge_assessed' and (a.data ->> 'month')::date = $1 and a.data -> 'source' ->> 'noticeId' is not null
                group by 1
                """, ct, month);
            if (rows.Count >= notices || clock.Elapsed > patience) return (rows.Count, rows.Count(r => r.Count > 1));
            await Task.Delay(500, ct);
        }
    }
}

/// <summary>What a 督促 run wrote on the given charges.</summary>
public sealed class DunningChecks(FaultsDatabase database, IReadOnlyList<Guid> charges)
{
    public const string Event = "dunning_notice_issued";

    /// <summary>Of the charges, those with a 督促.</summary>
    public Task<long> DunnedAsync(CancellationToken ct) => database.ScalarAsync<long>(
        $"select count(distinct stream_id) from {database.Schema}.mt_events where type = '{Event}' and stream_id = any($1)", ct, charges.ToArray());
}
