using System.Text.Json;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// 収納率 of 年度 2028 (no other test uses it) through the API on real PostgreSQL: 現年度分 with 更正, 取消, 充当, 還付 and the
/// 出納整理期間, 滞納繰越分 from the closing of 2027 with a 不納欠損, by month and in total, and the identity
/// 調定額 = 収納額 + 不納欠損額 + 収入未済額 per section.
/// </summary>
public sealed class CollectionRateTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_year_counts_what_was_booked_by_31_may_against_its_charges_and_the_arrears_carried_into_it()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2022, 6, 20));
        var (mother, father) = (family.MotherId, family.FatherId!.Value);
        var other = (await Api.RegisteredFamily(new DateOnly(2022, 8, 1), singleParent: true)).MotherId;

        // 滞納繰越分 for 2028: a 2023 charge carried year after year (prescribes 2028-04-30, written off in June 2028), and two of 2027.
        var prescribed = await Api.Charged(mother, "2023-04", 8_000);
        var april2027 = await Api.Charged(mother, "2027-04");            // 30,000 carried; 10,000 by 充当 in June 2028, 5,000 in April 2029
        var march2028 = await Api.Charged(father, "2028-03", 20_000);    // 5,000 paid in April 2028, 15,000 carried and paid in September
        // 現年度分 of 2028.
        var april = await Api.Charged(mother, "2028-04");                // paid on time
        var may = await Api.Charged(mother, "2028-05");                  // 20,000 paid in June (booked 06-12)
        var june = await Api.Charged(mother, "2028-06");                 // 40,000 paid: 10,000 applied to April 2027
        var july = await Api.Charged(mother, "2028-07");                 // corrected to 25,000, unpaid
        var february = await Api.Charged(mother, "2029-02");             // cancelled
        var march = await Api.Charged(father, "2029-03");                // paid in the 出納整理期間 (booked 2029-04-16)
        var january = await Api.Charged(father, "2029-01", 10_000);      // paid 2029-05-31 but booked 06-01: not the year's
        var october = await Api.Charged(other, "2028-10", 20_000);       // 25,000 paid: 5,000 to refund, not yet paid out

        Clock.Today = new DateOnly(2028, 6, 1);
        foreach (var year in new[] { 2023, 2024, 2025, 2026 }) await Close(year);
        await Pay(march2028, 5_000, new DateOnly(2028, 4, 20));
        await Pay(april, 30_000, new DateOnly(2028, 4, 30));
        (await Close(2027)).GetProperty("amount").GetInt64().ShouldBe(53_000);

        Clock.Today = new DateOnly(2028, 6, 15);
        var proposal = (await Api.PostJson("/api/write-offs/proposals", new { proposedOn = Clock.Today }, 200, ApiClient.Finance)).EnumerateArray().ShouldHaveSingleItem();
        proposal.GetProperty("chargeId").GetGuid().ShouldBe(prescribed);
        await Api.PostJson($"/api/charges/{prescribed}/write-off/approval", new { approvedOn = Clock.Today, version = proposal.GetProperty("version").GetInt32() }, 200,
            ApiClient.Supervisor);

        Clock.Today = new DateOnly(2028, 6, 30);
        await Pay(may, 20_000, new DateOnly(2028, 6, 10), new DateOnly(2028, 6, 12));
        await Host.ExecuteAndWaitAsync(async () => await Pay(june, 40_000, new DateOnly(2028, 6, 30)));
        Clock.Today = new DateOnly(2028, 7, 10);
        await Api.PostJson($"/api/charges/{july}/corrections", new { amount = 25_000, correctedOn = Clock.Today, reason = "税更正", version = 1 }, 200, ApiClient.Finance);
        Clock.Today = new DateOnly(2028, 9, 12);
        await Pay(march2028, 15_000, new DateOnly(2028, 9, 10), new DateOnly(2028, 9, 12));
        Clock.Today = new DateOnly(2028, 10, 31);
        await Host.ExecuteAndWaitAsync(async () => await Pay(october, 25_000, new DateOnly(2028, 10, 31)));
        Clock.Today = new DateOnly(2029, 3, 10);
        await Api.PostJson($"/api/charges/{february}/cancellation", new { cancelledOn = Clock.Today, reason = "退園", version = 1 }, 200, ApiClient.Finance);
        Clock.Today = new DateOnly(2029, 4, 16);
        await Pay(march, 30_000, new DateOnly(2029, 4, 15), new DateOnly(2029, 4, 16));
        await Pay(april2027, 5_000, new DateOnly(2029, 4, 10));
        Clock.Today = new DateOnly(2029, 6, 1);
        await Pay(january, 10_000, new DateOnly(2029, 5, 31), new DateOnly(2029, 6, 1));

        var report = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2028", ApiClient.Auditor);
        (report.GetProperty("asOf").GetString(), report.GetProperty("final").GetBoolean()).ShouldBe(("2029-05-31", true));

        // 現年度分: 調定 30,000 × 4 (April, May, June, March) + 25,000 (July, corrected) + 10,000 (January) + 20,000 (October); February cancelled.
        // 収納: April 30,000 + May 20,000 + June 40,000 − 10,000 充当 + March 30,000 + October 25,000 − 5,000 還付 = 130,000.
        // 未納: May 10,000 + July 25,000 + January 10,000 (booked after 31 May) = 45,000.
        Figures(report.GetProperty("currentYear")).ShouldBe((7, 175_000L, 130_000L, 0L, 45_000L, 0L, 5_000L, 74.3m));
        // 滞納繰越分: 決算繰越調定額 8,000 + 30,000 + 15,000; 収納 10,000 (充当) + 5,000 + 15,000; 不納欠損 8,000; 未納 15,000.
        Figures(report.GetProperty("arrears")).ShouldBe((3, 53_000L, 30_000L, 8_000L, 15_000L, 0L, 0L, 56.6m));
        Figures(report.GetProperty("total")).ShouldBe((10, 228_000L, 160_000L, 8_000L, 60_000L, 0L, 5_000L, 70.2m));
        foreach (var section in new[] { "currentYear", "arrears", "total" })
        {
            var s = report.GetProperty(section);
            s.GetProperty("assessed").GetInt64().ShouldBe(s.GetProperty("collected").GetInt64() + s.GetProperty("writtenOff").GetInt64() + s.GetProperty("outstanding").GetInt64(),
                $"調定額 = 収納額 + 不納欠損額 + 収入未済額 ({section})");
        }

        var months = report.GetProperty("months").EnumerateArray().ToList();
        months.Select(m => m.GetProperty("month").GetString()).ShouldBe(
            ["2028-04-01", "2028-05-01", "2028-06-01", "2028-07-01", "2028-08-01", "2028-09-01", "2028-10-01", "2028-11-01", "2028-12-01", "2029-01-01", "2029-02-01",
                "2029-03-01", "2029-04-01", "2029-05-01"]);
        months.Select(m => m.GetProperty("adjustmentPeriod").GetBoolean()).ShouldBe([.. Enumerable.Repeat(false, 12), true, true]);
        months.Select(m => m.GetProperty("assessed").GetInt64()).ShouldBe([30_000L, 30_000, 30_000, 25_000, 0, 0, 20_000, 0, 0, 10_000, 0, 30_000, 0, 0]);
        months.Select(m => m.GetProperty("collected").GetInt64()).ShouldBe([30_000L, 0, 50_000, 0, 0, 0, 20_000, 0, 0, 0, 0, 0, 30_000, 0]);
        months.Select(m => m.GetProperty("collectedToDate").GetInt64()).ShouldBe([30_000L, 30_000, 80_000, 80_000, 80_000, 80_000, 100_000, 100_000, 100_000, 100_000, 100_000,
            100_000, 130_000, 130_000]);
        (months[2].GetProperty("assessedToDate").GetInt64(), months[2].GetProperty("rate").GetDecimal()).ShouldBe((90_000L, 88.9m));
        (months[13].GetProperty("assessedToDate").GetInt64(), months[13].GetProperty("rate").GetDecimal()).ShouldBe((175_000L, 74.3m));
        months.Select(m => m.GetProperty("arrearsCollected").GetInt64()).ShouldBe([0L, 0, 10_000, 0, 0, 15_000, 0, 0, 0, 0, 0, 0, 5_000, 0]);
        (months[5].GetProperty("arrearsCollectedToDate").GetInt64(), months[5].GetProperty("arrearsRate").GetDecimal()).ShouldBe((25_000L, 47.2m));

        // Mid-year the figures stand at the day asked; the identity holds on any day.
        var september = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2028&asOf=2028-09-30", ApiClient.Auditor);
        (september.GetProperty("asOf").GetString(), september.GetProperty("final").GetBoolean()).ShouldBe(("2028-09-30", false));
        Figures(september.GetProperty("currentYear")).ShouldBe((8, 205_000L, 80_000L, 0L, 125_000L, 0L, 0L, 39.0m));
        Figures(september.GetProperty("arrears")).ShouldBe((3, 53_000L, 25_000L, 8_000L, 20_000L, 0L, 0L, 47.2m));

        // What 2027 left unpaid at its closing is what 2028 carried.
        var previous = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2027", ApiClient.Auditor);
        Figures(previous.GetProperty("currentYear")).ShouldBe((2, 50_000L, 5_000L, 0L, 45_000L, 0L, 0L, 10.0m));
        Figures(previous.GetProperty("arrears")).ShouldBe((1, 8_000L, 0L, 0L, 8_000L, 0L, 0L, 0.0m));
        previous.GetProperty("total").GetProperty("outstanding").GetInt64().ShouldBe(report.GetProperty("arrears").GetProperty("assessed").GetInt64());

        ApiClient.Json(await Api.Get("/api/reports/collection-rate?fiscalYear=1999", 400, ApiClient.Auditor)).GetProperty("errors").TryGetProperty("fiscalYear", out _)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task an_appropriation_counts_from_its_effective_day_and_in_the_books_not_before_the_money_it_moves_was_booked()
    {
        var mother = (await Api.RegisteredFamily(new DateOnly(2022, 6, 20))).MotherId;
        var april2027 = await Api.Charged(mother, "2027-04");            // 30,000 carried into 2028's books
        var may = await Api.Charged(mother, "2028-05");
        var june = await Api.Charged(mother, "2028-06");
        Clock.Today = new DateOnly(2028, 6, 1);
        await Close(2027);

        // Recorded on 07-05: June paid 40,000 on 06-28 (the 10,000 beyond it arose that day), May paid 35,000 on 06-29 and
        // booked on 07-02 (the 5,000 beyond it arose on 06-29, but the books hold it from 07-02).
        Clock.Today = new DateOnly(2028, 7, 5);
        await Host.ExecuteAndWaitAsync(async () => await Pay(june, 40_000, new DateOnly(2028, 6, 28)));
        await Host.ExecuteAndWaitAsync(async () => await Pay(may, 35_000, new DateOnly(2028, 6, 29), new DateOnly(2028, 7, 2)));

        (await Api.GetJson($"/api/charges/{april2027}?asOf=2028-06-28", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
        (await Api.GetJson($"/api/charges/{april2027}?asOf=2028-06-29", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(15_000);
        var june30 = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2028&asOf=2028-06-30", ApiClient.Auditor);
        Figures(june30.GetProperty("arrears")).ShouldBe((1, 30_000L, 10_000L, 0L, 20_000L, 0L, 0L, 33.3m));
        Figures(june30.GetProperty("currentYear")).ShouldBe((2, 60_000L, 30_000L, 0L, 30_000L, 0L, 0L, 50.0m));

        var july = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2028&asOf=2028-07-31", ApiClient.Auditor);
        Figures(july.GetProperty("arrears")).ShouldBe((1, 30_000L, 15_000L, 0L, 15_000L, 0L, 0L, 50.0m));
        var months = july.GetProperty("months").EnumerateArray().ToList();
        months.Select(m => m.GetProperty("arrearsCollected").GetInt64()).Take(5).ShouldBe([0L, 0, 10_000, 5_000, 0]);
        months.Select(m => m.GetProperty("collected").GetInt64()).Take(5).ShouldBe([0L, 0, 30_000, 30_000, 0]);
    }

    private static (int, long, long, long, long, long, long, decimal?) Figures(JsonElement s) =>
        (s.GetProperty("charges").GetInt32(), s.GetProperty("assessed").GetInt64(), s.GetProperty("collected").GetInt64(), s.GetProperty("writtenOff").GetInt64(),
            s.GetProperty("outstanding").GetInt64(), s.GetProperty("overpaid").GetInt64(), s.GetProperty("refundDue").GetInt64(),
            s.GetProperty("rate").ValueKind == JsonValueKind.Null ? null : s.GetProperty("rate").GetDecimal());

    private Task<JsonElement> Close(int year) =>
        Api.PostJson($"/api/fiscal-years/{year}/closing", new { closedOn = new DateOnly(year + 1, 5, 31) }, 200, ApiClient.Finance);

    private Task<JsonElement> Pay(Guid charge, long amount, DateOnly paidOn, DateOnly? bookedOn = null) =>
        Api.PostJson($"/api/charges/{charge}/payments", new { amount, paidOn, bookedOn = bookedOn ?? paidOn }, 200, ApiClient.Finance);
}
