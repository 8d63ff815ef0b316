using JasperFx;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;
using Marten;

namespace KosodateShien.Bench.Tests.StoredFees;

/// <summary>
/// The bulk monthly run (<see cref="MonthlyFeeDetermination"/>) on a stored ward of a few hundred children, through the same
/// Wolverine handler the API and the scheduler use, against the per-household path and Marten's optimistic check.
/// </summary>
[Collection(StoredWardCollection.Name)]
public sealed class MonthlyFeeDeterminationTests(StoredWardFixture ward)
{
    private static readonly DateOnly June = new(2027, 6, 1);

    private Task RunMonth(DateOnly month) => ward.Bus.InvokeAsync(new DetermineMonthlyFees(month), CancellationToken.None, TimeSpan.FromMinutes(2));

    private static IEnumerable<Guid> Households(Fees.StoredFeeWorld world) => world.Streams.Where(s => s.Aggregate == typeof(Household)).Select(s => s.Id);

    private static IEnumerable<Guid> Placements(Fees.StoredFeeWorld world) => world.Streams.Where(s => s.Aggregate == typeof(Placement)).Select(s => s.Id);

    /// <summary>The per-household job (入所・減免・税更正 use it) run for every household, one transaction each, in the oracle schema.</summary>
    private async Task DecideHouseholdByHousehold(IEnumerable<Guid> households, DateOnly month)
    {
        foreach (var household in households)
        {
            await using var session = ward.Oracle.LightweightSession();
            await DetermineHouseholdFeesHandler.Handle(new DetermineHouseholdFees(household, month, month, FeeDeterminations.RoutineReason(month)), session, ward.Settings, TimeProvider.System,
                CancellationToken.None);
            await session.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task the_monthly_run_determines_exactly_what_the_per_household_path_determines()
    {
        var world = await ward.LoadAsync(300, seed: 7, June, oracleToo: true);

        await RunMonth(June);
        await DecideHouseholdByHousehold(Households(world), June);

        var bulk = await ward.FeesAsync(StoredWardFixture.Schema, June);
        var oracle = await ward.FeesAsync(StoredWardFixture.OracleSchema, June);
        bulk.Count.ShouldBe(world.Counts.Placements);
        bulk.Select(f => f.PlacementId).Distinct().Count().ShouldBe(world.Counts.Placements);
        bulk.Select(f => (f.PlacementId, f.Canonical)).ShouldBe(oracle.Select(f => (f.PlacementId, f.Canonical)));
        bulk.ShouldAllBe(f => f.UserName == DetermineMonthlyFeesHandler.SystemUser);
        // The ward is varied enough for the comparison to mean something: free 3–5歳児, charged 0–2歳児, new placements this month.
        bulk.ShouldContain(f => f.Fee == 0);
        bulk.ShouldContain(f => f.Fee > 0);
        bulk.ShouldContain(f => f.Reason == "Start");
    }

    [Fact]
    public async Task a_second_run_appends_nothing_and_a_backdated_leaving_is_corrected_to_zero()
    {
        var world = await ward.LoadAsync(200, seed: 11, June);
        await RunMonth(June);
        var afterFirst = await ward.EventCountAsync();

        await RunMonth(June);
        (await ward.EventCountAsync()).ShouldBe(afterFirst);

        // 退所 backdated to before June for a child whose sibling still attends (so the household is in the run): June's fee
        // of that placement is corrected to 0 by the next run.
        var withSiblings = world.Streams.Where(s => s.Aggregate == typeof(Placement)).Select(s => (PlacementStarted)s.Events[0])
            .GroupBy(p => p.HouseholdId).Where(g => g.Count() > 1).SelectMany(g => g).Select(p => p.PlacementId).ToHashSet();
        var fees = await ward.FeesAsync(StoredWardFixture.Schema, June);
        var charged = fees.First(f => f.Fee > 0 && withSiblings.Contains(f.PlacementId));
        await using (var session = ward.Store.LightweightSession())
        {
            session.Events.Append(charged.PlacementId, new ChildLeftFacility(charged.PlacementId, June.AddDays(-1), "転出"));
            await session.SaveChangesAsync();
        }
        await RunMonth(June);
        var afterLeaving = await ward.EventCountAsync();
        await RunMonth(June);

        // The 退所 itself, the 0 更正, and perhaps a sibling's fee (the leaver no longer counts for 多子軽減); then nothing more.
        afterLeaving.ShouldBeGreaterThanOrEqualTo(afterFirst + 2);
        (await ward.EventCountAsync()).ShouldBe(afterLeaving);
        var corrected = (await ward.FeesAsync(StoredWardFixture.Schema, June)).Where(f => f.PlacementId == charged.PlacementId).ToList();
        corrected.Count.ShouldBe(2);
        corrected[1].Fee.ShouldBe(0);
        corrected[1].Reason.ShouldBe("Leaving");
    }

    [Fact]
    public async Task in_april_every_running_placement_moves_up_a_class_before_its_fee()
    {
        var april = new DateOnly(2028, 4, 1);
        var world = await ward.LoadAsync(150, seed: 5, april);

        await RunMonth(april);

        await using var session = ward.Store.QuerySession();
        foreach (var id in Placements(world))
        {
            var events = await session.Events.FetchStreamAsync(id);
            var determined = events.Single(e => e.Data is FeeDetermined d && d.Month == april);
            if (((PlacementStarted)events[0].Data).StartsOn >= april) continue;
            var progressed = events.SingleOrDefault(e => e.Data is ClassProgressed { FiscalYear: 2028 });
            progressed.ShouldNotBeNull($"placement {id} started before April 2028 and must move up a class");
            progressed.Version.ShouldBeLessThan(determined.Version);
        }
        var placements = await session.Query<Placement>().ToListAsync();
        placements.ShouldAllBe(p => p.ClassFiscalYear == 2028);
    }

    [Fact]
    public async Task a_placement_changed_between_read_and_commit_fails_its_chunk_rather_than_losing_the_change()
    {
        await ward.LoadAsync(120, seed: 3, June);
        var options = new MonthlyFeeDeterminationOptions(PlacementsPerChunk: 40, Parallelism: 1, MaxAttempts: 1) { BeforeCommit = LeaveFirstPlacementOnce() };

        await using var origin = ward.Store.LightweightSession();
        var failure = await Record.ExceptionAsync(() => MonthlyFeeDetermination.RunAsync(origin, ward.Settings, June, options, CancellationToken.None));

        failure.ShouldBeAssignableTo<ConcurrencyException>();
        // Nothing of the chunk was written: not the placement that moved, nor its neighbours in the same transaction.
        var fees = await ward.FeesAsync(StoredWardFixture.Schema, June);
        fees.ShouldNotContain(f => firstChunk!.Contains(f.PlacementId));
        await using var session = ward.Store.QuerySession();
        (await session.LoadAsync<Placement>(firstChunk![0]))!.EndsOn.ShouldBe(June.AddDays(14));
    }

    [Fact]
    public async Task a_chunk_that_lost_the_race_is_read_and_decided_again()
    {
        var world = await ward.LoadAsync(120, seed: 3, June, oracleToo: true);
        var options = new MonthlyFeeDeterminationOptions(PlacementsPerChunk: 40, Parallelism: 2, MaxAttempts: 3) { BeforeCommit = LeaveFirstPlacementOnce() };

        await using var origin = ward.Store.LightweightSession();
        origin.LastModifiedBy = "test-finance";
        var result = await MonthlyFeeDetermination.RunAsync(origin, ward.Settings, June, options, CancellationToken.None);

        result.Retries.ShouldBe(1);
        result.EventsAppended.ShouldBe(world.Counts.Placements);
        var left = firstChunk![0];
        await using var session = ward.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(left);
        events[^2].Data.ShouldBeOfType<ChildLeftFacility>();
        events[^1].Data.ShouldBeOfType<FeeDetermined>();
        events.Count(e => e.Data is FeeDetermined).ShouldBe(1);
        ((FeeDetermined)events[^1].Data).Quote.Basis.EnrolledDays.ShouldBe(15);

        // The retried chunk decided from the changed placement: the same as the per-household path on the same facts.
        await using (var oracle = ward.Oracle.LightweightSession())
        {
            oracle.Events.Append(left, new ChildLeftFacility(left, June.AddDays(14), "転出"));
            await oracle.SaveChangesAsync();
        }
        await DecideHouseholdByHousehold(Households(world), June);
        var bulk = await ward.FeesAsync(StoredWardFixture.Schema, June);
        var expected = await ward.FeesAsync(StoredWardFixture.OracleSchema, June);
        bulk.Select(f => (f.PlacementId, f.Canonical)).ShouldBe(expected.Select(f => (f.PlacementId, f.Canonical)));
        bulk.ShouldAllBe(f => f.UserName == "test-finance");
    }

    [Fact]
    public async Task a_run_that_stops_half_way_leaves_whole_chunks_and_running_the_month_again_finishes_it()
    {
        var world = await ward.LoadAsync(150, seed: 5, June);
        var committed = new List<Guid>();
        var chunks = 0;
        // The process "dies" as its third chunk is about to commit: the first two are in, the third and later ones are not.
        var options = new MonthlyFeeDeterminationOptions(PlacementsPerChunk: 30, Parallelism: 1, MaxAttempts: 1)
        {
            BeforeCommit = (placements, _) =>
            {
                if (++chunks == 3) throw new IOException("connection lost");
                committed.AddRange(placements);
                return Task.CompletedTask;
            },
        };

        await using (var origin = ward.Store.LightweightSession())
            await Should.ThrowAsync<IOException>(() => MonthlyFeeDetermination.RunAsync(origin, ward.Settings, June, options, CancellationToken.None));

        var partial = await ward.FeesAsync(StoredWardFixture.Schema, June);
        partial.Select(f => f.PlacementId).Order().ShouldBe(committed.Order());
        committed.Count.ShouldBeLessThan(world.Counts.Placements);

        await RunMonth(June);

        var fees = await ward.FeesAsync(StoredWardFixture.Schema, June);
        fees.Select(f => f.PlacementId).Order().ShouldBe(Placements(world).Order());
        fees.Where(f => committed.Contains(f.PlacementId)).ShouldBe(partial);
    }

    private IReadOnlyList<Guid>? firstChunk;

    /// <summary>Just before the first chunk commits, another writer records that its first placement's child leaves mid-month.</summary>
    private Func<IReadOnlyCollection<Guid>, CancellationToken, Task> LeaveFirstPlacementOnce()
    {
        firstChunk = null;
        return async (placements, ct) =>
        {
            if (Interlocked.CompareExchange(ref firstChunk, [.. placements], null) is not null) return;
            await using var writer = ward.Store.LightweightSession();
            writer.Events.Append(firstChunk[0], new ChildLeftFacility(firstChunk[0], June.AddDays(14), "転出"));
            await writer.SaveChangesAsync(ct);
        };
    }
}
