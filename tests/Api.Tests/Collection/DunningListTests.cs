using System.Text.Json;
using KosodateShien.Domain.Collection;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>督促状発行一覧: the 督促状 issued in a range, what was owed then and now, and whether the 指定期限 was kept.</summary>
public sealed class DunningListTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task lists_each_notice_in_the_range_with_fee_amounts_owed_on_issue_and_today_and_whether_paid_by_the_deadline()
    {
        // A 100-yen 督促手数料 from May 2027.
        await using (var session = Store.LightweightSession())
        {
            session.Store(CollectionRuleSet.Default with
            {
                Id = "standard-v2", Version = 2, EffectiveFrom = new DateOnly(2027, 5, 1), Dunning = CollectionRuleSet.Default.Dunning with { Fee = 100 },
            });
            await session.SaveChangesAsync();
        }
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var (mother, father) = (family.MotherId, family.FatherId!.Value);
        var paidInTime = await Api.Charged(mother, "2027-04");
        var partlyPaid = await Api.Charged(father, "2027-04", 10_000);
        var stillDue = await Api.Charged(mother, "2027-05", 20_000);
        var notDunned = await Api.Charged(mother, "2027-06", 20_000);

        Clock.Today = new DateOnly(2027, 5, 28);
        await Dun(paidInTime, new DateOnly(2027, 5, 20));
        await Dun(partlyPaid, new DateOnly(2027, 5, 20));
        await Pay(paidInTime, 30_000, new DateOnly(2027, 5, 28));
        await Pay(partlyPaid, 4_000, new DateOnly(2027, 5, 25));
        Clock.Today = new DateOnly(2027, 6, 15);
        await Dun(stillDue, new DateOnly(2027, 6, 10));

        var may = await Api.GetJson("/api/reports/dunning?from=2027-05-01&to=2027-05-31", ApiClient.Auditor);
        may.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("chargeId").GetGuid()).ShouldBe([paidInTime, partlyPaid]);

        var report = await Api.GetJson("/api/reports/dunning?from=2027-05-01&to=2027-06-30", ApiClient.Auditor);
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("chargeId").GetGuid()).ShouldBe([paidInTime, partlyPaid, stillDue]);
        var first = lines[0];
        (first.GetProperty("payerId").GetGuid(), first.GetProperty("subject").GetString(), first.GetProperty("month").GetString(), first.GetProperty("dueDate").GetString())
            .ShouldBe((mother, "userFee", "2027-04-01", "2027-04-30"));
        (first.GetProperty("issuedOn").GetString(), first.GetProperty("designatedDeadline").GetString(), first.GetProperty("fee").GetInt64(),
            first.GetProperty("withinPeriod").GetBoolean()).ShouldBe(("2027-05-20", "2027-05-30", 100L, true));
        first.GetProperty("collectionNumber").GetString().ShouldStartWith("C2027");
        first.GetProperty("feeChargeId").ValueKind.ShouldBe(JsonValueKind.String);
        lines.Select(l => (l.GetProperty("outstandingOnIssue").GetInt64(), l.GetProperty("outstanding").GetInt64(), Paid(l)))
            .ShouldBe([(30_000L, 0L, (bool?)true), (10_000L, 6_000L, false), (20_000L, 20_000L, null)]);
        (report.GetProperty("notices").GetInt32(), report.GetProperty("fees").GetInt64(), report.GetProperty("outstandingOnIssue").GetInt64(),
            report.GetProperty("outstanding").GetInt64(), report.GetProperty("paidByDeadline").GetInt32(), report.GetProperty("asOf").GetString())
            .ShouldBe((3, 300L, 60_000L, 26_000L, 1, "2027-06-15"));
        lines.ShouldNotContain(l => l.GetProperty("chargeId").GetGuid() == notDunned);

        ApiClient.Json(await Api.Get("/api/reports/dunning?from=2027-06-01&to=2027-05-31", 400, ApiClient.Auditor)).GetProperty("errors").TryGetProperty("to", out _)
            .ShouldBeTrue();
    }

    private static bool? Paid(JsonElement line) => line.GetProperty("paidByDeadline").ValueKind == JsonValueKind.Null ? null : line.GetProperty("paidByDeadline").GetBoolean();

    private Task<JsonElement> Dun(Guid charge, DateOnly issuedOn) => Api.PostJson($"/api/charges/{charge}/dunning", new { issuedOn }, 200, ApiClient.Finance);

    private Task<JsonElement> Pay(Guid charge, long amount, DateOnly paidOn) =>
        Api.PostJson($"/api/charges/{charge}/payments", new { amount, paidOn }, 200, ApiClient.Finance);
}
