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

        var before = await Fees(family.Family.ChildId);
        before.Select(f => (f.GetProperty("month").GetString(), f.GetProperty("fee").GetInt64())).ShouldBe([
            ("2027-04-01", 30_000L), ("2027-05-01", 30_000L), ("2027-06-01", 30_000L), ("2027-07-01", 30_000L), ("2027-08-01", 30_000L),
            ("2027-09-01", 44_500L), ("2027-10-01", 44_500L)]);
        before.Single(f => f.GetProperty("month").GetString() == "2027-09-01").GetProperty("reason").GetString().ShouldBe("septemberSwitch");

        // 税更正 of 年度2026 for the mother: 50,000 → 60,000, so the household's 105,000 is 第5 for April–August 2027.
        await RecordTax(family.Family, 2026, 60_000, 0, correctionReason: "扶養控除の更正", version: 1);

        var corrections = (await Fees(family.Family.ChildId)).Where(f => f.GetProperty("reason").GetString() == "taxCorrection").ToList();
        corrections.Select(f => f.GetProperty("month").GetString()).ShouldBe(["2027-04-01", "2027-05-01", "2027-06-01", "2027-07-01", "2027-08-01"]);
        corrections.ShouldAllBe(f => f.GetProperty("fee").GetInt64() == 44_500 && f.GetProperty("replaces").GetInt64() == 30_000);
        var history = await Api.GetJson($"/api/placements/{(await Fees(family.Family.ChildId))[0].GetProperty("placementId").GetGuid()}/history", ApiClient.Auditor);
        history.EnumerateArray().Count(e => e.GetProperty("label").GetString()!.StartsWith("利用者負担額更正")).ShouldBe(5);
    }

    [Fact]
    public async Task leaving_mid_month_prorates_that_month_and_zeroes_the_months_after()
    {
        var (family, placement) = await PlacedInApril();
        Clock.Today = new DateOnly(2027, 6, 20);
        await MonthlyRun(new DateOnly(2027, 5, 1));
        await MonthlyRun(new DateOnly(2027, 6, 1));

        var version = (await Api.GetJson($"/api/placements/{placement}")).GetProperty("version").GetInt32();
        await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/placements/{placement}/leaving", new { lastDay = new DateOnly(2027, 5, 15), reason = "転出", version }));

        var latest = (await Fees(family.Family.ChildId)).GroupBy(f => f.GetProperty("month").GetString()).ToDictionary(g => g.Key!, g => g.Last());
        latest["2027-04-01"].GetProperty("fee").GetInt64().ShouldBe(30_000);
        latest["2027-05-01"].GetProperty("fee").GetInt64().ShouldBe(14_510);   // 30,000 × 15/31 = 14,516 → 10円未満切捨て
        latest["2027-05-01"].GetProperty("reason").GetString().ShouldBe("leaving");
        latest["2027-06-01"].GetProperty("fee").GetInt64().ShouldBe(0);
        latest["2027-06-01"].GetProperty("replaces").GetInt64().ShouldBe(30_000);
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
