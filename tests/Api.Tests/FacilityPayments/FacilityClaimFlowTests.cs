using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.FacilityPayments;

/// <summary>
/// From placement to claim through the real pipeline: a private nursery set up by 事業者管理 and 加算認定, the sample 単価表
/// published, a child placed from April; the claim is computed, approved by a second person, and a backdated 退所 becomes a
/// 支払調整 when April is computed again.
/// </summary>
public sealed class FacilityClaimFlowTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly April = new(2027, 4, 1);

    private async Task<int> FacilityVersion(Guid facility) => (await Api.GetJson($"/api/facilities/{facility}")).GetProperty("version").GetInt32();

    /// <summary>私立保育所, 20/100 for 年度 2027, 利用定員 0/40/40, 確認 (法31条), 加算率 a 12 b 7 from April.</summary>
    private async Task PrivateNursery(Guid facility)
    {
        await Api.PostJson("/api/facility-payments/price-tables", PublicPriceTableTests.SampleBody(), 201, ApiClient.Admin);
        const string liaison = ApiClient.FacilityLiaison;
        await Api.PostJson($"/api/facilities/{facility}/category", new { category = "privateNursery", effectiveFrom = "2026-04-01", version = await FacilityVersion(facility) }, 200, liaison);
        await Api.PostJson($"/api/facilities/{facility}/region-categories", new { fiscalYear = 2027, category = "20/100", version = await FacilityVersion(facility) }, 200, liaison);
        await Api.PostJson($"/api/facilities/{facility}/usage-capacity",
            new { capacity = new { certification1 = 0, certification2 = 40, certification3 = 40 }, effectiveFrom = "2026-04-01", version = await FacilityVersion(facility) }, 200, liaison);
        await Api.PostJson($"/api/facilities/{facility}/confirmation", new { confirmedOn = "2026-04-01", basis = "article31", version = await FacilityVersion(facility) }, 200, liaison);
        await Api.PostJson($"/api/facilities/{facility}/addons/2027/treatment-rates",
            new { a = 12, b = 7, personsA = 0, personsB = 0, fromMonth = "2027-04-01", provisional = false, certifiedOn = "2027-01-15" }, 200, ApiClient.Supervisor);
    }

    [Fact]
    public async Task a_placed_child_is_claimed_approved_by_a_second_person_and_a_backdated_leaving_becomes_an_adjustment()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2026, 1, 10)); // 1歳児クラス in 年度 2027, 3号 標準時間
        await PrivateNursery(placed.FacilityId);
        Clock.Today = new DateOnly(2027, 5, 10);

        var computed = await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April }, 200, ApiClient.Finance);
        // T-HO 1・2歳児 標準時間: 130,000 + floor10(1,300 × (12 + 7 + 2.0)) = 157,300; 委託費, the fee is not deducted.
        computed.GetProperty("amount").GetInt64().ShouldBe(157_300);
        var claimId = computed.GetProperty("claimId").GetGuid();
        var claim = await Api.GetJson($"/api/facility-claims/{claimId}", ApiClient.Finance);
        claim.GetProperty("pricing").GetProperty("priceTableVersion").GetInt32().ShouldBe(1);
        claim.GetProperty("latest").GetProperty("lines")[0].GetProperty("basis").GetString()!.ShouldContain("1・2歳児 標準時間: 基本分 130,000");

        ApiClient.Json(await Api.Post($"/api/facility-claims/{claimId}/approval", new { version = 1, decidedOn = "2027-05-10" }, 403, ApiClient.Finance));
        var approved = await Api.PostJson($"/api/facility-claims/{claimId}/approval", new { version = 1, decidedOn = "2027-05-10" }, 200, ApiClient.Supervisor);
        (approved.GetProperty("approvedAmount").GetInt64(), approved.GetProperty("unscheduled").GetInt64()).ShouldBe((157_300, 157_300));

        // 退所 recorded late, back to 4/15: April is computed again and the difference is owed back (支払調整).
        var version = (await Api.GetJson($"/api/placements/{placed.PlacementId}")).GetProperty("version").GetInt32();
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placed.PlacementId}/leaving", new { lastDay = new DateOnly(2027, 4, 15), reason = "転出", version }));
        var recomputed = await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April, reason = "退所の遡及" }, 200, ApiClient.Finance);
        recomputed.GetProperty("revision").GetInt32().ShouldBe(2);
        // 4/1–4/15 is 13 開所日 of April 2027's 25 (Sundays and 4/29 off): floor(157,300 × 13 ÷ 25) = 81,796.
        recomputed.GetProperty("amount").GetInt64().ShouldBe(81_796);
        var second = await Api.PostJson($"/api/facility-claims/{claimId}/approval", new { version = 3, decidedOn = "2027-05-10" }, 200, ApiClient.Supervisor);
        second.GetProperty("approvedAmount").GetInt64().ShouldBe(81_796);
        var full = await Api.GetJson($"/api/facility-claims/{claimId}", ApiClient.Auditor);
        full.GetProperty("approvals")[1].GetProperty("adjustment").GetInt64().ShouldBe(81_796 - 157_300);

        // Computing again with nothing changed records nothing.
        (await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April, reason = "再算定" }, 200, ApiClient.Finance)).GetProperty("changed").GetBoolean().ShouldBeFalse();
        (await Api.GetJson($"/api/facility-claims?month=2027-04-01", ApiClient.Finance)).EnumerateArray().Single().GetProperty("version").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task approved_claims_are_paid_in_a_batch_and_a_backdated_leaving_is_netted_in_the_next_payment()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2026, 1, 10));
        var sibling = await Api.CertifiedFamily(new DateOnly(2026, 2, 10));
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/placements",
            new { childId = sibling.Family.ChildId, facilityId = placed.FacilityId, certificationId = sibling.CertificationId, startsOn = April }, 201));
        await PrivateNursery(placed.FacilityId);
        await Api.PostJson($"/api/facilities/{placed.FacilityId}/bank-accounts",
            new { account = FacilityScenarios.AccountBody(FacilityScenarios.AccountNumber()), from = "2026-04-01", version = await FacilityVersion(placed.FacilityId) }, 200,
            ApiClient.FacilityLiaison);
        Clock.Today = new DateOnly(2027, 5, 10);
        var april = await ComputedAndApproved(placed.FacilityId, April);

        var batch = await Api.PostJson("/api/facility-payment-batches", new { transferDate = "2027-05-20" }, 200, ApiClient.Finance);
        batch.GetProperty("total").GetInt64().ShouldBe(2 * 157_300);
        var batchId = batch.GetProperty("id").GetGuid();
        ApiClient.Json(await Api.Post("/api/facility-payment-batches", new { transferDate = "2027-05-20" }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("payment-batch.nothing-owed");
        await Api.Get($"/api/facility-payment-batches/{batchId}/file", 422, ApiClient.Finance);
        ApiClient.Json(await Api.Post($"/api/facility-payment-batches/{batchId}/approval", new { version = 1, on = "2027-05-11" }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("payment-batch.four-eyes");
        var approved = ApiClient.Json(await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("second-finance", ApiClient.Finance)}");
            s.Post.Json(new { version = 1, on = "2027-05-11" }).ToUrl($"/api/facility-payment-batches/{batchId}/approval");
        }));
        var file = await Api.GetBytes($"/api/facility-payment-batches/{batchId}/file", ApiClient.Finance);
        file.Length.ShouldBe(4 * 122);
        System.Text.Encoding.ASCII.GetString(file, 2 * 122, 19).ShouldBe($"8000001{2 * 157_300:D12}");
        approved.GetProperty("fileSha256").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)));
        await Api.PostJson($"/api/facility-payment-batches/{batchId}/completion", new { version = 3, on = "2027-05-20" }, 200, ApiClient.Finance);
        (await Api.GetJson($"/api/facility-claims/{april}", ApiClient.Finance)).GetProperty("paidAmount").GetInt64().ShouldBe(2 * 157_300);

        // The first child's 退所 is recorded in June, back to 4/15: April is worth 75,504 less, taken off the May payment.
        Clock.Today = new DateOnly(2027, 6, 10);
        var version = (await Api.GetJson($"/api/placements/{placed.PlacementId}")).GetProperty("version").GetInt32();
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placed.PlacementId}/leaving", new { lastDay = new DateOnly(2027, 4, 15), reason = "転出", version }));
        await ComputedAndApproved(placed.FacilityId, April, "退所の遡及");
        await ComputedAndApproved(placed.FacilityId, new DateOnly(2027, 5, 1));

        var june = await Api.PostJson("/api/facility-payment-batches", new { transferDate = "2027-06-20" }, 200, ApiClient.Finance);
        var line = june.GetProperty("lines").EnumerateArray().Single();
        line.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("amount").GetInt64()).ShouldBe([81_796 - 157_300, 157_300]);
        line.GetProperty("amount").GetInt64().ShouldBe(157_300 - 75_504);

        // 施設別月別支払額: April approved twice (確定 81,796 + 157,300 after the 退所), paid 314,600; May approved, not yet paid.
        var report = await Api.GetJson("/api/reports/facility-payments?fiscalYear=2027", ApiClient.Auditor);
        var facility = report.GetProperty("facilities").EnumerateArray().Single();
        facility.GetProperty("months").EnumerateArray().Select(m => (m.GetProperty("month").GetString(), m.GetProperty("approved").GetInt64(), m.GetProperty("paid").GetInt64()))
            .ShouldBe([("2027-04-01", 81_796 + 157_300, 2 * 157_300), ("2027-05-01", 157_300, 0)]);
        facility.GetProperty("refundDue").GetInt64().ShouldBe(0, "the April overpayment is in the June batch");
        (await Api.GetJson("/api/reports/facility-payments/open", ApiClient.Auditor)).GetArrayLength().ShouldBe(0);
    }

    /// <summary>Computes the facility's month (as finance) and approves it (as a supervisor) at the version it reaches.</summary>
    private async Task<Guid> ComputedAndApproved(Guid facility, DateOnly month, string reason = "月次算定")
    {
        var claim = (await Api.PostJson($"/api/facilities/{facility}/claims", new { month, reason }, 200, ApiClient.Finance)).GetProperty("claimId").GetGuid();
        var version = (await Api.GetJson($"/api/facility-claims/{claim}", ApiClient.Finance)).GetProperty("version").GetInt32();
        await Api.PostJson($"/api/facility-claims/{claim}/approval", new { version, decidedOn = Clock.Today }, 200, ApiClient.Supervisor);
        return claim;
    }

    [Fact]
    public async Task a_price_revision_published_later_back_to_april_is_paid_as_an_adjustment_when_april_is_computed_again()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2026, 1, 10));
        await PrivateNursery(placed.FacilityId);
        Clock.Today = new DateOnly(2027, 5, 10);
        var claim = (await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April }, 200, ApiClient.Finance)).GetProperty("claimId").GetGuid();
        await Api.PostJson($"/api/facility-claims/{claim}/approval", new { version = 1, decidedOn = "2027-05-10" }, 200, ApiClient.Supervisor);

        // 単価改定 (人事院勧告) published in December, applying back to April: the 1・2歳児 標準時間 基本分 rises by 1,000.
        Clock.Today = new DateOnly(2027, 12, 20);
        var revised = PublicPriceTableTests.SampleBody();
        revised["effectiveFrom"] = "2027-04-01";
        revised["notice"] = "SAMPLE (ILLUSTRATIVE): 単価改定";
        foreach (var row in revised["rows"]!.AsArray().Where(r => r!["ageBand"]!.GetValue<string>() == "age1to2"))
            row!["base"] = row["base"]!.GetValue<long>() + 1_000;
        await Api.PostJson("/api/facility-payments/price-tables", revised, 201, ApiClient.Admin);
        var recomputed = await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April, reason = "単価改定" }, 200, ApiClient.Finance);
        await Api.PostJson($"/api/facility-claims/{claim}/approval", new { version = 3, decidedOn = "2027-12-20" }, 200, ApiClient.Supervisor);

        recomputed.GetProperty("amount").GetInt64().ShouldBe(158_300);
        var approved = await Api.GetJson($"/api/facility-claims/{claim}", ApiClient.Auditor);
        approved.GetProperty("pricing").GetProperty("priceTableVersion").GetInt32().ShouldBe(2);
        approved.GetProperty("approvals")[1].GetProperty("adjustment").GetInt64().ShouldBe(1_000);
    }

    [Fact]
    public async Task the_facilitys_own_invoice_is_recorded_with_the_children_whose_lines_differ()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2026, 1, 10));
        await PrivateNursery(placed.FacilityId);
        Clock.Today = new DateOnly(2027, 5, 10);
        var claimId = (await Api.PostJson($"/api/facilities/{placed.FacilityId}/claims", new { month = April }, 200, ApiClient.Finance)).GetProperty("claimId").GetGuid();
        var child = (await Api.GetJson($"/api/facility-claims/{claimId}", ApiClient.Finance)).GetProperty("latest").GetProperty("children")[0].GetProperty("ref").GetString();

        await Api.PostJson($"/api/facility-claims/{claimId}/invoices",
            new { version = 1, invoiceNumber = "R9-0001", invoicedOn = "2027-05-05", amount = 160_000, lines = new[] { new { @ref = child, amount = 160_000 } } }, 200,
            ApiClient.FacilityLiaison);
        ApiClient.Json(await Api.Post($"/api/facility-claims/{claimId}/invoices",
            new { version = 2, invoiceNumber = "R9-0001", invoicedOn = "2027-05-05", amount = 1 }, 422, ApiClient.FacilityLiaison))
            .GetProperty("rule").GetString().ShouldBe("claim.invoice-duplicate");

        var invoice = (await Api.GetJson($"/api/facility-claims/{claimId}", ApiClient.Finance)).GetProperty("invoices").EnumerateArray().Single();
        invoice.GetProperty("difference").GetInt64().ShouldBe(160_000 - 157_300);
        var discrepancy = invoice.GetProperty("discrepancies").EnumerateArray().Single();
        (discrepancy.GetProperty("ref").GetString(), discrepancy.GetProperty("claimed").GetInt64(), discrepancy.GetProperty("computed").GetInt64()).ShouldBe((child, 160_000, 157_300));
    }

    [Fact]
    public async Task the_months_run_computes_every_paid_facility_once_and_skips_the_others_with_the_reason()
    {
        var placed = await Host.PlacedInApril(Api, new DateOnly(2026, 1, 10));
        await PrivateNursery(placed.FacilityId);
        var unready = await Api.RegisteredFacility();
        Clock.Today = new DateOnly(2027, 5, 10);

        var run = await Api.PostJson("/api/facility-claims/runs", new { month = April }, 200, ApiClient.Finance);
        var again = await Api.PostJson("/api/facility-claims/runs", new { month = April }, 200, ApiClient.Finance);

        (run.GetProperty("computed").GetInt32(), run.GetProperty("total").GetInt64()).ShouldBe((1, 157_300));
        var unreadyNumber = (await Api.GetJson($"/api/facilities/{unready}")).GetProperty("facilityNumber").GetString()!;
        run.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()).ShouldContain(s => s!.StartsWith(unreadyNumber));
        (again.GetProperty("computed").GetInt32(), again.GetProperty("unchanged").GetInt32()).ShouldBe((0, 1));
        (await Api.GetJson("/api/facility-claims?month=2027-04-01", ApiClient.Finance)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_facility_missing_what_the_claim_needs_is_refused_naming_it()
    {
        var facility = await Api.RegisteredFacility();
        await Api.PostJson("/api/facility-payments/price-tables", PublicPriceTableTests.SampleBody(), 201, ApiClient.Admin);

        var problem = ApiClient.Json(await Api.Post($"/api/facilities/{facility}/claims", new { month = April }, 422, ApiClient.Finance));

        problem.GetProperty("rule").GetString().ShouldBe("claim.no-category");
        await Api.Post($"/api/facilities/{Guid.NewGuid()}/claims", new { month = April }, 404, ApiClient.Finance);
        await Api.Post($"/api/facilities/{facility}/claims", new { month = "2027-04-02" }, 400, ApiClient.Finance);
    }
}
