using KosodateShien.Application.Collection;
using KosodateShien.Application.Common;
using KosodateShien.Application.Contracts;
using KosodateShien.Projections.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;
using static KosodateShien.Api.Tests.Analytics.AnalyticsDatabase;

namespace KosodateShien.Api.Tests.Analytics;

/// <summary>
/// The fee run and the payer's payments append in bulk, bypassing Marten's projections: the analysts' tables must not
/// stop them doing so, and must still get what they append.
/// </summary>
public sealed class AnalystBulkPathTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Pseudonyms Keys = Pseudonyms.Development;

    [Fact]
    public async Task the_bulk_appenders_stay_on_and_the_april_run_writes_the_class_and_fee_into_the_tables()
    {
        await Truncate();
        (await PlacementBulkAppender.For(Store, CancellationToken.None)).ShouldNotBeNull();
        (await SnapshotBulkAppender<Domain.Collection.Charge>.For(Store, ChargeAppends.Spec, CancellationToken.None)).ShouldNotBeNull();

        var placed = await Host.PlacedInApril(Api, new DateOnly(2025, 6, 20));
        // 年度2027 所得割 much higher than 年度2026's: April 2028 (クラス進級) has another tier and fee.
        await Host.TaxRecorded(Api, placed.Family.Family, 2027, 150_000, 140_000);
        Clock.Today = new DateOnly(2028, 4, 2);

        MonthlyFeeDeterminationResult result;
        await using (var session = Store.LightweightSession())
            result = await MonthlyFeeDetermination.RunAsync(session, Host.Services.GetRequiredService<FeeSettings>(), new DateOnly(2028, 4, 1), new MonthlyFeeDeterminationOptions(),
                CancellationToken.None);

        result.BulkChunks.ShouldBe(result.Chunks);
        result.EventsAppended.ShouldBeGreaterThanOrEqualTo(2);
        var fees = (await Api.GetJson($"/api/placements/{placed.PlacementId}", ApiClient.Auditor)).GetProperty("fees").EnumerateArray().ToList();
        var april2028 = fees.Single(f => f.GetProperty("month").GetString() == "2028-04-01").GetProperty("fee").GetInt64();
        var placement = (await Rows($"select * from {Schema}.placements")).ShouldHaveSingleItem();
        placement["age_class"].ShouldBe(2);
        placement["class_fiscal_year"].ShouldBe(2028);
        var decisions = await Rows($"select * from {Schema}.fee_decisions order by month");
        decisions.Select(d => ((DateTime)d["month"]!).ToString("yyyy-MM")).ShouldBe(["2027-04", "2028-04"]);
        decisions[^1]["fee"].ShouldBe(april2028);
        decisions[^1]["reason"].ShouldBe("aprilProgression");
        decisions[^1]["child_key"].ShouldBe(Keys.Of(placed.Family.Family.ChildId));
        decisions[^1]["fee"].ShouldNotBe(decisions[0]["fee"]);
    }

    [Fact]
    public async Task payments_for_the_payer_as_a_whole_are_collected_in_the_charges_table()
    {
        await Truncate();
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var april = await Api.Charged(family.MotherId, "2027-04", 30_000);
        var may = await Api.Charged(family.MotherId, "2027-05", 30_000);

        await Host.ExecuteAndWaitAsync(async () => await Api.Post($"/api/payers/{family.MotherId}/payments", new { amount = 45_000, paidOn = TestClock.DefaultToday }, 201, ApiClient.Finance));

        var charges = (await Rows($"select * from {Schema}.charges")).ToDictionary(c => (Guid)c["charge_key"]!);
        charges[Keys.Of(april)]["collected_amount"].ShouldBe(30_000L);
        charges[Keys.Of(april)]["status"].ShouldBe("paid");
        charges[Keys.Of(may)]["collected_amount"].ShouldBe(15_000L);
        charges[Keys.Of(may)]["outstanding_amount"].ShouldBe(15_000L);
        charges.Values.ShouldAllBe(c => (Guid)c["payer_key"]! == Keys.Of(family.MotherId));
    }
}
