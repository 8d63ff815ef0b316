using KosodateShien.Domain.Collection;

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
}
