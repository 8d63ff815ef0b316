using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>Placement → 利用者負担額決定 → 税更正 → corrections, through the API on real PostgreSQL.</summary>
public sealed class FeeDeterminationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: 1歳児 in 年度2027, 3号 until 2028-06-18. Both parents 160h → 保育標準時間.
    private static readonly DateOnly Birth = new(2025, 6, 20);

    private Task RecordTax(Family family, int fiscalYear, long mother, long father, string? correctionReason = null, int? version = null) =>
        Host.TaxRecorded(Api, family, fiscalYear, mother, father, correctionReason, version);

    private async Task<(CertifiedFamily Family, Guid PlacementId)> PlacedInApril()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        return (placed.Family, placed.PlacementId);
    }

    private async Task<JsonElement[]> Fees(Guid childId) => [.. (await Api.GetJson($"/api/children/{childId}/fees", ApiClient.Finance)).EnumerateArray()];

    private async Task<(string Month, long Fee, string DeterminedFor)[]> MonthlyFees(Guid childId, string from, string to) =>
        [.. (await Api.GetJson($"/api/children/{childId}/monthly-fees?from={from}&to={to}", ApiClient.Finance)).EnumerateArray()
            .Select(f => (f.GetProperty("month").GetString()!, f.GetProperty("fee").GetInt64(), f.GetProperty("determinedFor").GetString()!))];

    private Task MonthlyRun(DateOnly month) => Host.MonthlyRun(Api, month);

    [Fact]
    public async Task a_placement_gets_its_fee_determined_with_the_basis()
    {
        var (family, placement) = await PlacedInApril();

        var fees = await Fees(family.Family.ChildId);
        var april = fees.Single();
        april.GetProperty("month").GetString().ShouldBe("2027-04-01");
        april.GetProperty("fee").GetInt64().ShouldBe(30_000);
        april.GetProperty("reason").GetString().ShouldBe("start");
        april.GetProperty("basis").GetProperty("basis").GetProperty("taxFiscalYear").GetInt32().ShouldBe(2026);
        april.GetProperty("basis").GetProperty("basis").GetProperty("incomeLevy").GetInt64().ShouldBe(95_000);
        april.GetProperty("basis").GetProperty("basis").GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(1);
        april.GetProperty("userName").GetString().ShouldBe("test-clerk");
        (await Api.GetJson($"/api/placements/{placement}", ApiClient.Auditor)).GetProperty("contractNumber").GetString()!.ShouldStartWith("K2027");
    }

    [Fact]
    public async Task a_tax_correction_recomputes_exactly_the_months_its_year_decides_and_says_so()
    {
        var (family, _) = await PlacedInApril();
        await RecordTax(family.Family, 2027, 80_000, 70_000);   // 年度2027: 150,000 → 第5 (44,500) from September
        Clock.Today = new DateOnly(2027, 10, 15);
        for (var month = new DateOnly(2027, 5, 1); month <= new DateOnly(2027, 10, 1); month = month.AddMonths(1)) await MonthlyRun(month);
        await MonthlyRun(new DateOnly(2027, 5, 1)); // a re-run determines nothing twice

        // A determination holds until the fee changes: April's (入所) and September's (the new 年度's tax), no others.
        var before = await Fees(family.Family.ChildId);
        before.Select(f => (f.GetProperty("month").GetString(), f.GetProperty("fee").GetInt64())).ShouldBe([("2027-04-01", 30_000L), ("2027-09-01", 44_500L)]);
        before[1].GetProperty("reason").GetString().ShouldBe("septemberSwitch");
        (await MonthlyFees(family.Family.ChildId, "2027-04-01", "2027-10-01")).ShouldBe([
            ("2027-04-01", 30_000L, "2027-04-01"), ("2027-05-01", 30_000L, "2027-04-01"), ("2027-06-01", 30_000L, "2027-04-01"), ("2027-07-01", 30_000L, "2027-04-01"),
            ("2027-08-01", 30_000L, "2027-04-01"), ("2027-09-01", 44_500L, "2027-09-01"), ("2027-10-01", 44_500L, "2027-09-01")]);

        // 税更正 of 年度2026 for the mother: 50,000 → 60,000, so the household's 105,000 is 第5 for April–August 2027.
        await RecordTax(family.Family, 2026, 60_000, 0, correctionReason: "扶養控除の更正", version: 1);

        // One 更正 from April holds through August; September already had its own determination and keeps it.
        var corrections = (await Fees(family.Family.ChildId)).Where(f => f.GetProperty("reason").GetString() == "taxCorrection").ToList();
        corrections.Select(f => (f.GetProperty("month").GetString(), f.GetProperty("fee").GetInt64(), f.GetProperty("replaces").GetInt64()))
            .ShouldBe([("2027-04-01", 44_500L, 30_000L)]);
        (await MonthlyFees(family.Family.ChildId, "2027-04-01", "2027-10-01")).Select(f => (f.Month, f.Fee)).ShouldBe([
            ("2027-04-01", 44_500L), ("2027-05-01", 44_500L), ("2027-06-01", 44_500L), ("2027-07-01", 44_500L), ("2027-08-01", 44_500L),
            ("2027-09-01", 44_500L), ("2027-10-01", 44_500L)]);
        var history = await Api.GetJson($"/api/placements/{(await Fees(family.Family.ChildId))[0].GetProperty("placementId").GetGuid()}/history", ApiClient.Auditor);
        history.EnumerateArray().Select(e => e.GetProperty("label").GetString()!).Where(l => l.StartsWith("利用者負担額更正"))
            .ShouldBe(["利用者負担額更正 2027-04〜: 30,000円 → 44,500円 (TaxCorrection)"]);
    }

    [Fact]
    public async Task a_tax_correction_does_not_carry_into_the_months_the_next_year_decides()
    {
        var (family, _) = await PlacedInApril();
        await RecordTax(family.Family, 2027, 50_000, 45_000);   // 年度2027 as 年度2026: 95,000 → 第4, 30,000 all year
        Clock.Today = new DateOnly(2027, 10, 15);
        for (var month = new DateOnly(2027, 5, 1); month <= new DateOnly(2027, 10, 1); month = month.AddMonths(1)) await MonthlyRun(month);
        (await Fees(family.Family.ChildId)).Length.ShouldBe(1);

        await RecordTax(family.Family, 2026, 60_000, 0, correctionReason: "扶養控除の更正", version: 1);

        // April–August follow 年度2026 (44,500); September on follows 年度2027, unchanged, so September records the fee it had.
        (await MonthlyFees(family.Family.ChildId, "2027-04-01", "2027-10-01")).Select(f => (f.Month, f.Fee)).ShouldBe([
            ("2027-04-01", 44_500L), ("2027-05-01", 44_500L), ("2027-06-01", 44_500L), ("2027-07-01", 44_500L), ("2027-08-01", 44_500L),
            ("2027-09-01", 30_000L), ("2027-10-01", 30_000L)]);
        var fees = await Fees(family.Family.ChildId);
        fees.Select(f => (f.GetProperty("month").GetString(), f.GetProperty("reason").GetString())).ShouldBe([
            ("2027-04-01", "start"), ("2027-04-01", "taxCorrection"), ("2027-09-01", "continuation")]);
        fees[2].GetProperty("replaces").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task leaving_mid_month_prorates_that_month_and_the_months_after_owe_nothing()
    {
        var (family, placement) = await PlacedInApril();
        Clock.Today = new DateOnly(2027, 6, 20);
        await MonthlyRun(new DateOnly(2027, 5, 1));
        await MonthlyRun(new DateOnly(2027, 6, 1));

        var version = (await Api.GetJson($"/api/placements/{placement}")).GetProperty("version").GetInt32();
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placement}/leaving", new { lastDay = new DateOnly(2027, 5, 15), reason = "転出", version }));

        // 30,000 × 15/31 = 14,516 → 10円未満切捨て; June is no longer a month of the placement, so it owes nothing.
        (await MonthlyFees(family.Family.ChildId, "2027-04-01", "2027-06-01")).Select(f => (f.Month, f.Fee)).ShouldBe([("2027-04-01", 30_000L), ("2027-05-01", 14_510L)]);
        var may = (await Fees(family.Family.ChildId)).Last();
        (may.GetProperty("month").GetString(), may.GetProperty("reason").GetString(), may.GetProperty("replaces").GetInt64()).ShouldBe(("2027-05-01", "leaving", 30_000L));
        var june = (await Api.GetJson("/api/charge-notices?month=2027-06-01", ApiClient.Finance)).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("subject").GetString() == "userFee");
        (june.GetProperty("amount").GetInt64(), june.GetProperty("revision").GetInt32()).ShouldBe((0L, 2));
    }

    [Fact]
    public async Task placements_need_a_valid_certification_and_cannot_overlap()
    {
        var (family, _) = await PlacedInApril();
        var other = await Api.RegisteredFacility();
        var overlap = ApiClient.Json(await Api.Post("/api/placements", new { childId = family.Family.ChildId, facilityId = other, certificationId = family.CertificationId, startsOn = new DateOnly(2027, 6, 1) }, 422));
        overlap.GetProperty("rule").GetString().ShouldBe("placement.overlap");
        var early = ApiClient.Json(await Api.Post("/api/placements", new { childId = family.Family.ChildId, facilityId = other, certificationId = family.CertificationId, startsOn = new DateOnly(2027, 3, 1) }, 422));
        early.GetProperty("rule").GetString().ShouldBe("placement.certification");
    }
}
