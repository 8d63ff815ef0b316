using System.Text;
using System.Text.Json;
using KosodateShien.Domain.Collection.DirectDebit;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// A 年度 of 納付管理 through the API on real PostgreSQL, and the reports adding up at the end: 調定 every month, 口座振替
/// (a 資金不足 drawn again next month, an 依頼書なし that ends the 口座振替 and moves the payer to 納付書), 納付書 receipts by
/// CSV and at the counter, an overpayment refunded, a 更正 below what was paid applied (充当) to the next month, 督促 runs,
/// a 分納誓約 paid in part, a 即時消滅 written off (不納欠損), and the closing at 出納閉鎖.
/// </summary>
public sealed class SimulatedYearTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const long MonthlyFee = 20_000;
    private static readonly DateOnly FirstMonth = new(2027, 4, 1);

    /// <summary>What the test itself did with money, to check the reports against.</summary>
    private long assessed, received, refunded, writtenOff;

    private sealed record Payer(string Name, Guid Id, string? CustomerNumber)
    {
        public Dictionary<DateOnly, (Guid Id, string Number)> Charges { get; } = [];
    }

    [Fact]
    public async Task a_year_of_charges_debits_failures_dunning_installments_and_a_closing_adds_up_in_the_reports()
    {
        Clock.Today = new DateOnly(2027, 3, 20);
        var debitOk = await NewPayer("debit", mandate: true);
        var debitShortInMay = await NewPayer("debit, 資金不足 in May", mandate: true);
        var debitGoneInAugust = await NewPayer("debit, 依頼書なし in August", mandate: true);
        var counter = await NewPayer("counter, pays December twice");
        var corrected = await NewPayer("counter, June corrected after payment");
        var installments = await NewPayer("never pays, then 分納誓約");
        var extinct = await NewPayer("never pays, 即時消滅 of April");
        Payer[] payers = [debitOk, debitShortInMay, debitGoneInAugust, counter, corrected, installments, extinct];

        for (var month = FirstMonth; month <= new DateOnly(2028, 3, 1); month = month.AddMonths(1))
        {
            Clock.Today = month;
            foreach (var payer in payers) await Charge(payer, month);

            // 督促 of last month's charges still owing, within 20 days of 納期限.
            var twentieth = month.AddDays(19);
            Clock.Today = twentieth;
            if (month > FirstMonth) await Api.PostJson("/api/dunning-runs", new { issuedOn = twentieth }, 200, ApiClient.Finance);
            if (month == new DateOnly(2027, 7, 1))
            {
                // 更正 of June (paid in full) to 15,000: the 5,000 過誤納 is applied (充当) to July.
                var june = corrected.Charges[new DateOnly(2027, 6, 1)].Id;
                var version = (await Api.GetJson($"/api/charges/{june}", ApiClient.Finance)).GetProperty("version").GetInt32();
                await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/charges/{june}/corrections",
                    new { amount = 15_000, correctedOn = twentieth, reason = "減免の決定 (6月分)", version }, 200, ApiClient.Finance));
                assessed -= 5_000;
            }
            if (month == new DateOnly(2027, 11, 1)) await AgreeInstallments(installments, twentieth);
            if (month == new DateOnly(2028, 2, 1)) await WriteOffApril(extinct, twentieth);

            // 口座振替 on the 27th, the answer on the 28th.
            var debitDate = month.AddDays(26);
            var export = await Api.PostJson("/api/direct-debit/exports", new { debitDate }, 201, ApiClient.Finance);
            var request = DebitFile.Parse(await Api.GetBytes(export.GetProperty("file").GetString()!), withResults: false);
            var codes = new Dictionary<string, DebitResultCode>();
            if (month == new DateOnly(2027, 5, 1)) codes[debitShortInMay.CustomerNumber!] = DebitResultCode.InsufficientFunds;
            if (month == new DateOnly(2027, 8, 1)) codes[debitGoneInAugust.CustomerNumber!] = DebitResultCode.NoMandate;
            if (month == new DateOnly(2027, 6, 1))
                request.Records.Single(r => r.CustomerNumber == debitShortInMay.CustomerNumber).Amount.ShouldBe(2 * MonthlyFee, "May drawn again with June");
            received += request.Records.Where(r => !codes.ContainsKey(r.CustomerNumber)).Sum(r => r.Amount);

            // 納付書 and counter on the 25th.
            Clock.Today = month.AddDays(24);
            await Pay(counter, month, month == new DateOnly(2027, 12, 1) ? 2 * MonthlyFee : MonthlyFee);
            await Pay(corrected, month, month == new DateOnly(2027, 7, 1) ? MonthlyFee - 5_000 : MonthlyFee);
            if (month >= new DateOnly(2027, 9, 1)) await ReceiptFile(debitGoneInAugust, month, month == new DateOnly(2027, 9, 1) ? [month.AddMonths(-1), month] : [month]);
            if (month is { Year: 2027, Month: 11 or 12 }) await PayInstallment(installments, month);

            Clock.Today = month.AddDays(27);
            var answer = (request with
            {
                WithResults = true,
                Records = [.. request.Records.Select(r => r with { ResultCode = codes.GetValueOrDefault(r.CustomerNumber, DebitResultCode.Debited) })],
            }).ToBytes();
            await Host.ExecuteAndWaitAsync(async () => await Api.PostFile($"/api/direct-debit/results?bookedOn={month.AddDays(27):yyyy-MM-dd}", answer, 200));

            if (month == new DateOnly(2028, 1, 1))
            {
                // December's double payment left nothing to apply it to: a 還付, paid out in January.
                var refund = (await Api.GetJson($"/api/payers/{counter.Id}/refunds", ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
                refund.GetProperty("amount").GetInt64().ShouldBe(MonthlyFee);
                await Api.PostJson($"/api/payers/{counter.Id}/refunds/{refund.GetProperty("refundId").GetGuid()}/payout", new { paidOn = Clock.Today }, 200, ApiClient.Finance);
                refunded += MonthlyFee;
            }
        }

        Clock.Today = new DateOnly(2028, 6, 1);
        var closing = new DateOnly(2028, 5, 31);
        await Api.PostJson("/api/fiscal-years/2027/closing", new { closedOn = closing }, 200, ApiClient.Finance);

        var report = await Api.GetJson($"/api/reports/collection-rate?fiscalYear=2027&asOf={closing:yyyy-MM-dd}", ApiClient.Finance);
        var current = report.GetProperty("currentYear");
        long Figure(string name) => current.GetProperty(name).GetInt64();
        var outstanding = 0L;
        foreach (var payer in payers)
            outstanding += (await Api.GetJson($"/api/payers/{payer.Id}/account?asOf={closing:yyyy-MM-dd}", ApiClient.Finance)).GetProperty("outstanding").GetInt64();

        // What the test did: 7 payers × 12 months × 20,000 less the 5,000 更正; received less refunded; one month written off.
        (assessed, writtenOff).ShouldBe((7 * 12 * MonthlyFee - 5_000, MonthlyFee));
        (Figure("assessed"), Figure("collected"), Figure("writtenOff"), Figure("outstanding"), Figure("overpaid"), Figure("refundDue"))
            .ShouldBe((assessed, received - refunded, writtenOff, outstanding, 0L, 0L));
        // 調定額 = 収納額 + 不納欠損額 + 収入未済額 (the 充当 and the 還付 are inside 収納額: money that stayed).
        Figure("assessed").ShouldBe(Figure("collected") + Figure("writtenOff") + Figure("outstanding"));
        // Still owing: 分納 half paid (70,000) and November–March (100,000); 即時消滅 of April aside, May–March (220,000).
        outstanding.ShouldBe(170_000 + 220_000);
        report.GetProperty("final").GetBoolean().ShouldBeTrue();
        report.GetProperty("months").EnumerateArray().Last().GetProperty("collectedToDate").GetInt64().ShouldBe(Figure("collected"));

        // The unpaid carried into 2028's books as 滞納繰越分, to the yen.
        var next = await Api.GetJson($"/api/reports/collection-rate?fiscalYear=2028&asOf={closing.AddDays(1):yyyy-MM-dd}", ApiClient.Finance);
        next.GetProperty("arrears").GetProperty("assessed").GetInt64().ShouldBe(outstanding);
        var writeOffs = await Api.GetJson("/api/reports/write-offs?fiscalYear=2027", ApiClient.Finance);
        (writeOffs.GetProperty("charges").GetInt32(), writeOffs.GetProperty("amount").GetInt64()).ShouldBe((1, writtenOff));
    }

    private async Task<Payer> NewPayer(string name, bool mandate = false)
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        if (!mandate) return new Payer(name, family.MotherId, null);
        var created = await Api.PostJson($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = Clock.Today, startMonth = "2027-04",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "1234567", holderKana = "テスト　ハナコ" },
        }, 201, ApiClient.Finance);
        return new Payer(name, family.MotherId, created.GetProperty("customerNumber").GetString());
    }

    private async Task Charge(Payer payer, DateOnly month)
    {
        var created = await Api.PostJson("/api/charges", new
        {
            payerId = payer.Id, subject = "userFee", fiscalYear = 2027, month = $"{month:yyyy-MM}", amount = MonthlyFee,
        }, 201, ApiClient.Finance);
        payer.Charges[month] = (created.GetProperty("id").GetGuid(), created.GetProperty("collectionNumber").GetString()!);
        assessed += MonthlyFee;
    }

    private async Task Pay(Payer payer, DateOnly month, long amount)
    {
        await Host.ExecuteAndWaitAsync(async () =>
            await Api.PostJson($"/api/charges/{payer.Charges[month].Id}/payments", new { amount, paidOn = Clock.Today, channel = "counter" }, 200, ApiClient.Finance));
        received += amount;
    }

    private async Task ReceiptFile(Payer payer, DateOnly month, DateOnly[] months)
    {
        var csv = new StringBuilder("collectionNumber,paidOn,bookedOn,amount\r\n");
        foreach (var paid in months) csv.Append($"{payer.Charges[paid].Number},{Clock.Today.AddDays(-2):yyyy-MM-dd},{Clock.Today:yyyy-MM-dd},{MonthlyFee}\r\n");
        await Host.ExecuteAndWaitAsync(async () => await Api.PostFile("/api/receipts/imports", Encoding.UTF8.GetBytes(csv.ToString()), 201, contentType: "text/csv"));
        received += months.Length * MonthlyFee;
    }

    private async Task AgreeInstallments(Payer payer, DateOnly agreedOn)
    {
        // April–October (140,000) in four installments of 35,000.
        var covered = payer.Charges.Where(c => c.Key <= new DateOnly(2027, 10, 1)).Select(c => c.Value.Id).ToList();
        await Api.PostJson($"/api/payers/{payer.Id}/installment-plans", new
        {
            agreedOn,
            chargeIds = covered,
            installments = new[] { "2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29" }.Select(d => new { amount = 35_000, dueDate = DateOnly.Parse(d) }),
        }, 201, ApiClient.Finance);
    }

    /// <summary>One 35,000 installment, paid on the oldest months first (20,000 + 15,000, then 5,000 + 20,000 + 10,000).</summary>
    private async Task PayInstallment(Payer payer, DateOnly month)
    {
        var parts = month.Month == 11
            ? new[] { (new DateOnly(2027, 4, 1), 20_000L), (new DateOnly(2027, 5, 1), 15_000L) }
            : [(new DateOnly(2027, 5, 1), 5_000L), (new DateOnly(2027, 6, 1), 20_000L), (new DateOnly(2027, 7, 1), 10_000L)];
        foreach (var (paid, amount) in parts)
        {
            await Api.PostJson($"/api/charges/{payer.Charges[paid].Id}/payments", new { amount, paidOn = Clock.Today, channel = "slip" }, 200, ApiClient.Finance);
            received += amount;
        }
    }

    private async Task WriteOffApril(Payer payer, DateOnly day)
    {
        var april = payer.Charges[FirstMonth].Id;
        await Api.PostJson($"/api/charges/{april}/execution-suspension", new { suspendedOn = day, ground = "noAssets", immediateExtinction = true }, 200, ApiClient.Finance);
        var proposed = (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = day }, 200, ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        proposed.GetProperty("chargeId").GetGuid().ShouldBe(april);
        var version = (await Api.GetJson($"/api/charges/{april}", ApiClient.Finance)).GetProperty("version").GetInt32();
        await Api.PostJson($"/api/charges/{april}/write-off/approval", new { approvedOn = day, version }, 200, ApiClient.Supervisor);
        writtenOff += MonthlyFee;
    }
}
