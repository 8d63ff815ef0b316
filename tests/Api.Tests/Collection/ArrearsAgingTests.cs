using System.Text.Json;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>滞納状況: what each payer owes past 納期限 on a day, by days past 納期限, through the API on real PostgreSQL.</summary>
public sealed class ArrearsAgingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task each_payer_owing_past_due_date_is_listed_by_age_largest_first_with_totals_over_everyone()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2023, 6, 20));
        var (mother, father) = (family.MotherId, family.FatherId!.Value);
        await Api.Charged(mother, "2024-04", 10_000);                 // due 2024-04-30: 1156 days past on 2027-06-30
        await Api.Charged(mother, "2026-04", 25_000);                 // due 2026-04-30: 426 days
        var paidAfterTheDay = await Api.Charged(mother, "2027-03");   // due 2027-03-31: 91 days, paid on 2027-07-01
        await Api.Charged(mother, "2027-04");                          // due 2027-04-30: 61 days
        var partlyPaid = await Api.Charged(mother, "2027-05");        // due 2027-05-31: 30 days, 20,000 left
        await Api.Charged(mother, "2027-06");                          // due 2027-06-30: not yet past due on the day
        var paid = await Api.Charged(mother, "2026-05");
        var cancelled = await Api.Charged(mother, "2026-06");
        await Api.Charged(father, "2027-04", 5_000);

        Clock.Today = new DateOnly(2027, 7, 1);
        await Pay(paid, 30_000, new DateOnly(2026, 5, 31));
        await Pay(partlyPaid, 10_000, new DateOnly(2027, 6, 10));
        await Pay(paidAfterTheDay, 30_000, new DateOnly(2027, 7, 1));
        await Api.PostJson($"/api/charges/{cancelled}/cancellation", new { cancelledOn = new DateOnly(2027, 6, 1), reason = "二重調定", version = 1 }, 200, ApiClient.Finance);

        var report = await Api.GetJson("/api/reports/arrears-aging?asOf=2027-06-30", ApiClient.Auditor);
        report.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("label").GetString()).ShouldBe(["1-30", "31-90", "91-365", "366-1095", "1096-"]);
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("payerId").GetGuid()).ShouldBe([mother, father]);
        (lines[0].GetProperty("charges").GetInt32(), lines[0].GetProperty("outstanding").GetInt64(), lines[0].GetProperty("oldestDueDate").GetString())
            .ShouldBe((5, 115_000L, "2024-04-30"));
        Amounts(lines[0]).ShouldBe([(1, 20_000L), (1, 30_000L), (1, 30_000L), (1, 25_000L), (1, 10_000L)]);
        Amounts(lines[1]).ShouldBe([(0, 0L), (1, 5_000L), (0, 0L), (0, 0L), (0, 0L)]);
        (report.GetProperty("payers").GetInt32(), report.GetProperty("charges").GetInt32(), report.GetProperty("outstanding").GetInt64()).ShouldBe((2, 6, 120_000L));
        Amounts(report.GetProperty("totals")).ShouldBe([(1, 20_000L), (2, 35_000L), (1, 30_000L), (1, 25_000L), (1, 10_000L)]);

        // The limit shortens the list, not the totals.
        var top = await Api.GetJson("/api/reports/arrears-aging?asOf=2027-06-30&limit=1", ApiClient.Auditor);
        top.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem().GetProperty("payerId").GetGuid().ShouldBe(mother);
        (top.GetProperty("payers").GetInt32(), top.GetProperty("outstanding").GetInt64()).ShouldBe((2, 120_000L));

        // Today (2027-07-01) by default: March was paid, June is one day past due, May has aged into 31-90.
        var today = await Api.GetJson("/api/reports/arrears-aging", ApiClient.Auditor);
        today.GetProperty("asOf").GetString().ShouldBe("2027-07-01");
        var motherToday = today.GetProperty("lines")[0];
        (motherToday.GetProperty("charges").GetInt32(), motherToday.GetProperty("outstanding").GetInt64()).ShouldBe((5, 115_000L));
        Amounts(motherToday).ShouldBe([(1, 30_000L), (2, 50_000L), (0, 0L), (1, 25_000L), (1, 10_000L)]);

        foreach (var limit in new[] { 0, 1001 })
            ApiClient.Json(await Api.Get($"/api/reports/arrears-aging?limit={limit}", 400, ApiClient.Auditor)).GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue();
    }

    private static List<(int, long)> Amounts(JsonElement lineOrTotals) =>
        [.. (lineOrTotals.ValueKind == JsonValueKind.Array ? lineOrTotals : lineOrTotals.GetProperty("buckets")).EnumerateArray()
            .Select(b => (b.GetProperty("charges").GetInt32(), b.GetProperty("amount").GetInt64()))];

    private Task<JsonElement> Pay(Guid charge, long amount, DateOnly paidOn) =>
        Api.PostJson($"/api/charges/{charge}/payments", new { amount, paidOn }, 200, ApiClient.Finance);
}
