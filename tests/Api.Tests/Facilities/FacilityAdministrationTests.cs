using System.Text.Json;
using Npgsql;

namespace KosodateShien.Api.Tests.Facilities;

/// <summary>
/// 事業者管理 through HTTP (issue 14 item 1): 事業者, 施設類型, 地域区分, 認定区分別利用定員, 確認, 分園, 開所日, 事業所口座 (sealed in
/// the store) and 指導監査 on the facility stream, each change with the next 事業所履歴番号; bad input 400/422 naming the field,
/// a stale version 409.
/// </summary>
public sealed class FacilityAdministrationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly April2027 = new(2027, 4, 1);
    private const string Liaison = ApiClient.FacilityLiaison;

    private Task<JsonElement> Change(Guid id, string what, object body, int status = 200) => Api.PostJson($"/api/facilities/{id}/{what}", body, status, Liaison);

    private static JsonElement Problem(JsonElement problem, string rule, string field)
    {
        problem.GetProperty("rule").GetString().ShouldBe(rule);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {problem}");
        return problem;
    }

    [Fact]
    public async Task the_operator_is_recorded_then_changed_from_a_date_each_change_taking_the_next_history_number()
    {
        var id = await Api.RegisteredFacility();

        var recorded = await Change(id, "operator", FacilityScenarios.OperatorBody(new DateOnly(2015, 4, 1), version: 1));
        recorded.GetProperty("historyNumber").GetInt32().ShouldBe(2);
        var changed = await Change(id, "operator", FacilityScenarios.OperatorBody(April2027, version: 2, reason: "代表者交代"));

        changed.GetProperty("historyNumber").GetInt32().ShouldBe(3);
        changed.GetProperty("version").GetInt32().ShouldBe(3);
        var operators = changed.GetProperty("operators");
        operators.GetArrayLength().ShouldBe(2);
        operators[1].GetProperty("from").GetString().ShouldBe("2027-04-01");
        operators[1].GetProperty("operator").GetProperty("representative").GetProperty("title").GetString().ShouldBe("理事長");
        operators[1].GetProperty("operator").GetProperty("corporateNumber").GetString()!.Length.ShouldBe(13);

        var history = await Api.GetJson($"/api/facilities/{id}/history");
        history.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ShouldBe(["facility_registered", "facility_operator_recorded", "facility_operator_changed"]);
        history[2].GetProperty("label").GetString()!.ShouldStartWith("事業者変更 2027-04-01〜 (履歴番号 3)");
    }

    [Fact]
    public async Task a_bad_corporate_number_is_refused_naming_the_field_and_a_stale_version_is_a_conflict()
    {
        var id = await Api.RegisteredFacility();

        Problem(await Change(id, "operator", FacilityScenarios.OperatorBody(April2027, 1, corporateNumber: "12345"), 400), "request.invalid", "corporateNumber");
        var good = FacilityScenarios.CorporateNumber();
        var wrongCheckDigit = $"{(good[0] - '0' + 1) % 10}{good[1..]}";
        Problem(await Change(id, "operator", FacilityScenarios.OperatorBody(April2027, 1, corporateNumber: wrongCheckDigit), 422), "facility.corporate-number", "corporateNumber");
        Problem(await Change(id, "operator", new
        {
            corporateName = "社会福祉法人テスト会", corporateNameKana = "しゃかいふくしほうじん", corporateNumber = good,
            representative = new { title = "", name = "試験 太郎" }, effectiveFrom = April2027, version = 1,
        }, 400), "request.invalid", "corporateNameKana").GetProperty("errors").TryGetProperty("representative.title", out _).ShouldBeTrue();

        await Change(id, "operator", FacilityScenarios.OperatorBody(April2027, 1));
        (await Change(id, "operator", FacilityScenarios.OperatorBody(April2027, 1), 409)).GetProperty("rule").GetString().ShouldBe("version.conflict");
        (await Api.GetJson($"/api/facilities/{id}")).GetProperty("historyNumber").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task the_category_must_fit_the_kind_and_the_kind_stays_as_allocation_knows_it()
    {
        var id = await Api.RegisteredFacility(kind: "nurserySchool");

        Problem(await Change(id, "category", new { category = "smallScaleA", effectiveFrom = April2027, version = 1 }, 422), "facility.category-kind", "category");
        Problem(await Change(id, "category", new { category = "largeScale", effectiveFrom = April2027, version = 1 }, 400), "request.body-invalid", "category");
        await Change(id, "category", new { category = "privateNursery", effectiveFrom = new DateOnly(2015, 4, 1), version = 1 });
        var facility = await Change(id, "category", new { category = "publicNursery", effectiveFrom = April2027, version = 2 });

        facility.GetProperty("kind").GetString().ShouldBe("nurserySchool");
        facility.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("category").GetString()).ShouldBe(["privateNursery", "publicNursery"]);
        var history = await Api.GetJson($"/api/facilities/{id}/history");
        history.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ShouldBe(["facility_registered", "facility_category_assigned", "facility_category_changed"]);
    }

    [Fact]
    public async Task the_region_category_of_a_month_is_the_one_set_for_its_fiscal_year()
    {
        var id = await Api.RegisteredFacility();
        await Change(id, "region-categories", new { fiscalYear = 2026, category = "16/100", version = 1 });
        await Change(id, "region-categories", new { fiscalYear = 2027, category = "20/100", version = 2 });
        Problem(await Change(id, "region-categories", new { fiscalYear = 3100, category = "20/100", version = 3 }, 400), "request.invalid", "fiscalYear");
        Problem(await Change(id, "region-categories", new { fiscalYear = 2028, category = "25/100", version = 3 }, 400), "request.body-invalid", "category");

        async Task<JsonElement> For(string month) => await Api.GetJson($"/api/facilities/{id}/region-category?month={month}");
        (await For("2027-03-01")).GetProperty("category").GetString().ShouldBe("16/100");
        var april = await For("2027-04-01");
        april.GetProperty("fiscalYear").GetInt32().ShouldBe(2027);
        april.GetProperty("category").GetString().ShouldBe("20/100");
        (await For("2028-04-01")).GetProperty("category").ValueKind.ShouldBe(JsonValueKind.Null);
        ApiClient.Json(await Api.Get($"/api/facilities/{id}/region-category?month=2027-04-15", 400)).GetProperty("errors").TryGetProperty("month", out _).ShouldBeTrue();
        await Api.Get($"/api/facilities/{Guid.NewGuid()}/region-category?month=2027-04-01", 404);
    }

    [Fact]
    public async Task usage_capacity_by_certification_is_kept_apart_from_the_seats_by_class_age()
    {
        var center = await Api.RegisteredFacility(kind: "certifiedChildCenter");
        var facility = await Change(center, "usage-capacity", new { capacity = new { certification1 = 30, certification2 = 45, certification3 = 26 }, effectiveFrom = April2027, version = 1 });

        var capacity = facility.GetProperty("usageCapacities")[0].GetProperty("capacity");
        capacity.GetProperty("certification1").GetInt32().ShouldBe(30);
        capacity.GetProperty("certification2And3").GetInt32().ShouldBe(71);
        facility.GetProperty("capacity").GetProperty("age5").GetInt32().ShouldBe(15, "the 利用定員 by クラス年齢 is untouched");

        var nursery = await Api.RegisteredFacility(kind: "nurserySchool");
        Problem(await Change(nursery, "usage-capacity", new { capacity = new { certification1 = 10, certification2 = 40 }, effectiveFrom = April2027, version = 1 }, 422),
            "facility.usage-capacity-certification", "capacity.certification1");
        Problem(await Change(nursery, "usage-capacity", new { capacity = new { certification2 = -1 }, effectiveFrom = April2027, version = 1 }, 400),
            "request.invalid", "capacity.certification2");
    }

    [Fact]
    public async Task a_facility_is_confirmed_its_confirmation_changed_and_revoked()
    {
        var id = await Api.RegisteredFacility(kind: "smallScale", capacity: new { age0 = 3, age1 = 6, age2 = 6 });

        Problem(await Change(id, "confirmation", new { confirmedOn = new DateOnly(2015, 4, 1), basis = "article31", version = 1 }, 422), "facility.confirmation-basis", "basis");
        await Change(id, "confirmation", new { confirmedOn = new DateOnly(2015, 4, 1), basis = "article43", version = 1 });
        await Change(id, "confirmation/changes", new { changedOn = new DateOnly(2020, 4, 1), details = "利用定員の変更 (12人 → 15人)", version = 2 });
        Problem(await Change(id, "confirmation/revocation", new { revokedOn = new DateOnly(2027, 10, 1), reason = "", version = 3 }, 400), "request.invalid", "reason");
        var facility = await Change(id, "confirmation/revocation", new { revokedOn = new DateOnly(2027, 10, 1), reason = "改善命令に従わなかったため", version = 3 });

        var confirmation = facility.GetProperty("confirmations").EnumerateArray().Single();
        confirmation.GetProperty("basis").GetString().ShouldBe("article43");
        confirmation.GetProperty("changes")[0].GetProperty("details").GetString().ShouldBe("利用定員の変更 (12人 → 15人)");
        confirmation.GetProperty("revokedOn").GetString().ShouldBe("2027-10-01");
        facility.GetProperty("historyNumber").GetInt32().ShouldBe(4);
        (await Change(id, "confirmation/changes", new { changedOn = new DateOnly(2027, 11, 1), details = "変更", version = 4 }, 422))
            .GetProperty("rule").GetString().ShouldBe("facility.not-confirmed");
    }

    [Fact]
    public async Task branches_and_the_opening_schedule_are_recorded()
    {
        var id = await Api.RegisteredFacility();
        var withBranch = await Change(id, "branches", new { name = "テスト保育園分園", address = Scenarios.Address(), from = April2027, version = 1 });
        withBranch.GetProperty("branches")[0].GetProperty("number").GetInt32().ShouldBe(1);
        Problem(await Change(id, "branches", new { name = "テスト保育園分園", address = Scenarios.Address(), from = April2027, version = 2 }, 422), "facility.branch-duplicate", "name");
        Problem(await Change(id, "branches", new { name = "第二分園", address = new { postalCode = "x", address = "東京都新宿区" }, from = April2027, version = 2 }, 400),
            "request.invalid", "address.postalCode");

        string[] weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
        Problem(await Change(id, "opening-schedule", new { days = weekdays, opens = "08:00", closes = "18:00", shortHours = false, extendedCare = false, effectiveFrom = April2027, version = 2 }, 422),
            "facility.short-hours", "shortHours");
        Problem(await Change(id, "opening-schedule", new { days = Array.Empty<string>(), opens = "07:00", closes = "19:00", shortHours = false, extendedCare = true, effectiveFrom = April2027, version = 2 }, 400),
            "request.invalid", "days");
        Problem(await Change(id, "opening-schedule", new { days = weekdays, opens = "7 o'clock", closes = "19:00", shortHours = false, extendedCare = true, effectiveFrom = April2027, version = 2 }, 400),
            "request.body-invalid", "opens");
        var facility = await Change(id, "opening-schedule", new { days = weekdays.Reverse(), opens = "07:00", closes = "19:00", shortHours = false, extendedCare = true, effectiveFrom = April2027, version = 2 });

        var schedule = facility.GetProperty("openingSchedules")[0].GetProperty("schedule");
        schedule.GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(weekdays);
        schedule.GetProperty("opens").GetString().ShouldBe("07:00:00");
        schedule.GetProperty("extendedCare").GetBoolean().ShouldBeTrue();
        facility.GetProperty("historyNumber").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task the_bank_account_is_sealed_in_the_event_store_and_found_by_date()
    {
        var id = await Api.RegisteredFacility();
        var (first, second) = (FacilityScenarios.AccountNumber(), FacilityScenarios.AccountNumber());
        Problem(await Change(id, "bank-accounts", new { account = FacilityScenarios.AccountBody("12a"), from = new DateOnly(2020, 4, 1), version = 1 }, 422), "account.number", "account.number");
        Problem(await Change(id, "bank-accounts", new { account = FacilityScenarios.AccountBody(first), from = April2027, to = new DateOnly(2027, 3, 1), version = 1 }, 422),
            "facility.account-period", "to");
        await Change(id, "bank-accounts", new { account = FacilityScenarios.AccountBody(first), from = new DateOnly(2020, 4, 1), version = 1 });
        await Change(id, "bank-accounts", new { account = FacilityScenarios.AccountBody(second), from = April2027, version = 2, reason = "金融機関の合併" });

        // In the raw rows the 口座番号 and 口座名義 are sealed with the facility's key: events and snapshot alike.
        var schema = Store.Options.Events.DatabaseSchemaName;
        var events = await Texts($"select data::text from {schema}.mt_events where stream_id = $1 and type like 'facility_bank_account_%' order by version", id);
        events.Count.ShouldBe(2);
        var snapshot = (await Texts($"select data::text from {Store.Options.DatabaseSchemaName}.mt_doc_facility where id = $1", id)).Single();
        foreach (var raw in events.Append(snapshot))
        {
            raw.ShouldNotContain(first);
            raw.ShouldNotContain(second);
            raw.ShouldNotContain("ﾌｸ)ﾃｽﾄ");
        }
        foreach (var raw in events)
        {
            var account = JsonDocument.Parse(raw).RootElement.GetProperty("account");
            account.GetProperty("number").GetString()!.ShouldStartWith("pd1:", Case.Sensitive);
            account.GetProperty("holderKana").GetString()!.ShouldStartWith("pd1:", Case.Sensitive);
            account.GetProperty("bankCode").GetString()!.Length.ShouldBe(4, "only 口座番号 and 名義 are personal data");
        }

        async Task<JsonElement> On(string date) => (await Api.GetJson($"/api/facilities/{id}/bank-account?date={date}")).GetProperty("account");
        (await On("2027-03-31")).GetProperty("account").GetProperty("number").GetString().ShouldBe(first);
        (await On("2027-03-31")).GetProperty("to").GetString().ShouldBe("2027-03-31");
        (await On("2027-04-01")).GetProperty("account").GetProperty("number").GetString().ShouldBe(second);
        (await On("2020-03-31")).ValueKind.ShouldBe(JsonValueKind.Null);
        var history = await Api.GetJson($"/api/facilities/{id}/history");
        history.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ShouldContain("facility_bank_account_changed");
    }

    [Fact]
    public async Task inspections_are_recorded_with_a_due_date_for_a_recommendation()
    {
        var id = await Api.RegisteredFacility();
        var on = new DateOnly(2026, 11, 5);

        Problem(await Change(id, "inspections", new { kind = "recommendation", date = on, summary = "職員配置の改善", version = 1 }, 422), "facility.inspection-due-date", "dueDate");
        Problem(await Change(id, "inspections", new { kind = "inspection", date = TestClock.DefaultToday.AddDays(1), summary = "実地検査", version = 1 }, 422), "date.in-future", "date");
        Problem(await Change(id, "inspections", new { kind = "inspection", date = on, summary = " ", version = 1 }, 400), "request.invalid", "summary");
        await Change(id, "inspections", new { kind = "inspection", date = on, summary = "実地検査 (指摘事項あり)", version = 1 });
        var facility = await Change(id, "inspections", new { kind = "recommendation", date = on.AddDays(20), summary = "職員配置の改善", dueDate = new DateOnly(2027, 1, 31), version = 2 });

        facility.GetProperty("inspections").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldBe(["inspection", "recommendation"]);
        facility.GetProperty("inspections")[1].GetProperty("dueDate").GetString().ShouldBe("2027-01-31");
        facility.GetProperty("historyNumber").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task only_the_facility_liaison_changes_a_facility()
    {
        var id = await Api.RegisteredFacility();
        await Api.Post($"/api/facilities/{id}/category", new { category = "privateNursery", effectiveFrom = April2027, version = 1 }, 403, ApiClient.Clerk);
        await Api.Post($"/api/facilities/{id}/bank-accounts", new { account = FacilityScenarios.AccountBody("1234567"), from = April2027, version = 1 }, 403, ApiClient.Finance);
    }

    private async Task<List<string>> Texts(string sql, Guid id)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(id);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) texts.Add(reader.GetString(0));
        return texts;
    }
}
