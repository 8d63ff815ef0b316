using KosodateShien.Domain.Collection;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>督促 by hand and by the run, its 指定期限, 督促手数料 and the 時効 it renews, through the API on real PostgreSQL.</summary>
public sealed class DunningTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_dunning_sets_the_deadline_and_the_charge_view_shows_prescription_before_and_after_the_renewal()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = await Api.Charged(family.MotherId, "2027-04");
        Clock.Today = new DateOnly(2027, 5, 25);

        var issued = await Api.PostJson($"/api/charges/{id}/dunning", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);
        (issued.GetProperty("designatedDeadline").GetString(), issued.GetProperty("withinPeriod").GetBoolean(), issued.GetProperty("prescriptionDate").GetString())
            .ShouldBe(("2027-05-30", true, "2032-05-29"));

        var before = await Api.GetJson($"/api/charges/{id}?asOf=2027-05-19", ApiClient.Finance);
        (before.GetProperty("prescriptionDate").GetString(), before.GetProperty("dunning").ValueKind).ShouldBe(("2032-04-30", System.Text.Json.JsonValueKind.Null));
        var after = await Api.GetJson($"/api/charges/{id}?asOf=2027-05-20", ApiClient.Finance);
        after.GetProperty("prescriptionDate").GetString().ShouldBe("2032-05-29");
        after.GetProperty("renewals")[0].GetProperty("cause").GetString().ShouldBe("督促");

        ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning", new { issuedOn = new DateOnly(2027, 5, 21) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("dunning.already-issued");
        var future = ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning", new { issuedOn = new DateOnly(2027, 6, 1) }, 422, ApiClient.Finance));
        (future.GetProperty("rule").GetString(), future.GetProperty("errors").TryGetProperty("issuedOn", out _)).ShouldBe(("date.in-future", true));
    }

    [Fact]
    public async Task the_run_dunns_every_charge_still_owing_within_twenty_days_after_its_due_date_once_with_its_fee_as_a_charge()
    {
        // A 100-yen 督促手数料 from May 2027 (a municipal rule version).
        await using (var session = Store.LightweightSession())
        {
            session.Store(CollectionRuleSet.Default with
            {
                Id = "standard-v2", Version = 2, EffectiveFrom = new DateOnly(2027, 5, 1), Dunning = CollectionRuleSet.Default.Dunning with { Fee = 100 },
            });
            await session.SaveChangesAsync();
        }
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var owing = await Api.Charged(family.MotherId, "2027-04");
        var paid = await Api.Charged(family.FatherId!.Value, "2027-04");
        var notYetDue = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2027, 5, 20);
        await Api.PostJson($"/api/charges/{paid}/payments", new { amount = 30_000, paidOn = new DateOnly(2027, 4, 30) }, 200, ApiClient.Finance);

        var run = await Api.PostJson("/api/dunning-runs", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);
        var notice = run.GetProperty("notices").EnumerateArray().ShouldHaveSingleItem();
        notice.GetProperty("chargeId").GetGuid().ShouldBe(owing);
        var feeCharge = await Api.GetJson($"/api/charges/{notice.GetProperty("feeChargeId").GetGuid()}", ApiClient.Finance);
        (feeCharge.GetProperty("subject").GetString(), feeCharge.GetProperty("amount").GetInt64(), feeCharge.GetProperty("dueDate").GetString())
            .ShouldBe(("dunningFee", 100L, "2027-05-30"));
        (await Api.GetJson($"/api/charges/{notYetDue}", ApiClient.Finance)).GetProperty("dunning").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        (await Api.PostJson("/api/dunning-runs", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance)).GetProperty("issued").GetInt32().ShouldBe(0);
        var labels = (await Api.GetJson($"/api/charges/{owing}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldContain("督促 2027-05-20 (指定期限 2027-05-30, 督促手数料 100円)");
    }
}
