using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// 充当適状日 through the API (地方税法17条の2④ with 施行令6条の15, applied by analogy): a 充当 takes effect on the later of the
/// target's 納期限 and the day the 過誤納 arose, not on the day it is made; as-of views and 延滞金 follow it.
/// </summary>
public sealed class AppropriationDateTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_double_payment_recorded_days_later_pays_the_overdue_june_charge_from_the_day_of_the_payment()
    {
        Clock.Today = new DateOnly(2025, 5, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var may = await Api.Charged(payer, "2025-05", 30_000);
        var june = await Api.Charged(payer, "2025-06", 30_000);      // 納期限 2025-06-30, never paid
        Clock.Today = new DateOnly(2025, 5, 20);
        await Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = Clock.Today }, 200, ApiClient.Finance);

        // Paid again on 07-10; the bank's report reaches the office on 07-15.
        Clock.Today = new DateOnly(2025, 7, 15);
        await Host.ExecuteAndWaitAsync(() => Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = new DateOnly(2025, 7, 10) }, 200,
            ApiClient.Finance));

        var paid = await Api.GetJson($"/api/charges/{june}?asOf=2025-07-11", ApiClient.Finance);
        (paid.GetProperty("status").GetString(), paid.GetProperty("outstanding").GetInt64()).ShouldBe(("paid", 0L));
        var appropriation = paid.GetProperty("appropriations").EnumerateArray().ShouldHaveSingleItem();
        (appropriation.GetProperty("on").GetString(), appropriation.GetProperty("effectiveOn").GetString(), appropriation.GetProperty("amount").GetInt64())
            .ShouldBe(("2025-07-15", "2025-07-10", 30_000L));
        var before = await Api.GetJson($"/api/charges/{june}?asOf=2025-07-09", ApiClient.Finance);
        (before.GetProperty("status").GetString(), before.GetProperty("outstanding").GetInt64()).ShouldBe(("overdue", 30_000L));
        (await Api.GetJson($"/api/charges/{may}?asOf=2025-07-11", ApiClient.Finance)).GetProperty("overpaid").GetInt64().ShouldBe(0);
        var mayNumber = (await Api.GetJson($"/api/charges/{may}", ApiClient.Finance)).GetProperty("collectionNumber").GetString();
        var labels = (await Api.GetJson($"/api/charges/{june}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels[^1].ShouldBe($"充当受入 2025-07-15 (充当適状日 2025-07-10): 30,000円 ← {mayNumber}");
    }

    [Fact]
    public async Task the_late_fee_of_a_charge_paid_off_by_an_appropriation_runs_to_the_day_it_took_effect_not_the_day_it_was_made()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var april = await Api.Charged(payer, "2025-04", 100_000);     // 納期限 2025-04-30, never paid
        var august = await Api.Charged(payer, "2025-08", 20_000);
        Clock.Today = new DateOnly(2025, 9, 30);

        // 120,000 paid on 07-10 for August's 20,000, recorded on 09-30: the 100,000 pays April off from 07-10.
        await Host.ExecuteAndWaitAsync(() => Api.PostJson($"/api/charges/{august}/payments", new { amount = 120_000, paidOn = new DateOnly(2025, 7, 10) }, 200,
            ApiClient.Finance));

        // 100,000 × 2.4 % × 31/365 (05-01〜05-31) + 100,000 × 8.7 % × 40/365 (06-01〜07-10) = 203.84 + 953.42 = 1,157.26 → 1,100
        // (to 09-30, the day the 充当 was made, it would be 3,100).
        var charge = await Api.GetJson($"/api/charges/{april}", ApiClient.Finance);
        (charge.GetProperty("status").GetString(), charge.GetProperty("lateFee").GetInt64()).ShouldBe(("paid", 1_100L));
        (await Api.GetJson($"/api/charges/{april}?asOf=2025-07-10", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(0);
        var lateFee = await Api.GetJson($"/api/charges/{charge.GetProperty("lateFeeChargeId").GetGuid()}", ApiClient.Finance);
        (lateFee.GetProperty("amount").GetInt64(), lateFee.GetProperty("assessedOn").GetString()).ShouldBe((1_100L, "2025-07-10"));
    }
}
