using System.Text;
using System.Text.Json;
using Alba;
using KosodateShien.Application.Charges;
using KosodateShien.Application.Collection;
using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Collection.DirectDebit;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// A 過誤納 is applied (充当) or refunded (還付) in the transaction of the write that made it: the read right after the 2xx
/// shows it, and nothing is left to background work.
/// </summary>
public sealed class ImmediateSettlementTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private Task<JsonElement> Account(Guid payer) => Api.GetJson($"/api/payers/{payer}/account", ApiClient.Finance);

    /// <summary>The write, and the payer's account read as soon as it answered; no 充当・還付 message may have been sent.</summary>
    private async Task<(JsonElement Written, JsonElement Account)> WrittenThenRead(Guid payer, Func<Task<JsonElement>> write)
    {
        JsonElement written = default, account = default;
        var tracked = await Host.ExecuteAndWaitAsync(async () =>
        {
            written = await write();
            account = await Account(payer);
        });
        tracked.Sent.MessagesOf<SettleOverpayments>().ShouldBeEmpty();
        return (written, account);
    }

    private Task<IScenarioResult> PostWhateverTheAnswer(string url, object body) =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-finance", ApiClient.Finance)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Post.Json(body).ToUrl(url);
            s.IgnoreStatusCode();
        });

    private static (long, long, long) Totals(JsonElement account) =>
        (account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64(), account.GetProperty("refundDue").GetInt64());

    private static JsonElement ChargeIn(JsonElement account, Guid id) => account.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task a_payment_that_overpays_shows_its_appropriation_on_the_payers_other_charge_on_the_next_read()
    {
        Clock.Today = new DateOnly(2025, 5, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var may = await Api.Charged(payer, "2025-05", 30_000);
        var june = await Api.Charged(payer, "2025-06", 30_000);
        Clock.Today = new DateOnly(2025, 7, 15);
        await Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = new DateOnly(2025, 5, 20) }, 200, ApiClient.Finance);

        var (paid, account) = await WrittenThenRead(payer, () =>
            Api.PostJson($"/api/charges/{may}/payments", new { amount = 30_000, paidOn = Clock.Today }, 200, ApiClient.Finance));

        (paid.GetProperty("overpaid").GetInt64(), paid.GetProperty("appropriated").GetInt64(), paid.GetProperty("refunded").GetInt64()).ShouldBe((30_000L, 30_000L, 0L));
        paid.GetProperty("version").GetInt32().ShouldBe(4);   // 調定, two payments, the 充当
        Totals(account).ShouldBe((0L, 0L, 0L));
        var juneView = ChargeIn(account, june);
        (juneView.GetProperty("status").GetString(), juneView.GetProperty("appropriations")[0].GetProperty("otherChargeId").GetGuid()).ShouldBe(("paid", may));
    }

    [Fact]
    public async Task the_excess_of_a_late_payment_pays_the_late_fee_it_raised_before_anything_is_refunded()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var april = await Api.Charged(payer, "2025-04", 100_000);     // 納期限 2025-04-30
        Clock.Today = new DateOnly(2025, 8, 20);

        // 150,000 on 08-20: April paid off late (延滞金 2,100, 納期限 09-30), and 50,000 beyond it.
        var (paid, account) = await WrittenThenRead(payer, () =>
            Api.PostJson($"/api/charges/{april}/payments", new { amount = 150_000, paidOn = Clock.Today }, 200, ApiClient.Finance));

        (paid.GetProperty("appropriated").GetInt64(), paid.GetProperty("refunded").GetInt64()).ShouldBe((2_100L, 47_900L));
        var lateFee = account.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("subject").GetString() == "lateFee");
        lateFee.GetProperty("pendingAppropriations").EnumerateArray().ShouldHaveSingleItem().GetProperty("effectiveOn").GetString().ShouldBe("2025-09-30");
        var then = await Api.GetJson($"/api/payers/{payer}/account?asOf=2025-09-30", ApiClient.Finance);
        Totals(then).ShouldBe((0L, 0L, 47_900L));
    }

    [Fact]
    public async Task a_correction_or_a_cancellation_that_leaves_an_excess_shows_its_refund_on_the_next_read()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var april = await Api.Charged(payer, "2027-04", 30_000);
        Clock.Today = new DateOnly(2027, 6, 1);
        await Api.PostJson($"/api/charges/{april}/payments", new { amount = 30_000, paidOn = new DateOnly(2027, 4, 28) }, 200, ApiClient.Finance);

        var (corrected, account) = await WrittenThenRead(payer, () => Api.PostJson($"/api/charges/{april}/corrections",
            new { amount = 22_250, correctedOn = Clock.Today, reason = "税更正", version = 2 }, 200, ApiClient.Finance));
        Totals(account).ShouldBe((0L, 0L, 7_750L));
        corrected.GetProperty("refunds").EnumerateArray().ShouldHaveSingleItem().GetProperty("amount").GetInt64().ShouldBe(7_750);

        (_, account) = await WrittenThenRead(payer, () => Api.PostJson($"/api/charges/{april}/cancellation",
            new { cancelledOn = Clock.Today, reason = "二重調定", version = corrected.GetProperty("version").GetInt32() }, 200, ApiClient.Finance));
        Totals(account).ShouldBe((0L, 0L, 30_000L));
    }

    [Fact]
    public async Task a_payment_for_the_payer_beyond_everything_owed_shows_its_refund_on_the_next_read()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        await Api.Charged(payer, "2027-01", 30_000);

        var (paid, account) = await WrittenThenRead(payer, () =>
            Api.PostJson($"/api/payers/{payer}/payments", new { amount = 50_000, paidOn = Clock.Today }, 201, ApiClient.Finance));

        (paid.GetProperty("excess").GetInt64(), paid.GetProperty("appropriated").GetInt64(), paid.GetProperty("refunded").GetInt64()).ShouldBe((20_000L, 0L, 20_000L));
        Totals(account).ShouldBe((0L, 0L, 20_000L));
    }

    [Fact]
    public async Task a_receipt_file_that_overpays_shows_the_appropriation_and_the_refund_on_the_next_read()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var payer = (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
        var august = await Api.Charged(payer, "2025-08", 20_000);
        var july = await Api.Charged(payer, "2025-07", 3_000);    // 納期限 2025-07-31, unpaid
        var number = (await Api.GetJson($"/api/charges/{august}", ApiClient.Finance)).GetProperty("collectionNumber").GetString();
        Clock.Today = new DateOnly(2025, 8, 30);

        var (_, account) = await WrittenThenRead(payer, async () => ApiClient.Json(await Api.PostFile("/api/receipts/imports",
            Encoding.UTF8.GetBytes($"collectionNumber,paidOn,bookedOn,amount\n{number},2025-08-25,2025-08-26,25000\n"), 201, contentType: "text/csv")));

        Totals(account).ShouldBe((0L, 0L, 2_000L));
        ChargeIn(account, july).GetProperty("status").GetString().ShouldBe("paid");
    }

    [Fact]
    public async Task a_direct_debit_of_a_charge_paid_meanwhile_shows_its_refund_on_the_next_read()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var payer = family.MotherId;
        await Api.PostJson($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10),
            startMonth = "2027-01",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana = "ホゴシャ　ハナコ" },
        }, 201, ApiClient.Finance);
        var january = await Api.Charged(payer, "2027-01", 20_000);
        var export = await Api.PostJson("/api/direct-debit/exports", new { debitDate = new DateOnly(2027, 1, 27) }, 201, ApiClient.Finance);
        var request = DebitFile.Parse(await Api.GetBytes(export.GetProperty("file").GetString()!), withResults: false);
        // Paid at the counter while the bank had the request: the debit finds nothing owed.
        Clock.Today = new DateOnly(2027, 1, 20);
        await Api.PostJson($"/api/charges/{january}/payments", new { amount = 20_000, paidOn = Clock.Today }, 200, ApiClient.Finance);
        Clock.Today = new DateOnly(2027, 2, 1);
        var answer = (request with { WithResults = true, Records = [.. request.Records.Select(r => r with { ResultCode = DebitResultCode.Debited })] }).ToBytes();

        var (_, account) = await WrittenThenRead(payer, async () => ApiClient.Json(await Api.PostFile("/api/direct-debit/results", answer, 200)));

        Totals(account).ShouldBe((0L, 0L, 20_000L));
    }

    [Fact]
    public async Task a_fee_notice_correcting_a_paid_charge_below_what_was_paid_refunds_the_excess_in_its_own_transaction()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (notice, month) = (Guid.NewGuid(), new DateOnly(2027, 1, 1));
        await Host.InvokeMessageAndWaitAsync(new ChargeReadyForCollection(notice, 1, family.MotherId, family.HouseholdId, month, ChargeSubject.UserFee, 30_000, null));
        var charge = Domain.Collection.Charge.IdFor(family.MotherId, 2026, month, Domain.Collection.CollectionSubject.UserFee);
        await Api.PostJson($"/api/charges/{charge}/payments", new { amount = 30_000, paidOn = Clock.Today }, 200, ApiClient.Finance);

        var tracked = await Host.InvokeMessageAndWaitAsync(
            new ChargeReadyForCollection(notice, 2, family.MotherId, family.HouseholdId, month, ChargeSubject.UserFee, 22_250, 30_000));

        tracked.Sent.MessagesOf<SettleOverpayments>().ShouldBeEmpty();
        Totals(await Account(family.MotherId)).ShouldBe((0L, 0L, 7_750L));
    }

    [Fact]
    public async Task an_overpaying_payment_and_a_payment_on_the_charge_it_would_pay_at_once_never_overwrite_each_other()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var december = await Api.Charged(payer, "2026-12", 30_000);
        var november = await Api.Charged(payer, "2026-11", 30_000);
        var paidOn = TestClock.DefaultToday;

        // December paid twice over while November is paid at the counter: the 30,000 beyond December goes to November only
        // if November still owes it when the 充当 is made, and is refunded otherwise. One of the two may be refused (409).
        var answers = await Task.WhenAll(
            PostWhateverTheAnswer($"/api/charges/{december}/payments", new { amount = 60_000, paidOn }),
            PostWhateverTheAnswer($"/api/charges/{november}/payments", new { amount = 30_000, paidOn }));

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToList();
        statuses.ShouldAllBe(s => s == 200 || s == 409);
        statuses.ShouldContain(200);
        var received = (statuses[0] == 200 ? 60_000L : 0) + (statuses[1] == 200 ? 30_000L : 0);
        var account = await Account(payer);
        // Every payment accepted is kept; what is kept covers the 60,000 charged or is refunded, never counted twice or left unsettled.
        account.GetProperty("charges").EnumerateArray().SelectMany(c => c.GetProperty("payments").EnumerateArray()).Sum(p => p.GetProperty("amount").GetInt64())
            .ShouldBe(received);
        account.GetProperty("overpaid").GetInt64().ShouldBe(0);
        account.GetProperty("refundDue").GetInt64().ShouldBe(Math.Max(0, received - 60_000));
        (received - account.GetProperty("refundDue").GetInt64() + account.GetProperty("outstanding").GetInt64()).ShouldBe(60_000);
    }
}
