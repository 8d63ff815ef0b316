using System.Text.Json;
using KosodateShien.Domain.Collection;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// 収納充当 through the API: a payment for the payer as a whole spread over the payer's charges in the 収納充当順位 of the
/// collection rules in force on 納付日 (REFERENCE.md §7 収納), with 延滞金 on charges paid off late and the excess applied or refunded.
/// </summary>
public sealed class PayerPaymentTests(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>April 2025 100,000 (納期限 04-30), August 20,000 (08-31) and October 20,000 (10-31), assessed 2025-04-01.</summary>
    private async Task<(Guid Payer, Guid April, Guid August, Guid October)> AprilAugustOctober()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        return (payer, await Api.Charged(payer, "2025-04", 100_000), await Api.Charged(payer, "2025-08", 20_000), await Api.Charged(payer, "2025-10", 20_000));
    }

    private async Task<JsonElement> Paid(Guid payer, long amount, DateOnly paidOn)
    {
        JsonElement recorded = default;
        await Host.ExecuteAndWaitAsync(async () => recorded = ApiClient.Json(await Api.Post($"/api/payers/{payer}/payments", new { amount, paidOn }, 201, ApiClient.Finance)));
        return recorded;
    }

    private static List<(Guid, long, long)> Parts(JsonElement recorded) =>
        [.. recorded.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("chargeId").GetGuid(), p.GetProperty("applied").GetInt64(), p.GetProperty("outstanding").GetInt64()))];

    /// <summary>The first payment, 100,000 on 2025-08-20, pays April off late: its 延滞金 is a charge due 2025-09-30.</summary>
    private async Task<Guid> AprilPaidOffLate(Guid payer, Guid april)
    {
        Clock.Today = new DateOnly(2025, 8, 20);
        var first = await Paid(payer, 100_000, new DateOnly(2025, 8, 20));
        Parts(first).ShouldBe([(april, 100_000L, 0L)]);
        // 100,000 × 2.4 % × 31/365 (05-01〜05-31) + 100,000 × 8.7 % × 81/365 (06-01〜08-20) = 2,134.52 → 2,100 (100円未満切捨て)
        var part = first.GetProperty("parts")[0];
        part.GetProperty("lateFee").GetInt64().ShouldBe(2_100);
        (first.GetProperty("ruleVersion").GetInt32(), first.GetProperty("order").GetString(), first.GetProperty("excess").GetInt64()).ShouldBe((1, "principalFirst", 0L));
        return part.GetProperty("lateFeeChargeId").GetGuid();
    }

    [Fact]
    public async Task by_default_a_payment_pays_the_oldest_due_principal_first_and_the_late_fee_last()
    {
        var (payer, april, august, october) = await AprilAugustOctober();
        var lateFee = await AprilPaidOffLate(payer, april);
        Clock.Today = new DateOnly(2025, 8, 25);

        // 30,000: August 20,000, October 10,000; the 延滞金 (納期限 09-30, older than October's) waits behind the principal.
        var second = await Paid(payer, 30_000, new DateOnly(2025, 8, 25));

        Parts(second).ShouldBe([(august, 20_000L, 0L), (october, 10_000L, 10_000L)]);
        var part = second.GetProperty("parts")[1];
        (part.GetProperty("collectionNumber").GetString()!.Length > 0, part.GetProperty("subject").GetString(), part.GetProperty("month").GetString(),
            part.GetProperty("dueDate").GetString(), part.GetProperty("amount").GetInt64()).ShouldBe((true, "userFee", "2025-10-01", "2025-10-31", 10_000L));
        var charge = await Api.GetJson($"/api/charges/{october}", ApiClient.Finance);
        var payment = charge.GetProperty("payments").EnumerateArray().ShouldHaveSingleItem();
        (payment.GetProperty("allocationId").GetGuid(), payment.GetProperty("allocationRuleVersion").GetInt32(), payment.GetProperty("paymentId").GetGuid())
            .ShouldBe((second.GetProperty("allocationId").GetGuid(), 1, part.GetProperty("paymentId").GetGuid()));
        var labels = (await Api.GetJson($"/api/charges/{october}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels[^1].ShouldBe("収納 2025-08-25: 10,000円 (納入義務者への納付を収納充当, 基準 v1)");
        (await Api.GetJson($"/api/charges/{lateFee}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(2_100);
        (await Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(12_100);
    }

    [Fact]
    public async Task a_rule_version_in_force_on_the_payment_day_with_fees_after_their_charge_pays_the_late_fee_of_april_first()
    {
        // From 2025-08-22 the municipality puts 延滞金 and 督促手数料 right after the charge they arose from (a rule version).
        await using (var session = Store.LightweightSession())
        {
            session.Store(CollectionRuleSet.Default with
            {
                Id = "standard-v2", Version = 2, EffectiveFrom = new DateOnly(2025, 8, 22), PaymentAllocation = PaymentAllocationOrder.FeesWithTheirCharge,
            });
            await session.SaveChangesAsync();
        }
        var (payer, april, august, october) = await AprilAugustOctober();
        var lateFee = await AprilPaidOffLate(payer, april);
        Clock.Today = new DateOnly(2025, 8, 25);

        // 30,000: April's 延滞金 2,100 first (it ranks with April, 納期限 04-30), then August 20,000, October 7,900.
        var second = await Paid(payer, 30_000, new DateOnly(2025, 8, 25));

        Parts(second).ShouldBe([(lateFee, 2_100L, 0L), (august, 20_000L, 0L), (october, 7_900L, 12_100L)]);
        (second.GetProperty("ruleVersion").GetInt32(), second.GetProperty("order").GetString()).ShouldBe((2, "feesWithTheirCharge"));
        (await Api.GetJson($"/api/charges/{lateFee}", ApiClient.Finance)).GetProperty("payments")[0].GetProperty("allocationRuleVersion").GetInt32().ShouldBe(2);
        (await Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(12_100);
    }

    [Fact]
    public async Task an_amount_beyond_what_is_owed_on_the_payment_day_is_applied_to_a_later_charge_and_the_rest_refunded()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var april = await Api.Charged(payer, "2025-04", 30_000);
        Clock.Today = new DateOnly(2025, 5, 1);
        var may = await Api.Charged(payer, "2025-05", 30_000);
        Clock.Today = new DateOnly(2025, 5, 2);

        // Paid on 04-25, when only April was assessed: April 30,000, and the 20,000 beyond it stays on April as a 過誤納,
        // applied (充当) to May the day it is recorded; May counts as paid by it from its 納期限 (充当適状日 05-31).
        JsonElement first = default;
        await Host.ExecuteAndWaitAsync(async () => first = await Paid(payer, 50_000, new DateOnly(2025, 4, 25)));
        Parts(first).ShouldBe([(april, 30_000L, 0L)]);
        (first.GetProperty("parts")[0].GetProperty("amount").GetInt64(), first.GetProperty("excess").GetInt64(), first.GetProperty("excessChargeId").GetGuid())
            .ShouldBe((50_000L, 20_000L, april));
        var pending = (await Api.GetJson($"/api/charges/{april}", ApiClient.Finance)).GetProperty("pendingAppropriations").EnumerateArray().ShouldHaveSingleItem();
        (pending.GetProperty("amount").GetInt64(), pending.GetProperty("on").GetString(), pending.GetProperty("effectiveOn").GetString())
            .ShouldBe((-20_000L, "2025-05-02", "2025-05-31"));
        var aprilThen = await Api.GetJson($"/api/charges/{april}?asOf=2025-05-31", ApiClient.Finance);
        (aprilThen.GetProperty("overpaid").GetInt64(), aprilThen.GetProperty("appropriations")[0].GetProperty("amount").GetInt64()).ShouldBe((0L, -20_000L));
        (await Api.GetJson($"/api/charges/{may}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(30_000);
        (await Api.GetJson($"/api/charges/{may}?asOf=2025-05-31", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(10_000);

        // 60,000 on 05-02: May's 10,000 (what the 充当 leaves), and the 50,000 beyond everything owed is refunded (還付): 30,000
        // now, and the 20,000 applied into May from the day that 充当 takes effect.
        JsonElement second = default;
        await Host.ExecuteAndWaitAsync(async () => second = await Paid(payer, 60_000, new DateOnly(2025, 5, 2)));
        Parts(second).ShouldBe([(may, 10_000L, 0L)]);
        (second.GetProperty("excess").GetInt64(), second.GetProperty("excessChargeId").GetGuid()).ShouldBe((50_000L, may));
        var account = await Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance);
        (account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64(), account.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 20_000L, 30_000L));
        account = await Api.GetJson($"/api/payers/{payer}/account?asOf=2025-05-31", ApiClient.Finance);
        (account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64(), account.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 0L, 50_000L));
    }

    [Fact]
    public async Task two_payments_for_the_payer_at_once_are_both_recorded_the_second_paying_what_the_first_left()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var january = await Api.Charged(payer, "2027-01", 30_000);
        var february = await Api.Charged(payer, "2027-02", 30_000);

        // The second waits on the row locks the first holds, then sees January paid and pays February.
        var both = await Task.WhenAll(
            Api.Post($"/api/payers/{payer}/payments", new { amount = 30_000, paidOn = TestClock.DefaultToday }, 201, ApiClient.Finance),
            Api.Post($"/api/payers/{payer}/payments", new { amount = 30_000, paidOn = TestClock.DefaultToday }, 201, ApiClient.Finance));

        both.Select(r => Parts(ApiClient.Json(r)).ShouldHaveSingleItem().Item1).Order().ShouldBe(new[] { january, february }.Order());
        var account = await Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance);
        (account.GetProperty("paid").GetInt64(), account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64()).ShouldBe((60_000L, 0L, 0L));
    }

    [Fact]
    public async Task bad_payments_are_refused_naming_the_field_and_nothing_is_recorded()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        async Task<JsonElement> Refused(Guid who, object body, int status) => ApiClient.Json(await Api.Post($"/api/payers/{who}/payments", body, status, ApiClient.Finance));
        var today = TestClock.DefaultToday;

        // No charge yet to hold the money.
        var none = await Refused(payer, new { amount = 1_000, paidOn = today }, 422);
        (none.GetProperty("rule").GetString(), none.GetProperty("errors").TryGetProperty("payerId", out _)).ShouldBe(("payment.no-charge", true));
        var charge = await Api.Charged(payer, "2027-01", 30_000);

        (await Refused(payer, new { amount = 0, paidOn = today }, 400)).GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        (await Refused(payer, new { amount = 1_000, paidOn = today, bookedOn = today.AddDays(-1) }, 400)).GetProperty("errors").TryGetProperty("bookedOn", out _)
            .ShouldBeTrue();
        var future = await Refused(payer, new { amount = 1_000, paidOn = today.AddDays(1) }, 422);
        (future.GetProperty("rule").GetString(), future.GetProperty("errors").TryGetProperty("paidOn", out _)).ShouldBe(("date.in-future", true));
        await Api.Post($"/api/payers/{Guid.NewGuid()}/payments", new { amount = 1_000, paidOn = today }, 404, ApiClient.Finance);
        await Api.Post($"/api/payers/{payer}/payments", new { amount = 1_000, paidOn = today }, 403, ApiClient.Clerk);

        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("payments").GetArrayLength().ShouldBe(0);
    }
}
