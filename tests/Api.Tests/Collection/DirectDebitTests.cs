using System.Text.Json;
using KosodateShien.Domain.Collection.DirectDebit;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>口座振替 through the API on real PostgreSQL: 依頼書, the 全銀 request file, the bank's answer with every result code, faulty files refused whole.</summary>
public sealed class DirectDebitTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly DebitDate = new(2027, 1, 27);

    private async Task<(Guid Payer, Guid Mandate, string CustomerNumber)> Mandated(string holderKana = "ホゴシャ　ハナコ", string startMonth = "2027-01")
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var created = await Api.PostJson($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10),
            startMonth,
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana },
        }, 201, ApiClient.Finance);
        return (family.MotherId, created.GetProperty("id").GetGuid(), created.GetProperty("customerNumber").GetString()!);
    }

    private async Task<(Guid Id, DebitFile File)> Exported(DateOnly debitDate)
    {
        var export = await Api.PostJson("/api/direct-debit/exports", new { debitDate }, 201, ApiClient.Finance);
        var bytes = await Api.GetBytes(export.GetProperty("file").GetString()!);
        return (export.GetProperty("id").GetGuid(), DebitFile.Parse(bytes, withResults: false));
    }

    private static byte[] Answer(DebitFile request, IReadOnlyDictionary<string, DebitResultCode> codes) =>
        (request with
        {
            WithResults = true,
            Records = [.. request.Records.Select(r => r with { ResultCode = codes.GetValueOrDefault(r.CustomerNumber, DebitResultCode.Debited) })],
        }).ToBytes();

    [Fact]
    public async Task a_mandate_keeps_the_account_in_bank_kana_and_a_name_in_kanji_or_a_bad_month_is_refused_by_field()
    {
        var (payer, mandate, customerNumber) = await Mandated();
        customerNumber.Length.ShouldBe(20);
        var view = await Api.GetJson($"/api/direct-debit-mandates/{mandate}", ApiClient.Finance);
        (view.GetProperty("account").GetProperty("holderKana").GetString(), view.GetProperty("account").GetProperty("number").GetString())
            .ShouldBe(("ﾎｺﾞｼﾔ ﾊﾅｺ", "0012345"));

        var kanji = ApiClient.Json(await Api.Post($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-02",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "1", holderKana = "保護者花子" },
        }, 422, ApiClient.Finance));
        kanji.GetProperty("errors").TryGetProperty("account.holderKana", out _).ShouldBeTrue();
        var month = ApiClient.Json(await Api.Post($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-13",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "1", holderKana = "ハナコ" },
        }, 400, ApiClient.Finance));
        month.GetProperty("errors").TryGetProperty("startMonth", out _).ShouldBeTrue();

        // A new 依頼書 from March ends the running one with February (口座変更).
        await Api.PostJson($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2027, 1, 10), startMonth = "2027-03",
            account = new { bankCode = "0009", branchCode = "001", type = "ordinary", number = "7654321", holderKana = "ホゴシャ　ハナコ" },
        }, 201, ApiClient.Finance);
        var list = (await Api.GetJson($"/api/payers/{payer}/direct-debit-mandates", ApiClient.Finance)).EnumerateArray().ToList();
        list.Select(m => (m.GetProperty("startMonth").GetString(), m.GetProperty("endMonth").GetString())).ShouldBe([("2027-03-01", null), ("2027-01-01", "2027-02-01")]);
    }

    [Fact]
    public async Task the_round_trip_turns_every_result_code_into_payments_or_failures_and_ends_mandates_the_bank_says_are_gone()
    {
        var codes = Enum.GetValues<DebitResultCode>();
        var payers = new List<(Guid Payer, Guid Mandate, string CustomerNumber, Guid Charge)>();
        foreach (var _ in codes)
        {
            var (payer, mandate, number) = await Mandated();
            payers.Add((payer, mandate, number, await Api.Charged(payer, "2027-01", 20_000)));
        }
        var unmandated = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var slipCharge = await Api.Charged(unmandated.MotherId, "2027-01", 20_000);

        var (exportId, request) = await Exported(DebitDate);
        request.Records.Count.ShouldBe(10);
        request.Records.Sum(r => r.Amount).ShouldBe(200_000);
        request.Records.ShouldAllBe(r => r.Account.HolderKana == "ﾎｺﾞｼﾔ ﾊﾅｺ" && r.NewCode == 1);
        // Nothing is drawn twice while the bank has the request.
        ApiClient.Json(await Api.Post("/api/direct-debit/exports", new { debitDate = DebitDate }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("direct-debit.nothing-to-draw");

        Clock.Today = new DateOnly(2027, 2, 1);
        var answer = Answer(request, payers.Zip(codes).ToDictionary(p => p.First.CustomerNumber, p => p.Second));
        var summary = ApiClient.Json(await Api.PostFile("/api/direct-debit/results?bookedOn=2027-01-29", answer, 200));
        (summary.GetProperty("debitedCount").GetInt32(), summary.GetProperty("debitedAmount").GetInt64(), summary.GetProperty("failedCount").GetInt32(),
            summary.GetProperty("failedAmount").GetInt64(), summary.GetProperty("mandatesEnded").GetInt32()).ShouldBe((1, 20_000L, 9, 180_000L, 3));

        foreach (var ((payer, mandate, _, charge), code) in payers.Zip(codes))
        {
            var view = await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance);
            view.GetProperty("outstanding").GetInt64().ShouldBe(code == DebitResultCode.Debited ? 0 : 20_000, $"code {code}");
            view.GetProperty("debitFailures").EnumerateArray().Select(f => f.GetProperty("resultCode").GetString()).ShouldBe(
                code == DebitResultCode.Debited ? [] : [JsonNamingPolicy.CamelCase.ConvertName(code.ToString())]);
            var labels = (await Api.GetJson($"/api/charges/{charge}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
            // Written in bulk: the snapshot's version is the stream's, one event after the 調定.
            (labels.Count, view.GetProperty("version").GetInt32()).ShouldBe((2, 2));
            labels.Last().ShouldBe(code == DebitResultCode.Debited ? "収納 2027-01-27: 20,000円" : $"振替不能 2027-01-27: 20,000円 ({(int)code} {code.Reason()})");
            var ended = (await Api.GetJson($"/api/direct-debit-mandates/{mandate}", ApiClient.Finance)).GetProperty("endMonth");
            (ended.ValueKind == JsonValueKind.String).ShouldBe(code.EndsMandate(), $"code {code}");
        }
        var paid = await Api.GetJson($"/api/charges/{payers[0].Charge}", ApiClient.Finance);
        paid.GetProperty("payments")[0].GetProperty("channel").GetString().ShouldBe("directDebit");
        paid.GetProperty("payments")[0].GetProperty("bookedOn").GetString().ShouldBe("2027-01-29");
        (await Api.GetJson($"/api/charges/{slipCharge}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
        var exported = await Api.GetJson($"/api/direct-debit/exports/{exportId}", ApiClient.Finance);
        exported.GetProperty("results").GetProperty("results").GetArrayLength().ShouldBe(10);

        // The same answer again is refused; nothing is paid twice.
        ApiClient.Json(await Api.PostFile("/api/direct-debit/results", answer, 422)).GetProperty("rule").GetString().ShouldBe("direct-debit.results-imported");

        // Next month: 再振替 of January with February for the mandates still running (資金不足 and the other failures that keep the mandate).
        await Api.Charged(payers[1].Payer, "2027-02", 20_000);
        var (_, february) = await Exported(new DateOnly(2027, 2, 26));
        var stillRunning = payers.Zip(codes).Where(p => p.Second != DebitResultCode.Debited && !p.Second.EndsMandate()).Select(p => p.First.CustomerNumber).ToList();
        february.Records.Select(r => r.CustomerNumber).Order().ShouldBe(stillRunning.Order());
        february.Records.Single(r => r.CustomerNumber == payers[1].CustomerNumber).Amount.ShouldBe(40_000);
    }

    [Fact]
    public async Task a_paused_mandate_draws_nothing_in_its_pause_and_again_after_the_resumption()
    {
        var (payer, mandate, customerNumber) = await Mandated();
        var (other, _, _) = await Mandated("サトウ　タロウ");
        await Api.Charged(payer, "2027-01", 20_000);
        await Api.Charged(other, "2027-01", 15_000);
        var paused = await Api.PostJson($"/api/direct-debit-mandates/{mandate}/pause",
            new { fromMonth = "2027-01", toMonth = (string?)null, requestedOn = new DateOnly(2027, 1, 10), reason = "一時停止の申出", version = 1 }, 200, ApiClient.Finance);

        var (_, january) = await Exported(DebitDate);
        january.Records.ShouldNotContain(r => r.CustomerNumber == customerNumber);
        // A stale version is refused.
        await Api.Post($"/api/direct-debit-mandates/{mandate}/pause", new { fromMonth = "2027-02", requestedOn = new DateOnly(2027, 1, 10), reason = "x", version = 1 }, 409,
            ApiClient.Finance);

        await Api.PostJson($"/api/direct-debit-mandates/{mandate}/resumption", new { fromMonth = "2027-02", resumedOn = new DateOnly(2027, 1, 12), version = 2 }, 200,
            ApiClient.Finance);
        await Api.Charged(payer, "2027-02", 20_000);
        Clock.Today = new DateOnly(2027, 2, 1);
        var february = DebitFile.Parse(await Api.GetBytes((await Api.PostJson("/api/direct-debit/exports", new { debitDate = new DateOnly(2027, 2, 26) }, 201,
            ApiClient.Finance)).GetProperty("file").GetString()!), withResults: false);
        // February draws February only: January fell in the 停止期間, so it is paid by 納付書.
        february.Records.Single(r => r.CustomerNumber == customerNumber).Amount.ShouldBe(20_000);
        var labels = (await Api.GetJson($"/api/direct-debit-mandates/{mandate}/history", ApiClient.Auditor)).EnumerateArray()
            .Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldBe([$"口座振替申込 2026-12-10: 2027-01〜 (顧客番号 {customerNumber})", "口座振替一時停止 2027-01〜 (一時停止の申出)", "口座振替停止解除 2027-02〜"]);
        paused.GetProperty("pauses").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_mandate_for_some_subjects_draws_only_those_and_never_fees_billed_by_slip()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var created = await Api.PostJson($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-01", subjects = new[] { "sideDish" },
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana = "ホゴシャ　ハナコ" },
        }, 201, ApiClient.Finance);
        await Api.Charged(family.MotherId, "2027-01", 20_000);
        await Api.Charged(family.MotherId, "2027-01", 4_500, "sideDish");

        var (_, request) = await Exported(DebitDate);
        request.Records.ShouldHaveSingleItem().Amount.ShouldBe(4_500);
        var refused = ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-02", subjects = new[] { "lateFee" },
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana = "ホゴシャ　ハナコ" },
        }, 422, ApiClient.Finance));
        refused.GetProperty("errors").TryGetProperty("subjects", out _).ShouldBeTrue();
        (await Api.GetJson($"/api/direct-debit-mandates/{created.GetProperty("id").GetGuid()}", ApiClient.Finance)).GetProperty("subjects")[0].GetString().ShouldBe("sideDish");
    }

    [Fact]
    public async Task the_service_configuration_lets_imports_write_charges_in_bulk() =>
        (await Application.Common.SnapshotBulkAppender<Domain.Collection.Charge>.For(Store, Application.Collection.ChargeAppends.Spec, CancellationToken.None)).ShouldNotBeNull();

    [Fact]
    public async Task a_faulty_result_file_is_refused_whole_naming_line_and_field_and_records_nothing()
    {
        var (payer, _, customerNumber) = await Mandated();
        var charge = await Api.Charged(payer, "2027-01", 20_000);
        var (second, _, _) = await Mandated("サトウ　タロウ");
        await Api.Charged(second, "2027-01", 15_000);
        var (exportId, request) = await Exported(DebitDate);
        Clock.Today = new DateOnly(2027, 2, 1);

        var faulty = Answer(request, new Dictionary<string, DebitResultCode>());
        faulty[2 * 122 + 111] = (byte)'X';                      // line 3: 振替結果コード
        var refused = ApiClient.Json(await Api.PostFile("/api/direct-debit/results", faulty, 422));
        refused.GetProperty("rule").GetString().ShouldBe("zengin.malformed");
        refused.GetProperty("errors").TryGetProperty("line 3: resultCode (振替結果コード)", out _).ShouldBeTrue();

        var wrongAmount = Answer(request with { Records = [.. request.Records.Select(r => r.CustomerNumber == customerNumber ? r with { Amount = 19_000 } : r)] },
            new Dictionary<string, DebitResultCode>());
        var mismatch = ApiClient.Json(await Api.PostFile("/api/direct-debit/results", wrongAmount, 422));
        mismatch.GetProperty("errors").EnumerateObject().ShouldHaveSingleItem().Name.ShouldEndWith("amount (引落金額)");

        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
        (await Api.GetJson($"/api/direct-debit/exports/{exportId}", ApiClient.Finance)).GetProperty("results").ValueKind.ShouldBe(JsonValueKind.Null);
        ApiClient.Json(await Api.PostFile("/api/direct-debit/results", Answer(request, new Dictionary<string, DebitResultCode>()), 200))
            .GetProperty("debitedCount").GetInt32().ShouldBe(2);
    }
}
