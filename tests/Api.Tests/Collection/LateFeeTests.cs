using KosodateShien.Domain.Collection;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>延滞金 through the API: a charge paid in full after 納期限 gets its 延滞金 as a charge of its own.</summary>
public sealed class LateFeeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task paying_late_in_full_raises_the_late_fee_charge_with_its_basis()
    {
        // Test rates for 2027 (the shipped rules carry the published years only): 2.4 % / 8.7 %, as 2024.
        await using (var session = Store.LightweightSession())
        {
            session.Store(CollectionRuleSet.Default with
            {
                Id = "standard-v2", Version = 2, EffectiveFrom = new DateOnly(2027, 4, 1),
                LateFee = LateFeeRule.Standard with { Rates = [.. LateFeeRule.Standard.Rates, new LateFeeRate(2027, 2.4m, 8.7m)] },
            });
            await session.SaveChangesAsync();
        }
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = (await Api.PostJson("/api/charges", new { payerId = family.MotherId, subject = "other", fiscalYear = 2027, month = "2027-04", amount = 300_000,
            dueDate = new DateOnly(2027, 4, 30) }, 201, ApiClient.Finance)).GetProperty("id").GetGuid();
        Clock.Today = new DateOnly(2027, 7, 15);

        var paid = await Api.PostJson($"/api/charges/{id}/payments", new { amount = 300_000, paidOn = new DateOnly(2027, 7, 15) }, 200, ApiClient.Finance);
        paid.GetProperty("version").GetInt32().ShouldBe(3);

        // 300,000 × 2.4 % × 31/365 + 300,000 × 8.7 % × 45/365 = 3,829.3 → 3,800
        var charge = await Api.GetJson($"/api/charges/{id}?asOf=2027-07-15", ApiClient.Finance);
        charge.GetProperty("lateFee").GetInt64().ShouldBe(3_800);
        var lateFee = await Api.GetJson($"/api/charges/{charge.GetProperty("lateFeeChargeId").GetGuid()}", ApiClient.Finance);
        (lateFee.GetProperty("subject").GetString(), lateFee.GetProperty("amount").GetInt64(), lateFee.GetProperty("dueDate").GetString(), lateFee.GetProperty("ruleVersion").GetInt32())
            .ShouldBe(("lateFee", 3_800L, "2027-08-31", 2));
        (await Api.GetJson($"/api/charges/{id}?asOf=2027-07-14", ApiClient.Finance)).GetProperty("lateFee").GetInt64().ShouldBe(0);
        (await Api.GetJson($"/api/payers/{family.MotherId}/account", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(3_800);
    }

    [Fact]
    public async Task a_late_charge_paid_off_by_another_charges_overpayment_gets_its_late_fee_dated_the_appropriation_day()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var late = await Api.Charged(payer, "2025-04", 100_000);       // 納期限 2025-04-30, never paid
        var august = await Api.Charged(payer, "2025-08", 20_000);      // 納期限 2025-08-31
        Clock.Today = new DateOnly(2025, 8, 20);

        // 120,000 paid on August's 20,000: the 100,000 過誤納 is applied (充当) to April's charge the same day, paying it off late.
        await Host.ExecuteAndWaitAsync(() => Api.PostJson($"/api/charges/{august}/payments", new { amount = 120_000, paidOn = new DateOnly(2025, 8, 20) }, 200,
            ApiClient.Finance));

        // 100,000 × 2.4 % × 31/365 (05-01〜05-31) + 100,000 × 8.7 % × 81/365 (06-01〜08-20: 30 + 31 + 20 days)
        // = 203.84 + 1,930.68 = 2,134.52 → 2,100 (100円未満切捨て)
        var charge = await Api.GetJson($"/api/charges/{late}", ApiClient.Finance);
        (charge.GetProperty("status").GetString(), charge.GetProperty("outstanding").GetInt64(), charge.GetProperty("lateFee").GetInt64()).ShouldBe(("paid", 0L, 2_100L));
        var lateFee = await Api.GetJson($"/api/charges/{charge.GetProperty("lateFeeChargeId").GetGuid()}", ApiClient.Finance);
        (lateFee.GetProperty("subject").GetString(), lateFee.GetProperty("amount").GetInt64(), lateFee.GetProperty("dueDate").GetString())
            .ShouldBe(("lateFee", 2_100L, "2025-09-30"));
        var labels = (await Api.GetJson($"/api/charges/{late}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels[^2..].ShouldBe([$"充当受入 2025-08-20: 100,000円 ← {(await Api.GetJson($"/api/charges/{august}", ApiClient.Finance)).GetProperty("collectionNumber").GetString()}",
            "延滞金 2025-08-20: 2,100円"]);
        (await Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(2_100);
    }
}
