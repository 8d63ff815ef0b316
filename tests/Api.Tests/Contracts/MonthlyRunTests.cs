using KosodateShien.Application.Contracts;
using KosodateShien.Application.Hosting;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>The scheduled monthly run, April class progression, the facility roster and the ward's fee list.</summary>
public sealed class MonthlyRunTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<(CertifiedFamily Family, Guid Facility, Guid Placement)> PlacedInApril(DateOnly birth)
    {
        var placed = await Host.PlacedInApril(Api, birth);
        return (placed.Family, placed.FacilityId, placed.PlacementId);
    }

    private static readonly DateOnly May = new(2027, 5, 1);

    /// <summary>The revisions of the month's charge notices (the last step of a run: a month not run has none).</summary>
    private async Task<int[]> NoticeRevisions(DateOnly month) =>
        [.. (await Api.GetJson($"/api/charge-notices?month={month:yyyy-MM-dd}", ApiClient.Finance)).GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("revision").GetInt32())];

    [Fact]
    public async Task the_scheduler_runs_each_month_once_even_when_asked_again()
    {
        var (family, _, placement) = await PlacedInApril(new DateOnly(2025, 6, 20));
        Clock.Today = new DateOnly(2027, 5, 3);
        var scheduler = new MonthlyFeeScheduler(Host.Services, Clock, new StartupGate(), NullLogger<MonthlyFeeScheduler>.Instance);

        (await scheduler.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
        (await scheduler.RunIfDueAsync(CancellationToken.None)).ShouldBeFalse();

        // May's fee is April's (nothing changed), so the run determines nothing new and charges May once.
        (await NoticeRevisions(May)).ShouldNotBeEmpty();
        (await NoticeRevisions(May)).ShouldAllBe(r => r == 1);
        var fees = (await Api.GetJson($"/api/children/{family.Family.ChildId}/monthly-fees?from=2027-04-01&to=2027-05-01", ApiClient.Finance)).EnumerateArray().ToList();
        fees.Select(f => (f.GetProperty("month").GetString(), f.GetProperty("determinedFor").GetString())).ShouldBe([("2027-04-01", "2027-04-01"), ("2027-05-01", "2027-04-01")]);
        (await Api.GetJson($"/api/placements/{placement}")).GetProperty("fees").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_run_that_failed_is_tried_again_at_the_next_check()
    {
        await PlacedInApril(new DateOnly(2025, 6, 20));
        Clock.Today = new DateOnly(2027, 5, 3);
        var scheduler = new MonthlyFeeScheduler(Host.Services, Clock, new StartupGate(), NullLogger<MonthlyFeeScheduler>.Instance);
        // Without its fee rule set the run fails half-way, after the month was claimed.
        await using (var session = Store.LightweightSession())
        {
            session.DeleteWhere<Domain.Fees.FeeRuleSet>(_ => true);
            await session.SaveChangesAsync();
        }

        await Should.ThrowAsync<Exception>(() => scheduler.RunIfDueAsync(CancellationToken.None));
        await Application.Fees.FeeRuleSetStore.EnsureShippedAsync(Store, CancellationToken.None);

        (await NoticeRevisions(May)).ShouldBeEmpty();
        (await scheduler.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
        (await NoticeRevisions(May)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task a_check_while_another_node_runs_the_month_leaves_it_to_that_node()
    {
        await PlacedInApril(new DateOnly(2025, 6, 20));
        Clock.Today = new DateOnly(2027, 5, 3);
        var scheduler = new MonthlyFeeScheduler(Host.Services, Clock, new StartupGate(), NullLogger<MonthlyFeeScheduler>.Instance);
        var key = MonthlyFeeScheduler.LockKeyFor(new DateOnly(2027, 5, 1));

        await using (var otherNode = Store.Storage.Database.CreateConnection())
        {
            await otherNode.OpenAsync();
            await using (var lockIt = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({key})", otherNode)) await lockIt.ExecuteNonQueryAsync();

            (await scheduler.RunIfDueAsync(CancellationToken.None)).ShouldBeFalse();
            (await NoticeRevisions(May)).ShouldBeEmpty();
            // A pooled connection keeps its session's locks, so the other node lets go explicitly (a node that dies loses them with its connection).
            await using (var unlock = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({key})", otherNode)) await unlock.ExecuteNonQueryAsync();
        }

        (await scheduler.RunIfDueAsync(CancellationToken.None)).ShouldBeTrue();
        (await NoticeRevisions(May)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task april_moves_running_placements_up_a_class()
    {
        // Born 2025-06-20: 1歳児 in 年度2027, 2歳児 in 年度2028.
        var (_, _, placement) = await PlacedInApril(new DateOnly(2025, 6, 20));
        Clock.Today = new DateOnly(2028, 4, 2);
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/fees/monthly-runs", new { month = new DateOnly(2028, 4, 1) }, 200, ApiClient.Finance));

        var after = await Api.GetJson($"/api/placements/{placement}");
        after.GetProperty("classAge").GetInt32().ShouldBe(2);
        after.GetProperty("classFiscalYear").GetInt32().ShouldBe(2028);
        var history = await Api.GetJson($"/api/placements/{placement}/history");
        history.EnumerateArray().ShouldContain(e => e.GetProperty("label").GetString() == "クラス進級 (2歳児クラス)");
    }

    [Fact]
    public async Task the_roster_counts_enrolled_children_by_class_and_the_fee_list_totals_the_month()
    {
        var (_, facility, _) = await PlacedInApril(new DateOnly(2025, 6, 20));

        var roster = await Api.GetJson($"/api/facilities/{facility}/roster?month=2027-04-01", ApiClient.Auditor);
        roster.GetProperty("enrolled").GetInt32().ShouldBe(1);
        var count = roster.GetProperty("counts").EnumerateArray().Single();
        count.GetProperty("classAge").GetInt32().ShouldBe(1);
        count.GetProperty("category").GetString().ShouldBe("3");
        count.GetProperty("careLevel").GetString().ShouldBe("standard");
        (await Api.GetJson($"/api/facilities/{facility}/roster?month=2027-03-01")).GetProperty("enrolled").GetInt32().ShouldBe(0);

        var list = await Api.GetJson("/api/fees/monthly-list?month=2027-04-01", ApiClient.Finance);
        list.GetProperty("placements").GetInt32().ShouldBe(1);
        list.GetProperty("totalFees").GetInt64().ShouldBe(list.GetProperty("lines")[0].GetProperty("fee").GetInt64());
        await Api.Get("/api/fees/monthly-list?month=2027-04-15", 400);
    }
}
