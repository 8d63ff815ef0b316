using System.Data;
using JasperFx;
using KosodateShien.Application.Fees;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Registry;
using Marten;
using Npgsql;

namespace KosodateShien.Application.Contracts;

/// <summary>How the monthly run splits its work.</summary>
/// <param name="PlacementsPerChunk">about how many placements one transaction decides (whole households: a chunk closes at the first household past this)</param>
/// <param name="Parallelism">chunks in flight at once (each its own session and connection)</param>
/// <param name="MaxAttempts">how often a chunk is tried when a concurrent writer moved one of its placements first</param>
/// <param name="BulkAppend">append with <see cref="PlacementBulkAppender"/> (three set-based statements per chunk) when the store
/// allows it; false appends through <c>session.Events.Append</c>, two statements per placement</param>
public sealed record MonthlyFeeDeterminationOptions(int PlacementsPerChunk = 2_000, int Parallelism = 3, int MaxAttempts = 3, bool BulkAppend = true)
{
    public static MonthlyFeeDeterminationOptions Default { get; } = new();

    /// <summary>Called after a chunk has read its facts and queued its events, just before it commits (tests use it to race a writer).</summary>
    public Func<IReadOnlyCollection<Guid>, CancellationToken, Task>? BeforeCommit { get; init; }
}

/// <summary>What a monthly run did.</summary>
/// <param name="Placements">placements covering the month</param>
/// <param name="Households">households whose fees were determined</param>
/// <param name="Chunks">transactions committed (or found nothing to append)</param>
/// <param name="EventsAppended">クラス進級 and 利用者負担額決定 events appended</param>
/// <param name="Retries">chunks read and decided again after a concurrent writer moved one of their placements</param>
/// <param name="BulkChunks">chunks whose events were appended by <see cref="PlacementBulkAppender"/> (the others through <c>Events.Append</c>)</param>
public sealed record MonthlyFeeDeterminationResult(int Placements, int Households, int Chunks, int EventsAppended, int Retries, int BulkChunks = 0);

/// <summary>
/// The month's routine run for every placement, in bulk: one query finds the placements covering the month and another the
/// households of their children; the households are then split into chunks of whole households (about
/// <see cref="MonthlyFeeDeterminationOptions.PlacementsPerChunk"/> placements), and each chunk, in its own session and transaction,
/// in one repeatable-read transaction, reads its facts in two round trips (<see cref="FeeFacts.ForHouseholdsAsync"/>), decides
/// with the pure engine (<see cref="FeeDeterminations.Decide"/>, the same decision the per-household jobs make) and appends
/// every placement's events with the stream version of that snapshot as the expected version. A writer that appended to one
/// of the chunk's placements after the chunk's snapshot makes the commit fail (Marten's optimistic check, or PostgreSQL's
/// repeatable-read check on the stream row); the chunk's transaction rolls back whole and the chunk is read and decided
/// again, up to <see cref="MonthlyFeeDeterminationOptions.MaxAttempts"/> times, so no update is lost or overwritten.
/// Chunks commit independently: a run that stops half-way leaves whole chunks done, and running the month again finishes
/// it (unchanged fees append nothing). In April the placements running on 1 April move up a class first, in the same
/// transaction as their fees. Events carry the user, correlation and causation of the session the run was started with.
/// </summary>
public static class MonthlyFeeDetermination
{
    public static async Task<MonthlyFeeDeterminationResult> RunAsync(IDocumentSession origin, FeeSettings settings, DateOnly month, MonthlyFeeDeterminationOptions options, CancellationToken ct)
    {
        if (month.Day != 1) throw new DomainRuleException("fee.month", "Fees are for a month: give its first day (YYYY-MM-01).", "month");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PlacementsPerChunk, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));

        var end = JapaneseDates.EndOfMonth(month);
        var covering = await origin.Query<Placement>()
            .Where(p => p.StartsOn <= end && (p.EndsOn == null || p.EndsOn >= month))
            .Select(p => new { p.Id, p.ChildId })
            .ToListAsync(ct);
        var memberships = (await origin.LoadManyAsync<PersonMembership>(ct, covering.Select(p => p.ChildId).Distinct()))
            .Where(m => m.HouseholdId is not null).ToDictionary(m => m.Id, m => m.HouseholdId!.Value);

        // A chunk is whole households; in April it also carries the covering placements of their children (クラス進級), and the
        // placements of children who belong to no household get chunks of their own.
        var progressing = month.Month == 4;
        var byHousehold = covering.Where(p => memberships.ContainsKey(p.ChildId))
            .GroupBy(p => memberships[p.ChildId])
            .OrderBy(g => g.Key)
            .Select(g => (Household: g.Key, Placements: g.Select(p => p.Id).ToList()))
            .ToList();
        var chunks = new List<Chunk>();
        var current = new Chunk();
        foreach (var (household, placements) in byHousehold)
        {
            current.Households.Add(household);
            if (progressing) current.Progressing.AddRange(placements);
            current.Weight += placements.Count;
            if (current.Weight < options.PlacementsPerChunk) continue;
            chunks.Add(current);
            current = new Chunk();
        }
        if (progressing)
            foreach (var orphan in covering.Where(p => !memberships.ContainsKey(p.ChildId)))
            {
                current.Progressing.Add(orphan.Id);
                if (++current.Weight < options.PlacementsPerChunk) continue;
                chunks.Add(current);
                current = new Chunk();
            }
        if (current.Weight > 0) chunks.Add(current);

        if (chunks.Count == 0) return new MonthlyFeeDeterminationResult(covering.Count, 0, 0, 0, 0);
        // Read once for the run (only when there is something to decide: a month before the rule set has no fees to determine).
        var rules = byHousehold.Count > 0 ? await origin.FeeRulesInForceAsync(settings.RuleSet, month, ct) : null;
        var metadata = new RunMetadata(origin.LastModifiedBy, origin.CorrelationId, origin.CausationId);
        int appended = 0, retries = 0, bulkChunks = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (chunk, token) =>
        {
            var (events, attempts, bulk) = await RunChunkAsync(origin.DocumentStore, metadata, chunk, rules, month, options, token);
            Interlocked.Add(ref appended, events);
            Interlocked.Add(ref retries, attempts - 1);
            if (bulk) Interlocked.Increment(ref bulkChunks);
        });
        return new MonthlyFeeDeterminationResult(covering.Count, byHousehold.Count, chunks.Count, appended, retries, bulkChunks);
    }

    private static async Task<(int Events, int Attempts, bool Bulk)> RunChunkAsync(IDocumentStore store, RunMetadata metadata, Chunk chunk, FeeRuleSet? rules, DateOnly month,
        MonthlyFeeDeterminationOptions options, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // One repeatable-read transaction from the first read to the commit: the facts, the placement snapshots and the
            // stream versions are one consistent snapshot. Appending through Marten, the session keeps an identity map so the
            // inline projection applies the new events to the placements already read instead of reading them again.
            var bulk = options.BulkAppend ? await PlacementBulkAppender.For(store, ct) : null;
            await using var session = bulk is not null ? store.LightweightSession(IsolationLevel.RepeatableRead) : store.IdentitySession(IsolationLevel.RepeatableRead);
            session.LastModifiedBy = metadata.User;
            session.CorrelationId = metadata.CorrelationId;
            session.CausationId = metadata.CausationId;
            await session.BeginTransactionAsync(ct);

            var pending = new PendingAppends();
            if (chunk.Progressing.Count > 0) await ProgressClassesAsync(session, chunk.Progressing, month, pending, ct);
            var reason = FeeDeterminations.RoutineReason(month);
            if (rules is not null)
                foreach (var inputs in await FeeFacts.ForHouseholdsAsync(session, chunk.Households, month, ct))
                    foreach (var (placement, determined) in FeeDeterminations.Decide(inputs, rules, month, reason))
                        pending.Add(placement, determined);
            if (pending.Count == 0) return (0, attempt, false);

            // The version each placement stream had in that snapshot is the version the decision was made on.
            var versions = await StreamVersionsAsync(session, [.. pending.Streams.Select(s => s.Placement.Id)], ct);
            if (bulk is not null)
                bulk.Queue(session, [.. pending.Streams.Select(s => (s.Placement, versions[s.Placement.Id], (IReadOnlyList<object>)s.Events))]);
            else
                foreach (var (placement, events) in pending.Streams)
                    session.Events.Append(placement.Id, versions[placement.Id] + events.Count, events);
            if (options.BeforeCommit is { } beforeCommit) await beforeCommit([.. pending.Streams.Select(s => s.Placement.Id)], ct);
            try
            {
                await session.SaveChangesAsync(ct);
                return (pending.Count, attempt, bulk is not null);
            }
            catch (Exception e) when (IsConflict(e) && attempt < options.MaxAttempts)
            {
                // A placement moved after we read it: nothing of this chunk was written; read and decide it again.
            }
        }
    }

    /// <summary>
    /// Another writer got to one of the chunk's streams first: Marten's version check (<see cref="ConcurrencyException"/>), or
    /// PostgreSQL refusing the repeatable-read transaction's update of a row changed since its snapshot (40001), the same
    /// stream version appended twice (23505) or two chunks locking shared streams in opposite orders (40P01).
    /// </summary>
    public static bool IsConflict(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is ConcurrencyException || inner is PostgresException { SqlState: "40001" or "23505" or "40P01" }) return true;
        return false;
    }

    private static async Task<IReadOnlyDictionary<Guid, long>> StreamVersionsAsync(IDocumentSession session, Guid[] streams, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams where id = any($1)", session.Connection);
        command.Parameters.AddWithValue(streams);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new Dictionary<Guid, long>(streams.Length);
        while (await reader.ReadAsync(ct)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>クラス進級 on 1 April for the chunk's placements still running that day, before their fees.</summary>
    private static async Task ProgressClassesAsync(IDocumentSession session, IReadOnlyList<Guid> placementIds, DateOnly month, PendingAppends pending, CancellationToken ct)
    {
        var placements = await session.LoadManyAsync<Placement>(ct, placementIds);
        var children = placements.Select(p => p.ChildId).Distinct().ToArray();
        var births = (await session.Query<Person>().Where(p => children.Contains(p.Id)).Select(p => new ChildFacts(p.Id, p.BirthDate)).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => p.BirthDate);
        foreach (var placement in placements.OrderBy(p => p.Id))
            if (placement.CoversMonth(month) && births.TryGetValue(placement.ChildId, out var birth) && placement.ProgressClass(month.Year, birth) is { } progressed)
                pending.Add(placement, progressed);
    }

    private sealed class Chunk
    {
        public List<Guid> Households { get; } = [];
        public List<Guid> Progressing { get; } = [];
        public int Weight { get; set; }
    }

    private sealed record RunMetadata(string? User, string? CorrelationId, string? CausationId);

    /// <summary>Events per placement in the order decided, with the snapshot (and so the version) they were decided from.</summary>
    private sealed class PendingAppends
    {
        private readonly Dictionary<Guid, int> index = [];
        private readonly List<(Placement Placement, List<object> Events)> streams = [];

        public int Count { get; private set; }

        public IReadOnlyList<(Placement Placement, List<object> Events)> Streams => streams;

        public void Add(Placement placement, object @event)
        {
            if (!index.TryGetValue(placement.Id, out var i))
            {
                index[placement.Id] = i = streams.Count;
                streams.Add((placement, []));
            }
            streams[i].Events.Add(@event);
            Count++;
        }
    }
}
