using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>調定 by hand and from the monthly fee notices, 収納, 更正 and the payer's account, through the API on real PostgreSQL.</summary>
public sealed class ChargeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly Birth = new(2025, 6, 20);

    private async Task<(Guid Id, Guid Payer)> ChargedByHand(long amount = 61_000)
    {
        var family = await Api.RegisteredFamily(Birth);
        return (await Api.Charged(family.MotherId, "2027-04", amount), family.MotherId);
    }

    private Task<JsonElement> Charge(Guid id, string asOf) => Api.GetJson($"/api/charges/{id}?asOf={asOf}", ApiClient.Finance);

    [Fact]
    public async Task a_charge_entered_by_hand_is_due_at_month_end_prescribes_after_five_years_and_is_one_per_key()
    {
        var (id, payer) = await ChargedByHand();

        var charge = await Charge(id, "2027-04-15");
        charge.GetProperty("version").GetInt32().ShouldBe(1);
        charge.GetProperty("status").GetString().ShouldBe("open");
        charge.GetProperty("dueDate").GetString().ShouldBe("2027-04-30");
        charge.GetProperty("prescriptionDate").GetString().ShouldBe("2032-04-30");
        (charge.GetProperty("amount").GetInt64(), charge.GetProperty("outstanding").GetInt64(), charge.GetProperty("lateFee").GetInt64()).ShouldBe((61_000L, 61_000L, 0L));
        charge.GetProperty("carriedForward").GetBoolean().ShouldBeFalse();
        charge.GetProperty("collectionNumber").GetString()!.ShouldStartWith("C2027");
        (await Charge(id, "2027-05-01")).GetProperty("status").GetString().ShouldBe("overdue");

        var again = ApiClient.Json(await Api.Post("/api/charges", new { payerId = payer, subject = "userFee", fiscalYear = 2027, month = "2027-04", amount = 1_000 }, 409,
            ApiClient.Finance));
        again.GetProperty("rule").GetString().ShouldBe("stream.exists");
        (await Charge(id, "2027-04-15")).GetProperty("amount").GetInt64().ShouldBe(61_000);
    }

    [Fact]
    public async Task bad_charges_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var family = await Api.RegisteredFamily(Birth);
        async Task<JsonElement> Refused(object body, int status) => ApiClient.Json(await Api.Post("/api/charges", body, status, ApiClient.Finance));

        (await Refused(new { payerId = family.MotherId, subject = "userFee", fiscalYear = 2027, month = "2027-13", amount = 1_000 }, 400))
            .GetProperty("errors").TryGetProperty("month", out _).ShouldBeTrue();
        (await Refused(new { payerId = family.MotherId, subject = "userFee", fiscalYear = 2026, month = "2027-04", amount = 1_000 }, 400))
            .GetProperty("errors").TryGetProperty("fiscalYear", out _).ShouldBeTrue();
        (await Refused(new { payerId = family.MotherId, subject = "userFee", fiscalYear = 2027, month = "2027-04", amount = 0 }, 400))
            .GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        (await Refused(new { payerId = Guid.NewGuid(), subject = "userFee", fiscalYear = 2027, month = "2027-04", amount = 1_000 }, 422))
            .GetProperty("rule").GetString().ShouldBe("charge.unknown-payer");
        await Api.Post("/api/charges", new { payerId = family.MotherId, subject = "userFee", fiscalYear = 2027, month = "2027-04", amount = 1_000 }, 403, ApiClient.Clerk);

        var account = await Api.GetJson($"/api/payers/{family.MotherId}/account", ApiClient.Finance);
        account.GetProperty("charges").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task the_account_of_a_payer_who_is_no_registered_person_is_404_and_of_one_without_charges_empty()
    {
        var family = await Api.RegisteredFamily(Birth);
        var empty = await Api.GetJson($"/api/payers/{family.MotherId}/account", ApiClient.Finance);
        (empty.GetProperty("charges").GetArrayLength(), empty.GetProperty("charged").GetInt64(), empty.GetProperty("outstanding").GetInt64()).ShouldBe((0, 0L, 0L));

        var unknown = await Api.Get($"/api/payers/{Guid.NewGuid()}/account", 404, ApiClient.Finance);
        unknown.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        ApiClient.Json(unknown).GetProperty("rule").GetString().ShouldBe("not-found");
    }

    [Fact]
    public async Task payments_settle_the_charge_the_view_answers_for_any_day_and_an_excess_is_refunded()
    {
        var (id, payer) = await ChargedByHand(30_000);
        Clock.Today = new DateOnly(2027, 6, 1);
        await Api.PostJson($"/api/charges/{id}/payments", new { amount = 10_000, paidOn = new DateOnly(2027, 4, 20), channel = "slip" }, 200, ApiClient.Finance);
        var second = await Api.PostJson($"/api/charges/{id}/payments",
            new { amount = 25_000, paidOn = new DateOnly(2027, 5, 10), bookedOn = new DateOnly(2027, 5, 11) }, 200, ApiClient.Finance);
        // The 5,000 beyond it is refunded in the same transaction (nothing else is owed): the 還付 is the stream's fourth event.
        (second.GetProperty("outstanding").GetInt64(), second.GetProperty("overpaid").GetInt64(), second.GetProperty("refunded").GetInt64(),
            second.GetProperty("version").GetInt32()).ShouldBe((0L, 5_000L, 5_000L, 4));

        var before = await Charge(id, "2027-04-25");
        (before.GetProperty("status").GetString(), before.GetProperty("outstanding").GetInt64()).ShouldBe(("partiallyPaid", 20_000L));
        (await Charge(id, "2027-05-05")).GetProperty("status").GetString().ShouldBe("overdue");
        (await Charge(id, "2027-05-10")).GetProperty("status").GetString().ShouldBe("overpaid");

        // Nothing else is owed, so the 5,000 is to be refunded (還付), dated the day it was settled.
        var account = await Api.GetJson($"/api/payers/{payer}/account?asOf=2027-06-01", ApiClient.Finance);
        (account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64(), account.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 0L, 5_000L));
        var labels = (await Api.GetJson($"/api/charges/{id}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldBe(["調定 2027-04 利用者負担額: 30,000円 (納期限 2027-04-30)", "収納 2027-04-20: 10,000円", "収納 2027-05-10: 25,000円", "還付決定 2027-06-01: 5,000円"]);

        var refund = (await Api.GetJson($"/api/payers/{payer}/refunds", ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        var paidOut = await Api.PostJson($"/api/payers/{payer}/refunds/{refund.GetProperty("refundId").GetGuid()}/payout", new { paidOn = new DateOnly(2027, 6, 1) }, 200,
            ApiClient.Finance);
        paidOut.GetProperty("paidOn").GetString().ShouldBe("2027-06-01");
        (await Api.GetJson($"/api/payers/{payer}/account?asOf=2027-06-01", ApiClient.Finance)).GetProperty("refundDue").GetInt64().ShouldBe(0);
        ApiClient.Json(await Api.Post($"/api/payers/{payer}/refunds/{refund.GetProperty("refundId").GetGuid()}/payout", new { paidOn = new DateOnly(2027, 6, 1) }, 422,
            ApiClient.Finance)).GetProperty("rule").GetString().ShouldBe("refund.already-paid");
    }

    [Fact]
    public async Task an_overpayment_is_first_applied_to_the_payers_oldest_unpaid_charge_and_only_the_rest_refunded()
    {
        var (april, payer) = await ChargedByHand(30_000);
        var may = await Api.Charged(payer, "2027-05", 4_500, "sideDish");
        Clock.Today = new DateOnly(2027, 5, 20);

        await Host.ExecuteAndWaitAsync(async () =>
            await Api.PostJson($"/api/charges/{april}/payments", new { amount = 40_000, paidOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance));

        // May is not due before 05-31: the 充当 made on 05-20 takes effect then (充当適状日).
        var mayCharge = await Charge(may, "2027-05-31");
        (mayCharge.GetProperty("status").GetString(), mayCharge.GetProperty("paid").GetInt64()).ShouldBe(("paid", 4_500L));
        mayCharge.GetProperty("appropriations")[0].GetProperty("otherChargeId").GetGuid().ShouldBe(april);
        var waiting = await Charge(may, "2027-05-20");
        (waiting.GetProperty("status").GetString(), waiting.GetProperty("pendingAppropriations")[0].GetProperty("effectiveOn").GetString()).ShouldBe(("open", "2027-05-31"));
        var aprilCharge = await Charge(april, "2027-05-31");
        (aprilCharge.GetProperty("overpaid").GetInt64(), aprilCharge.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 5_500L));
        aprilCharge.GetProperty("appropriations")[0].GetProperty("amount").GetInt64().ShouldBe(-4_500);
        var account = await Api.GetJson($"/api/payers/{payer}/account?asOf=2027-05-31", ApiClient.Finance);
        (account.GetProperty("charged").GetInt64(), account.GetProperty("outstanding").GetInt64(), account.GetProperty("refundDue").GetInt64())
            .ShouldBe((34_500L, 0L, 5_500L));
    }

    [Fact]
    public async Task two_payments_at_once_are_both_recorded_and_only_a_stale_version_is_refused()
    {
        var (id, _) = await ChargedByHand(30_000);
        Clock.Today = new DateOnly(2027, 4, 25);

        await Task.WhenAll(
            Api.Post($"/api/charges/{id}/payments", new { amount = 7_000, paidOn = new DateOnly(2027, 4, 20) }, 200, ApiClient.Finance),
            Api.Post($"/api/charges/{id}/payments", new { amount = 8_000, paidOn = new DateOnly(2027, 4, 20) }, 200, ApiClient.Finance));

        var charge = await Charge(id, "2027-04-25");
        (charge.GetProperty("paid").GetInt64(), charge.GetProperty("version").GetInt32()).ShouldBe((15_000L, 3));
        var stale = ApiClient.Json(await Api.Post($"/api/charges/{id}/payments", new { amount = 1_000, paidOn = new DateOnly(2027, 4, 21), version = 2 }, 409, ApiClient.Finance));
        stale.GetProperty("rule").GetString().ShouldBe("version.conflict");
        (await Charge(id, "2027-04-25")).GetProperty("paid").GetInt64().ShouldBe(15_000);
    }

    [Fact]
    public async Task a_correction_below_what_was_paid_is_refunded_and_a_cancelled_charge_refunds_everything()
    {
        var (id, _) = await ChargedByHand(30_000);
        Clock.Today = new DateOnly(2027, 6, 1);
        await Api.PostJson($"/api/charges/{id}/payments", new { amount = 30_000, paidOn = new DateOnly(2027, 4, 28) }, 200, ApiClient.Finance);

        JsonElement corrected = default;
        await Host.ExecuteAndWaitAsync(async () => corrected = await Api.PostJson($"/api/charges/{id}/corrections",
            new { amount = 22_250, correctedOn = new DateOnly(2027, 6, 1), reason = "税更正", version = 2 }, 200, ApiClient.Finance));
        corrected.GetProperty("amount").GetInt64().ShouldBe(22_250);
        var afterCorrection = await Charge(id, "2027-06-01");
        (afterCorrection.GetProperty("overpaid").GetInt64(), afterCorrection.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 7_750L));
        (await Charge(id, "2027-05-31")).GetProperty("amount").GetInt64().ShouldBe(30_000);

        Clock.Today = new DateOnly(2027, 6, 2);
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/charges/{id}/cancellation",
            new { cancelledOn = new DateOnly(2027, 6, 2), reason = "二重調定", version = afterCorrection.GetProperty("version").GetInt32() }, 200, ApiClient.Finance));
        var cancelled = await Charge(id, "2027-06-30");
        (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("outstanding").GetInt64(), cancelled.GetProperty("refundDue").GetInt64())
            .ShouldBe(("cancelled", 0L, 30_000L));
        ApiClient.Json(await Api.Post($"/api/charges/{id}/corrections", new { amount = 1_000, correctedOn = new DateOnly(2027, 6, 2), reason = "x",
            version = cancelled.GetProperty("version").GetInt32() }, 422, ApiClient.Finance)).GetProperty("rule").GetString().ShouldBe("charge.cancelled");
    }

    [Fact]
    public async Task the_monthly_run_raises_the_payers_charges_once_and_a_tax_correction_corrects_them()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 4, 10);
        await Host.MonthlyRun(Api, new DateOnly(2027, 4, 1));
        await Host.MonthlyRun(Api, new DateOnly(2027, 4, 1));

        var mother = placed.Family.Family.MotherId;
        var account = await Api.GetJson($"/api/payers/{mother}/account", ApiClient.Finance);
        var userFee = account.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("subject").GetString() == "userFee");
        (userFee.GetProperty("amount").GetInt64(), userFee.GetProperty("dueDate").GetString(), userFee.GetProperty("version").GetInt32()).ShouldBe((30_000L, "2027-04-30", 1));
        userFee.GetProperty("noticeId").ValueKind.ShouldBe(JsonValueKind.String);
        userFee.GetProperty("ruleVersion").GetInt32().ShouldBe(1);

        // 税更正 of 年度2026: 105,000 → 第5 (44,500) for April; the notice is revised and the charge follows.
        Clock.Today = new DateOnly(2027, 4, 20);
        await Host.TaxCorrected(Api, placed.Family.Family, 2026, 60_000, "扶養控除の更正");
        var corrected = await Charge(userFee.GetProperty("id").GetGuid(), "2027-04-20");
        corrected.GetProperty("amount").GetInt64().ShouldBe(44_500);
        corrected.GetProperty("corrections").EnumerateArray().Single().GetProperty("delta").GetInt64().ShouldBe(14_500);
    }
}
