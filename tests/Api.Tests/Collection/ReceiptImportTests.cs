using System.Text;
using System.Text.Json;
using KosodateShien.Domain.Collection.Receipts;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// 納付書・コンビニ収納データの取込 through the API on real PostgreSQL: a mixed file (full, partial, late with 延滞金, an
/// overpayment applied and refunded), a faulty file refused whole naming lines and fields, the same file twice refused.
/// </summary>
public sealed class ReceiptImportTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly ImportDay = new(2025, 9, 30);

    private async Task<Guid> Payer()
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        return (await Api.RegisteredFamily(new DateOnly(2023, 6, 20))).MotherId;
    }

    private async Task<(Guid Id, string Number)> Charged(Guid payer, string month, long amount)
    {
        Clock.Today = new DateOnly(2025, 4, 1);
        var id = await Api.Charged(payer, month, amount);
        return (id, (await Api.GetJson($"/api/charges/{id}", ApiClient.Finance)).GetProperty("collectionNumber").GetString()!);
    }

    private Task<JsonElement> Charge(Guid id) => Api.GetJson($"/api/charges/{id}", ApiClient.Finance);

    [Fact]
    public async Task a_file_becomes_payments_with_late_fees_and_the_overpayment_applied_and_refunded()
    {
        var (a, b, c) = (await Payer(), await Payer(), await Payer());
        var full = await Charged(a, "2025-07", 30_000);
        var partial = await Charged(a, "2025-08", 20_000);
        var late = await Charged(b, "2025-04", 300_000);          // 納期限 2025-04-30
        var overpaid = await Charged(c, "2025-08", 20_000);
        var next = await Charged(c, "2025-09", 3_000);            // 納期限 2025-09-30: the 充当 on the import day is on time
        var file = Encoding.UTF8.GetBytes(
            "徴収番号,納付日,日計日,金額,収納経路,領収番号\r\n"
            + $"{full.Number},2025-07-25,2025-07-28,30000,convenience,CVS-0001\r\n"
            + $"{partial.Number},20250820,20250821,5000,,\r\n"
            + $"{late.Number},2025-07-15,2025-07-16,200000,mobilePay,PAY-77\r\n"
            + $"{late.Number},2025-06-10,2025-06-11,100000,slip,\r\n"
            + $"{overpaid.Number},2025-08-25,2025-08-26,25000,counter,\r\n");
        Clock.Today = ImportDay;

        JsonElement imported = default;
        await Host.ExecuteAndWaitAsync(async () => imported = ApiClient.Json(await Api.PostFile("/api/receipts/imports", file, 201, contentType: "text/csv")));

        (imported.GetProperty("count").GetInt32(), imported.GetProperty("amount").GetInt64(), imported.GetProperty("importedOn").GetString())
            .ShouldBe((5, 360_000L, "2025-09-30"));
        var receipts = imported.GetProperty("receipts").EnumerateArray().ToList();
        receipts.Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("chargeId").GetGuid()))
            .ShouldBe([(2, full.Id), (3, partial.Id), (4, late.Id), (5, late.Id), (6, overpaid.Id)]);
        receipts.Select(r => r.GetProperty("paymentId").GetGuid()).Distinct().Count().ShouldBe(5);
        imported.GetProperty("overpaidPayers").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([c]);

        // 延滞金 on 300,000 due 2025-04-30, paid 100,000 on 06-10 and 200,000 on 07-15 (2025: 2.4 % / 8.7 %, 365 days):
        // 300,000 × 2.4 % × 31/365 (05-01〜05-31) + 300,000 × 8.7 % × 10/365 (06-01〜06-10) + 200,000 × 8.7 % × 35/365 (06-11〜07-15)
        // = 611.51 + 715.07 + 1,668.49 = 2,995.07 → 2,900 (100円未満切捨て)
        var lateFee = imported.GetProperty("lateFees").EnumerateArray().ShouldHaveSingleItem();
        (lateFee.GetProperty("chargeId").GetGuid(), lateFee.GetProperty("amount").GetInt64()).ShouldBe((late.Id, 2_900L));
        var lateFeeCharge = await Charge(lateFee.GetProperty("lateFeeChargeId").GetGuid());
        (lateFeeCharge.GetProperty("subject").GetString(), lateFeeCharge.GetProperty("amount").GetInt64(), lateFeeCharge.GetProperty("dueDate").GetString())
            .ShouldBe(("lateFee", 2_900L, "2025-08-31"));
        var lateView = await Charge(late.Id);
        (lateView.GetProperty("status").GetString(), lateView.GetProperty("lateFee").GetInt64()).ShouldBe(("paid", 2_900L));
        lateView.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("paidOn").GetString()).ShouldBe(["2025-06-10", "2025-07-15"]);

        var fullView = await Charge(full.Id);
        fullView.GetProperty("status").GetString().ShouldBe("paid");
        var payment = fullView.GetProperty("payments")[0];
        (payment.GetProperty("channel").GetString(), payment.GetProperty("receiptNumber").GetString(), payment.GetProperty("bookedOn").GetString(),
            payment.GetProperty("importId").GetGuid()).ShouldBe(("convenience", "CVS-0001", "2025-07-28", imported.GetProperty("id").GetGuid()));
        var partialView = await Charge(partial.Id);
        (partialView.GetProperty("outstanding").GetInt64(), partialView.GetProperty("payments")[0].GetProperty("channel").GetString()).ShouldBe((15_000L, "slip"));

        // The 5,000 paid beyond C's charge goes to C's next charge (充当 3,000) and the rest is refunded (還付 2,000).
        (await Charge(next.Id)).GetProperty("outstanding").GetInt64().ShouldBe(0);
        var account = await Api.GetJson($"/api/payers/{c}/account", ApiClient.Finance);
        (account.GetProperty("outstanding").GetInt64(), account.GetProperty("overpaid").GetInt64(), account.GetProperty("refundDue").GetInt64()).ShouldBe((0L, 0L, 2_000L));

        var labels = (await Api.GetJson($"/api/charges/{full.Id}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.Last().ShouldBe("収納 2025-07-25: 30,000円 (領収番号 CVS-0001)");
        var record = await Api.GetJson(imported.GetProperty("url").GetString()!, ApiClient.Auditor);
        (record.GetProperty("count").GetInt32(), record.GetProperty("sha256").GetString(), record.GetProperty("receipts").GetArrayLength())
            .ShouldBe((5, ReceiptImport.Hash(file), 5));
    }

    [Fact]
    public async Task a_faulty_file_is_refused_whole_naming_every_line_and_field_and_records_nothing()
    {
        var payer = await Payer();
        var charge = await Charged(payer, "2025-08", 20_000);
        Clock.Today = ImportDay;
        var file = Encoding.UTF8.GetBytes(
            "collectionNumber,paidOn,bookedOn,amount,channel,receiptNumber\n"
            + $"{charge.Number},2025-08-20,2025-08-21,20000,slip,R-1\n"      // 2: good
            + "C20259999999,2025-08-20,2025-08-21,1000,slip,R-2\n"          // 3: no such charge
            + $"{charge.Number},2025-08-32,2025-09-01,1000,slip,R-3\n"      // 4: no such day
            + $"{charge.Number},2025-08-20,2025-08-19,1000,slip,R-4\n"      // 5: 日計日 before 納付日
            + $"{charge.Number},2025-10-01,2025-10-01,1000,slip,R-5\n"      // 6: in the future
            + $"{charge.Number},2025-08-20,2025-08-21,0,slip,R-6\n"         // 7: nothing paid
            + $"{charge.Number},2025-08-20,2025-08-21,1000\n"               // 8: two fields short
            + $"{charge.Number},2025-08-20,2025-08-21,1000,slip,R-1\n");    // 9: 領収番号 of line 2 again

        var refused = ApiClient.Json(await Api.PostFile("/api/receipts/imports", file, 422, contentType: "text/csv"));

        refused.GetProperty("rule").GetString().ShouldBe("receipts.malformed");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([
            "line 3: collectionNumber (徴収番号)",
            "line 4: paidOn (納付日)",
            "line 5: bookedOn (日計日)",
            "line 6: paidOn (納付日)",
            "line 6: bookedOn (日計日)",
            "line 7: amount (金額)",
            "line 8: columns",
            "line 9: receiptNumber (領収番号)",
        ], ignoreOrder: true);
        (await Charge(charge.Id)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
        await Api.Get($"/api/receipts/imports/{ReceiptImport.IdFor(ReceiptImport.Hash(file))}", 404, ApiClient.Finance);

        var headless = ApiClient.Json(await Api.PostFile("/api/receipts/imports", Encoding.UTF8.GetBytes($"{charge.Number},2025-08-20,2025-08-21,20000\n"), 422));
        headless.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem().Name.ShouldBe("line 1: header");
        ApiClient.Json(await Api.PostFile("/api/receipts/imports?encoding=latin1", file, 400)).GetProperty("errors").TryGetProperty("encoding", out _).ShouldBeTrue();
        await Api.PostFile("/api/receipts/imports", file, 403, ApiClient.Clerk);
        (await Charge(charge.Id)).GetProperty("payments").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task the_same_file_twice_is_refused_and_nothing_is_received_twice_and_shift_jis_is_read_when_asked()
    {
        var payer = await Payer();
        var charge = await Charged(payer, "2025-08", 20_000);
        Clock.Today = ImportDay;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Encoding.GetEncoding(932).GetBytes($"徴収番号,納付日,日計日,金額,収納経路\r\n{charge.Number},2025-08-20,2025-08-21,20000,コンビニ\r\n");

        ApiClient.Json(await Api.PostFile("/api/receipts/imports", file, 422)).GetProperty("errors").TryGetProperty("line 1: file", out _).ShouldBeTrue();
        var first = ApiClient.Json(await Api.PostFile("/api/receipts/imports?encoding=shift_jis", file, 201, contentType: "text/csv"));
        first.GetProperty("receipts")[0].GetProperty("channel").GetString().ShouldBe("convenience");

        var again = ApiClient.Json(await Api.PostFile("/api/receipts/imports?encoding=shift_jis", file, 422, contentType: "text/csv"));
        again.GetProperty("rule").GetString().ShouldBe("receipts.already-imported");
        again.GetProperty("detail").GetString()!.ShouldContain(first.GetProperty("id").GetGuid().ToString());
        var view = await Charge(charge.Id);
        (view.GetProperty("payments").GetArrayLength(), view.GetProperty("outstanding").GetInt64(), view.GetProperty("overpaid").GetInt64()).ShouldBe((1, 0L, 0L));
    }
}
