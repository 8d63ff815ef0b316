using System.Text.Json;
using KosodateShien.Projections.Analytics;
using Wolverine.Tracking;
using static KosodateShien.Api.Tests.Analytics.AnalyticsDatabase;

namespace KosodateShien.Api.Tests.Analytics;

/// <summary>
/// The analysts' tables follow a child through 認定, 利用申込 and 利用調整, 入所, 利用者負担額, 調定 and 収納, under pseudonyms
/// and without anything that names or locates a person.
/// </summary>
public sealed class AnalystTablesTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // 3号 1歳児 in 年度2027.
    private static readonly DateOnly Birth = new(2025, 6, 20);
    private static readonly DateOnly April = AllocationScenarios.April2027;
    private static readonly Pseudonyms Keys = Pseudonyms.Development;

    /// <summary>Two children of the same class for one seat: one is offered it, the other waits (保留).</summary>
    private async Task<(CertifiedFamily Placed, CertifiedFamily Waiting, Guid Facility, Guid PlacedApplication, Guid WaitingApplication, Guid Placement)> ChildThroughAllocation()
    {
        await Truncate();
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age0 = 0, age1 = 1, age2 = 0, age3 = 0, age4 = 0, age5 = 0 });
        var first = await Api.CertifiedFamily(Birth);
        var second = await Api.CertifiedFamily(Birth.AddDays(3), motherHours: 120, fatherHours: 120);
        var (firstApplication, _) = await Api.AppliedForPlacement(first, [facility]);
        var (secondApplication, _) = await Api.AppliedForPlacement(second, [facility]);
        var (roundId, _, run) = await Api.RanRound();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);

        var firstOffered = (await Api.GetJson($"/api/applications/{firstApplication}", ApiClient.Auditor)).GetProperty("status").GetString() == "offered";
        var (placed, waiting, placedApplication, waitingApplication) = firstOffered
            ? (first, second, firstApplication, secondApplication) : (second, first, secondApplication, firstApplication);
        await Host.TaxRecorded(Api, placed.Family, 2026, 50_000, 45_000);
        Guid placement = default;
        await Host.ExecuteAndWaitAsync(async () => placement = (await Api.PostJson("/api/placements",
            new { childId = placed.Family.ChildId, facilityId = facility, startsOn = April, applicationId = placedApplication }, 201)).GetProperty("id").GetGuid());
        return (placed, waiting, facility, placedApplication, waitingApplication, placement);
    }

    [Fact]
    public async Task a_child_from_certification_to_payment_is_in_every_table_under_the_same_pseudonym()
    {
        var (placed, waiting, facility, placedApplication, waitingApplication, placement) = await ChildThroughAllocation();
        Clock.Today = new DateOnly(2027, 4, 10);
        await Host.MonthlyRun(Api, April);
        var fee = (await Api.GetJson($"/api/placements/{placement}", ApiClient.Auditor)).GetProperty("fees")[0].GetProperty("fee").GetInt64();
        fee.ShouldBeGreaterThan(0);
        // 収納 for the payer as a whole: the path that appends to the charges in bulk.
        await Host.ExecuteAndWaitAsync(async () => await Api.Post($"/api/payers/{placed.Family.MotherId}/payments", new { amount = fee - 1_000, paidOn = Clock.Today }, 201, ApiClient.Finance));

        var child = Keys.Of(placed.Family.ChildId);
        var household = Keys.Of(placed.Family.HouseholdId);
        child.ShouldNotBe(placed.Family.ChildId);

        var certification = (await Rows($"select * from {Schema}.certifications where certification_key = '{Keys.Of(placed.CertificationId)}'")).ShouldHaveSingleItem();
        certification["child_key"].ShouldBe(child);
        certification["household_key"].ShouldBe(household);
        certification["status"].ShouldBe("certified");
        certification["category"].ShouldBe("3");
        certification["care_level"].ShouldNotBeNull();
        certification["birth_month"].ShouldBe(new DateTime(2025, 6, 1));
        certification["valid_from"].ShouldBe(new DateTime(2027, 4, 1));

        var application = (await Rows($"select * from {Schema}.applications where application_key = '{Keys.Of(placedApplication)}'")).ShouldHaveSingleItem();
        application["child_key"].ShouldBe(child);
        application["status"].ShouldBe("offered");
        application["age_class"].ShouldBe(1);
        application["birth_month"].ShouldBe(new DateTime(2025, 6, 1));
        application["desired_facilities"].ShouldBe(1);
        var outcomes = await Rows($"select * from {Schema}.allocation_outcomes order by outcome");
        outcomes.Select(o => (o["application_key"], o["outcome"], o["age_class"], o["round_month"])).ShouldBe(
            [(Keys.Of(placedApplication), "offered", 1, new DateTime(2027, 4, 1)), (Keys.Of(waitingApplication), "onHold", 1, new DateTime(2027, 4, 1))],
            ignoreOrder: true);
        outcomes.Single(o => (string)o["outcome"]! == "offered")["facility_id"].ShouldBe(facility);
        outcomes.Single(o => (string)o["outcome"]! == "onHold")["child_key"].ShouldBe(Keys.Of(waiting.Family.ChildId));

        var placementRow = (await Rows($"select * from {Schema}.placements")).ShouldHaveSingleItem();
        placementRow["placement_key"].ShouldBe(Keys.Of(placement));
        placementRow["child_key"].ShouldBe(child);
        placementRow["application_key"].ShouldBe(Keys.Of(placedApplication));
        placementRow["facility_id"].ShouldBe(facility);
        placementRow["age_class"].ShouldBe(1);
        placementRow["category"].ShouldBe("3");
        placementRow["status"].ShouldBe("active");
        placementRow["starts_on"].ShouldBe(new DateTime(2027, 4, 1));

        var decision = (await Rows($"select * from {Schema}.fee_decisions")).ShouldHaveSingleItem();
        decision["child_key"].ShouldBe(child);
        decision["household_key"].ShouldBe(household);
        decision["month"].ShouldBe(new DateTime(2027, 4, 1));
        decision["fee"].ShouldBe(fee);
        decision["rule_set"].ShouldBe("national");
        decision["rule_version"].ShouldNotBeNull();

        var charge = (await Rows($"select * from {Schema}.charges")).ShouldHaveSingleItem();
        charge["payer_key"].ShouldBe(Keys.Of(placed.Family.MotherId));
        charge["household_key"].ShouldBe(household);
        charge["subject"].ShouldBe("userFee");
        charge["month"].ShouldBe(new DateTime(2027, 4, 1));
        charge["assessed_amount"].ShouldBe(fee);
        charge["collected_amount"].ShouldBe(fee - 1_000);
        charge["outstanding_amount"].ShouldBe(1_000L);
        charge["status"].ShouldBe("partiallyPaid");

        await NothingInTheSchemaNamesOrLocatesAnyone(placed, waiting);
    }

    /// <summary>No operational id, name, kana, address or birth day anywhere in the analysts' schema.</summary>
    private async Task NothingInTheSchemaNamesOrLocatesAnyone(params CertifiedFamily[] families)
    {
        var columns = (await Rows($"select table_name, column_name from information_schema.columns where table_schema = '{Schema}'"))
            .Select(c => $"{c["table_name"]}.{c["column_name"]}").ToList();
        columns.ShouldContain("certifications.birth_month");
        // 支給認定履歴番号 is a count (1, 2, …), not a number staff look a person up by.
        columns.ShouldNotContain(c => c.Contains("name") || c.Contains("kana") || c.Contains("address") || c.Contains("birth_date")
            || (c.Contains("number") && c != "certifications.history_number"));
        var everything = string.Join("\n", (await Rows($"""
            select string_agg(row_to_json(t)::text, E'\n') as rows from (
              select * from {Schema}.certifications) t
            union all select string_agg(row_to_json(t)::text, E'\n') from {Schema}.applications t
            union all select string_agg(row_to_json(t)::text, E'\n') from {Schema}.allocation_outcomes t
            union all select string_agg(row_to_json(t)::text, E'\n') from {Schema}.placements t
            union all select string_agg(row_to_json(t)::text, E'\n') from {Schema}.fee_decisions t
            union all select string_agg(row_to_json(t)::text, E'\n') from {Schema}.charges t
            """)).Select(r => r["rows"] as string ?? ""));
        everything.ShouldNotBeEmpty();
        foreach (var family in families)
        {
            var household = await Api.GetJson($"/api/households/{family.Family.HouseholdId}", ApiClient.Auditor);
            var people = household.GetProperty("members").EnumerateArray().ToList();
            people.ShouldNotBeEmpty();
            foreach (var person in people)
                foreach (var field in new[] { "name", "kana", "birthDate", "personNumber" })
                    if (person.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                        everything.ShouldNotContain(value.GetString()!);
            everything.ShouldNotContain(household.GetProperty("householdNumber").GetString()!);
            var address = household.GetProperty("address").GetProperty("text").GetString()!;
            everything.ShouldNotContain(address);
            foreach (var id in new[] { family.Family.ChildId, family.Family.MotherId, family.Family.HouseholdId, family.CertificationId })
                everything.ShouldNotContain(id.ToString());
        }
    }
}
