using System.Text.Json;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.ExtendedCare;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.ExtendedCare;

/// <summary>
/// 延長保育 through the API on real PostgreSQL: 申込 → 承諾 → 契約 → 利用実績 → 延長保育料 → 実績訂正 → 更正, the monthly run, 利用終了,
/// rule versions, and who may do what. Amounts are the shipped sample rules (ExtendedCareRuleSets.Default): the household's
/// 所得割 95,000 is 国第4階層 → band D; the child is in the 1・2歳児クラス → 月額 2,000, 日額 200, 上限 2,000.
/// </summary>
public sealed class ExtendedCareTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: 1歳児クラス in 年度2027.
    private static readonly DateOnly Birth = new(2025, 6, 20);
    private static readonly DateOnly June = new(2027, 6, 1);
    private static readonly DateOnly July = new(2027, 7, 1);

    // Band D, 1・2歳児クラス (ExtendedCareRuleSets.Default).
    private const long Monthly = 2_000, Daily = 200, Cap = 2_000;

    private sealed record Placed(Guid PlacementId, Guid FacilityId, Guid ChildId);

    private async Task<Placed> PlacedWithTier4(params DateOnly[] feeMonths)
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        foreach (var month in feeMonths) await Host.MonthlyRun(Api, month);
        return new Placed(placed.PlacementId, placed.FacilityId, placed.Family.Family.ChildId);
    }

    private async Task<Guid> Applied(Placed placed, string feeSystem, DateOnly requestedFrom)
    {
        var created = await Api.PostJson("/api/extended-care", new
        {
            placementId = placed.PlacementId, appliedOn = new DateOnly(2027, 5, 20), requestedFrom, feeSystem, timeBand = "18:15〜19:15", reason = "勤務終了 18:00・通勤 50分",
        }, 201);
        created.GetProperty("applicationNumber").GetString()!.ShouldStartWith("E2027");
        return created.GetProperty("id").GetGuid();
    }

    private async Task<JsonElement[]> Fees(Guid id, DateOnly? month = null) =>
        [.. (await Api.GetJson($"/api/extended-care/{id}/fees" + (month is { } m ? $"?month={m:yyyy-MM-dd}" : ""), ApiClient.Auditor)).EnumerateArray()];

    private async Task<int> Version(Guid id) => (await Api.GetJson($"/api/extended-care/{id}")).GetProperty("version").GetInt32();

    [Fact]
    public async Task application_approval_contract_usage_fee_correction_and_its_fee_correction()
    {
        Clock.Today = new DateOnly(2027, 7, 5);
        var placed = await PlacedWithTier4(new DateOnly(2027, 5, 1), June, July);
        var id = await Applied(placed, "daily", June);

        // 承諾: a clerk may not decide; a period past 3/31 is refused naming the field; a stale version is a conflict.
        await Api.Post($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 403, ApiClient.Clerk);
        var beyond = ApiClient.Json(await Api.Post($"/api/extended-care/{id}/decision",
            new { decidedOn = new DateOnly(2027, 5, 25), approve = true, until = new DateOnly(2028, 4, 30), version = 1 }, 422, ApiClient.Supervisor));
        beyond.GetProperty("rule").GetString().ShouldBe("extended-care.beyond-fiscal-year");
        beyond.GetProperty("errors").TryGetProperty("until", out _).ShouldBeTrue();
        await Api.Post($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 2 }, 409, ApiClient.Supervisor);

        var approved = await Api.PostJson($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 200, ApiClient.Supervisor);
        approved.GetProperty("status").GetString().ShouldBe("approved");
        approved.GetProperty("approvedFrom").GetString().ShouldBe("2027-06-01");
        approved.GetProperty("approvedUntil").GetString().ShouldBe("2028-03-31");

        // 契約 (日単位): nothing to charge until usage is recorded.
        var contracted = await Api.PostJson($"/api/extended-care/{id}/contract", new { contractDate = new DateOnly(2027, 5, 28), version = 2 });
        contracted.GetProperty("status").GetString().ShouldBe("contracted");
        contracted.GetProperty("feeSystem").GetString().ShouldBe("daily");
        (await Fees(id)).ShouldBeEmpty();

        // 利用実績 for June: 8 uses × 日額 200 = 1,600, determined at once.
        var recorded = await Api.PostJson($"/api/extended-care/{id}/usage", new { month = June, daysUsed = 8, version = 3 });
        recorded.GetProperty("version").GetInt32().ShouldBe(5);
        var first = (await Fees(id, June)).Single();
        first.GetProperty("fee").GetInt64().ShouldBe(8 * Daily);
        first.GetProperty("reason").GetString().ShouldBe("usage");
        first.GetProperty("userName").GetString().ShouldBe("test-clerk");
        var basis = first.GetProperty("basis");
        basis.GetProperty("tierBand").GetString().ShouldBe("D");
        basis.GetProperty("nationalTier").GetInt32().ShouldBe(4);
        basis.GetProperty("ageBand").GetString().ShouldBe("infant");
        basis.GetProperty("uses").GetInt32().ShouldBe(8);
        basis.GetProperty("ruleSetId").GetString().ShouldBe("extended-care-rules/1");
        basis.GetProperty("tier").GetProperty("placementId").GetGuid().ShouldBe(placed.PlacementId);

        // A different figure for a month on record needs a 訂正事由.
        ApiClient.Json(await Api.Post($"/api/extended-care/{id}/usage", new { month = June, daysUsed = 12, version = 5 }, 422))
            .GetProperty("rule").GetString().ShouldBe("extended-care.correction-reason");

        // 実績訂正: 12 uses × 200 = 2,400 → capped at 2,000; the fee is corrected (更正) and names the 1,600 it replaces.
        await Api.PostJson($"/api/extended-care/{id}/usage", new { month = June, daysUsed = 12, correctionReason = "記録漏れ (4日分)", version = 5 });
        var latest = (await Fees(id, June)).Last();
        latest.GetProperty("fee").GetInt64().ShouldBe(Math.Min(12 * Daily, Cap));
        latest.GetProperty("replaces").GetInt64().ShouldBe(8 * Daily);
        latest.GetProperty("reason").GetString().ShouldBe("usageCorrection");
        latest.GetProperty("basis").GetProperty("capApplied").GetBoolean().ShouldBeTrue();

        var state = await Api.GetJson($"/api/extended-care/{id}", ApiClient.Auditor);
        var usage = state.GetProperty("usage").EnumerateArray().Single();
        (usage.GetProperty("daysUsed").GetInt32(), usage.GetProperty("records").GetInt32()).ShouldBe((12, 2));

        // The monthly run appends nothing for an unchanged month, however often it runs.
        for (var i = 0; i < 2; i++)
        {
            var list = await Api.PostJson("/api/extended-care/monthly-runs", new { month = June }, 200, ApiClient.Finance);
            list.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("contractId").GetGuid() == id).GetProperty("fee").GetInt64().ShouldBe(Cap);
        }
        (await Fees(id, June)).Length.ShouldBe(2);

        var labels = (await Api.GetJson($"/api/extended-care/{id}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldContain("延長保育利用実績訂正 2027-06: 8日 8回 → 12日 12回 (記録漏れ (4日分))");
        labels.ShouldContain($"延長保育料更正 2027-06: {8 * Daily:N0}円 → {Cap:N0}円");
        labels.First().ShouldBe("延長保育利用申込受付 (日額利用)");
    }

    [Fact]
    public async Task a_monthly_contract_is_prorated_from_a_mid_month_start_charged_by_the_monthly_run_and_prorated_again_when_it_ends()
    {
        Clock.Today = new DateOnly(2027, 6, 20);
        var placed = await PlacedWithTier4(new DateOnly(2027, 5, 1), June);
        var id = await Applied(placed, "monthly", new DateOnly(2027, 6, 16));
        await Api.PostJson($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 6, 1), approve = true, version = 1 }, 200, ApiClient.Supervisor);
        await Api.PostJson($"/api/extended-care/{id}/contract", new { contractDate = new DateOnly(2027, 6, 2), version = 2 });

        // 16–30 June: 2,000 × 15/30 = 1,000 (日割日数 15/30).
        var june = (await Fees(id, June)).Single();
        june.GetProperty("fee").GetInt64().ShouldBe(Monthly * 15 / 30);
        june.GetProperty("reason").GetString().ShouldBe("contracted");
        (june.GetProperty("basis").GetProperty("prorationNumerator").GetInt32(), june.GetProperty("basis").GetProperty("prorationDenominator").GetInt32()).ShouldBe((15, 30));

        // July: the month's run charges the full month on the 階層 of the 利用者負担額決定 in force.
        Clock.Today = new DateOnly(2027, 7, 10);
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/fees/monthly-runs", new { month = July }, 200, ApiClient.Finance));
        var run = await Api.PostJson("/api/extended-care/monthly-runs", new { month = July }, 200, ApiClient.Finance);
        run.GetProperty("totalFees").GetInt64().ShouldBe(Monthly);
        (await Fees(id, July)).Single().GetProperty("reason").GetString().ShouldBe("monthlyRun");

        // 利用終了 on 15 July: 2,000 × 15/31 = 967.7… → 960 (10円未満切捨て), a 更正 of the 2,000.
        await Api.PostJson($"/api/extended-care/{id}/ending", new { lastDay = new DateOnly(2027, 7, 15), reason = "保護者の勤務時間変更", version = await Version(id) });
        var ended = (await Fees(id, July)).Last();
        ended.GetProperty("fee").GetInt64().ShouldBe(Monthly * 15 / 31 / 10 * 10);
        ended.GetProperty("replaces").GetInt64().ShouldBe(Monthly);
        ended.GetProperty("reason").GetString().ShouldBe("ending");

        var listed = await Api.GetJson($"/api/extended-care?facilityId={placed.FacilityId}&month=2027-07-01", ApiClient.Auditor);
        listed.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("ended");
        (await Api.GetJson($"/api/extended-care?childId={placed.ChildId}&month=2027-08-01")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_published_rule_version_charges_the_months_from_its_effective_date()
    {
        Clock.Today = new DateOnly(2027, 7, 20);
        var placed = await PlacedWithTier4(new DateOnly(2027, 5, 1), June, July);
        var id = await Applied(placed, "monthly", June);
        await Api.PostJson($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 200, ApiClient.Supervisor);
        await Api.PostJson($"/api/extended-care/{id}/contract", new { contractDate = new DateOnly(2027, 5, 28), version = 2 });

        var v1 = (await Api.GetJson("/api/extended-care/rule-sets", ApiClient.Clerk)).EnumerateArray().Single();
        var prices = v1.GetProperty("prices").EnumerateArray()
            .Select(p => p.GetProperty("tierBand").GetString() == "D" && p.GetProperty("ageBand").GetString() == "infant"
                ? new { tierBand = "D", ageBand = "infant", monthly = 3_000L, daily = 300L, dailyMonthlyCap = (long?)3_000 }
                : new { tierBand = p.GetProperty("tierBand").GetString()!, ageBand = p.GetProperty("ageBand").GetString()!, monthly = p.GetProperty("monthly").GetInt64(),
                    daily = p.GetProperty("daily").GetInt64(), dailyMonthlyCap = (long?)p.GetProperty("dailyMonthlyCap").GetInt64() })
            .ToList();
        object Body(object pricesBody) => new
        {
            effectiveFrom = new DateOnly(2027, 8, 1), description = "令和9年8月改定 (テスト)",
            tierBands = v1.GetProperty("tierBands"), ageBands = v1.GetProperty("ageBands"), prices = pricesBody,
            siblings = v1.GetProperty("siblings"), exemptions = v1.GetProperty("exemptions"), roundDownTo = 10,
        };

        await Api.Post("/api/extended-care/rule-sets", Body(prices), 403, ApiClient.Clerk);
        ApiClient.Json(await Api.Post("/api/extended-care/rule-sets", Body(prices.Skip(1).ToList()), 400, ApiClient.Admin))
            .GetProperty("errors").TryGetProperty("prices", out _).ShouldBeTrue();
        (await Api.PostJson("/api/extended-care/rule-sets", Body(prices), 201, ApiClient.Admin)).GetProperty("version").GetInt32().ShouldBe(2);

        Clock.Today = new DateOnly(2027, 8, 10);
        // The month's run decides 利用者負担額 and then 延長保育料: June and July are unchanged, August is new under v2.
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/fees/monthly-runs", new { month = new DateOnly(2027, 8, 1) }, 200, ApiClient.Finance));
        // Re-determining (as after a 階層 change) and re-running change nothing.
        await Host.InvokeMessageAndWaitAsync(new DetermineExtendedCareFees(id, June, new DateOnly(2027, 8, 1), ExtendedCareFeeReason.Redetermination));
        await Api.PostJson("/api/extended-care/monthly-runs", new { month = new DateOnly(2027, 8, 1) }, 200, ApiClient.Finance);

        (await Fees(id)).Select(f => f.GetProperty("month").GetString()).ShouldBe(["2027-06-01", "2027-07-01", "2027-08-01"]);
        (await Fees(id, July)).Single().GetProperty("fee").GetInt64().ShouldBe(Monthly);
        var august = (await Fees(id, new DateOnly(2027, 8, 1))).Single();
        august.GetProperty("fee").GetInt64().ShouldBe(3_000);
        august.GetProperty("reason").GetString().ShouldBe("monthlyRun");
        august.GetProperty("basis").GetProperty("ruleVersion").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task readers_read_and_only_the_right_roles_write()
    {
        Clock.Today = new DateOnly(2027, 6, 10);
        var placed = await PlacedWithTier4();
        var id = await Applied(placed, "monthly", June);

        (await Api.GetJson($"/api/extended-care/{id}", ApiClient.Auditor)).GetProperty("status").GetString().ShouldBe("applied");
        (await Api.GetJson($"/api/extended-care?childId={placed.ChildId}", ApiClient.Auditor)).GetArrayLength().ShouldBe(1);
        await Api.Post($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 403, ApiClient.Auditor);
        await Api.Post($"/api/extended-care/{id}/usage", new { month = June, daysUsed = 1, version = 1 }, 403, ApiClient.Supervisor);
        await Api.Post("/api/extended-care/monthly-runs", new { month = June }, 403, ApiClient.Clerk);

        // Unknown ids are 404; a second open application for the 年度 is refused; a malformed body names the field.
        await Api.Get($"/api/extended-care/{Guid.NewGuid()}", 404);
        await Api.Post($"/api/extended-care/{Guid.NewGuid()}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 404, ApiClient.Supervisor);
        ApiClient.Json(await Api.Post("/api/extended-care", new
        {
            placementId = placed.PlacementId, appliedOn = new DateOnly(2027, 5, 21), requestedFrom = new DateOnly(2027, 7, 1), feeSystem = "daily", timeBand = "18:15〜19:15", reason = "再申込",
        }, 422)).GetProperty("rule").GetString().ShouldBe("extended-care.already-applied");
        ApiClient.Json(await Api.Post("/api/extended-care", new
        {
            placementId = placed.PlacementId, appliedOn = new DateOnly(2027, 5, 21), requestedFrom = June, feeSystem = "weekly", timeBand = "x", reason = "x",
        }, 400)).GetProperty("errors").TryGetProperty("feeSystem", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = false, version = 1 }, 400, ApiClient.Supervisor))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        // 不承諾 closes the case; a new application for the 年度 is then possible.
        var refused = await Api.PostJson($"/api/extended-care/{id}/decision",
            new { decidedOn = new DateOnly(2027, 5, 25), approve = false, reason = "就労時間が要件を満たさない", version = 1 }, 200, ApiClient.Supervisor);
        refused.GetProperty("status").GetString().ShouldBe("rejected");
        var again = await Applied(placed, "daily", new DateOnly(2027, 7, 1));

        // 取消 is a decision: not for a clerk.
        await Api.Post($"/api/extended-care/{again}/cancellation", new { decidedOn = new DateOnly(2027, 6, 1), reason = "申込取下げ", version = 1 }, 403, ApiClient.Clerk);
        (await Api.PostJson($"/api/extended-care/{again}/cancellation", new { decidedOn = new DateOnly(2027, 6, 1), reason = "申込取下げ", version = 1 }, 200, ApiClient.Supervisor))
            .GetProperty("status").GetString().ShouldBe("cancelled");
    }
}
