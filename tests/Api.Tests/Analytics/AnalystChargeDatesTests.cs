using KosodateShien.Projections.Analytics;
using Wolverine.Tracking;
using static KosodateShien.Api.Tests.Analytics.AnalyticsDatabase;

namespace KosodateShien.Api.Tests.Analytics;

/// <summary>The analysts' <c>charges</c> table dates what a charge received as the service does.</summary>
public sealed class AnalystChargeDatesTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly Pseudonyms Keys = Pseudonyms.Development;

    [Fact]
    public async Task a_charge_paid_by_an_appropriation_was_last_paid_on_its_effective_day_not_the_day_it_was_made()
    {
        await Truncate();
        Clock.Today = new DateOnly(2025, 5, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var may = await Api.Charged(payer, "2025-05", 30_000);
        var june = await Api.Charged(payer, "2025-06", 30_000);
        Clock.Today = new DateOnly(2025, 7, 15);
        await Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = new DateOnly(2025, 5, 20) }, 200, ApiClient.Finance);

        await Host.ExecuteAndWaitAsync(() => Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = new DateOnly(2025, 7, 10) }, 200,
            ApiClient.Finance));

        var row = (await Rows($"select * from {Schema}.charges")).Single(c => (Guid)c["charge_key"]! == Keys.Of(june));
        (row["last_paid_on"], row["status"]).ShouldBe((new DateTime(2025, 7, 10), "paid"));
    }
}
