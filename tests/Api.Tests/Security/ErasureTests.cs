using System.Text.Json;
using KosodateShien.Projections;
using KosodateShien.Projections.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// Erasure by crypto-shredding: personal data is sealed with per-person keys; erasing deletes the keys, after which no table of the
/// database holds the person's data in plaintext, views and history read as erased, aggregates rebuild and money still adds up.
/// </summary>
public sealed class ErasureTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Erased = "（消去済み）";

    /// <summary>Values no other test uses, so a hit anywhere in the database can only be this family's.</summary>
    private sealed record Canary(string MotherName, string MotherKana, string ChildName, string ChildKana, string Address, string Phone, string HolderKana, string AccountNumber)
    {
        public static Canary Next()
        {
            var tag = new string([.. Enumerable.Range(0, 6).Select(_ => (char)Random.Shared.Next('ア', 'ン'))]);
            var kanji = new string([.. Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next('一', '龠'))]);
            return new($"消去{kanji} 花子", $"ショウキョ{tag} ハナコ", $"消去{kanji} 陽太", $"ショウキョ{tag} ヨウタ", $"東京都新宿区消去町{kanji}{Random.Shared.Next(1, 99)}丁目",
                $"090-{Random.Shared.Next(1000, 9999)}-{Random.Shared.Next(1000, 9999)}", $"ｼﾖｳｷﾖ{new string([.. Enumerable.Range(0, 6).Select(_ => (char)Random.Shared.Next('ｱ', 'ﾝ'))])} ﾊﾅｺ", $"{Random.Shared.Next(1_000_000, 9_999_999)}");
        }

        public IEnumerable<string> Plaintexts => [MotherName, MotherKana, ChildName, ChildKana, Address, Phone, HolderKana, $"\"{AccountNumber}\""];
    }

    private async Task<(Guid Household, Guid Mother, Guid Child, Guid Mandate, Guid Charge)> CanaryFamily(Canary canary)
    {
        var created = await Api.PostJson("/api/households", new
        {
            householdNumber = Scenarios.NextNumber(),
            address = new { postalCode = "160-0022", address = canary.Address },
            effectiveDate = new DateOnly(2020, 4, 1),
            members = new object[]
            {
                new { personNumber = Scenarios.NextNumber(15), role = "guardian", name = canary.MotherName, kana = canary.MotherKana, birthDate = new DateOnly(1990, 5, 1), sex = "female", relationship = "世帯主" },
                new { personNumber = Scenarios.NextNumber(15), role = "child", name = canary.ChildName, kana = canary.ChildKana, birthDate = new DateOnly(2024, 8, 9), sex = "male", relationship = "子" },
            },
        }, 201);
        var members = created.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ToList();
        var (household, mother, child) = (created.GetProperty("id").GetGuid(), members[0], members[1]);
        await Api.PostJson($"/api/persons/{mother}/contacts", new { kind = "mobile", value = canary.Phone, version = 1 }, 200);

        var mandate = (await Api.PostJson($"/api/payers/{mother}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-01",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = canary.AccountNumber, holderKana = canary.HolderKana },
        }, 201, ApiClient.Finance)).GetProperty("id").GetGuid();
        await Api.PostJson($"/api/direct-debit-mandates/{mandate}/end", new { lastMonth = "2026-12", endedOn = new DateOnly(2027, 1, 12), reason = "転出", version = 1 }, 200,
            ApiClient.Finance);

        var charge = await Api.Charged(mother, "2026-12", 12_300);
        await Api.PostJson($"/api/charges/{charge}/payments", new { amount = 12_300, paidOn = new DateOnly(2027, 1, 10) }, 200, ApiClient.Finance);
        return (household, mother, child, mandate, charge);
    }

    private async Task<JsonElement> RequestedAndApproved(Guid person, string approver = "supervisor-kato")
    {
        var request = await Api.PostJson("/api/erasures", new { personId = person, legalBasis = "個人情報の保護に関する法律第98条 (利用停止請求)", reason = "本人からの請求", receivedOn = new DateOnly(2027, 1, 14) }, 201);
        return await ApproveAs(approver, request.GetProperty("id").GetGuid(), 200);
    }

    private async Task<JsonElement> ApproveAs(string user, Guid erasure, int status) =>
        ApiClient.Json(await Host.Scenario(s =>
        {
            s.Post.Json(new { version = 1 }).ToUrl($"/api/erasures/{erasure}/approval");
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token(user, ApiClient.Supervisor)}");
            s.StatusCodeShouldBe(status);
        }));

    [Fact]
    public async Task after_erasing_mother_and_child_no_table_holds_their_data_views_read_erased_aggregates_rebuild_and_money_adds_up()
    {
        var canary = Canary.Next();
        var family = await CanaryFamily(canary);

        // Before: readable through the API, sealed at rest, one key per person and household.
        var before = await Api.GetJson($"/api/households/{family.Household}");
        before.GetRawText().ShouldContain(canary.MotherName);
        before.GetRawText().ShouldContain(canary.Address);
        (await RowsHolding(canary.Plaintexts)).ShouldBeEmpty("personal data is sealed at rest from the start");
        (await KeyCount([family.Household, family.Mother, family.Child])).ShouldBe(3);
        var chargeBefore = await Api.GetJson($"/api/charges/{family.Charge}", ApiClient.Finance);

        // The child first: the mother still lives there, so the household's address is kept.
        var child = await RequestedAndApproved(family.Child);
        child.GetProperty("status").GetString().ShouldBe("erased");
        child.GetProperty("erased").GetProperty("subjects").GetArrayLength().ShouldBe(1);
        (await Api.GetJson($"/api/households/{family.Household}")).GetRawText().ShouldContain(canary.Address);

        var mother = await RequestedAndApproved(family.Mother);
        var subjects = mother.GetProperty("erased").GetProperty("subjects").EnumerateArray().ToList();
        subjects.Select(s => s.GetProperty("kind").GetString()).ShouldBe(["person", "household"]);
        subjects.ShouldAllBe(s => s.GetProperty("keyFingerprint").GetString()!.Length == 32);
        mother.GetProperty("verification").GetProperty("residue").GetArrayLength().ShouldBe(0);

        // No plaintext of theirs anywhere: every table of the database, events, documents, keys, Wolverine's and the access log's.
        (await RowsHolding(canary.Plaintexts)).ShouldBeEmpty();
        (await KeyCount([family.Household, family.Mother, family.Child])).ShouldBe(0);

        // Views and history read as erased; the money is untouched.
        var household = await Api.GetJson($"/api/households/{family.Household}");
        household.GetProperty("address").GetProperty("text").GetString().ShouldBe(Erased);
        household.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ShouldAllBe(n => n == Erased);
        var history = (await Api.GetJson($"/api/households/{family.Household}/history")).GetRawText();
        history.ShouldNotContain(canary.Address);
        history.ShouldContain(Erased);
        var mandate = await Api.GetJson($"/api/direct-debit-mandates/{family.Mandate}", ApiClient.Finance);
        mandate.GetProperty("account").GetProperty("holderKana").GetString().ShouldBe(Erased);
        var chargeAfter = await Api.GetJson($"/api/charges/{family.Charge}", ApiClient.Finance);
        (chargeAfter.GetProperty("amount").GetInt64(), chargeAfter.GetProperty("paid").GetInt64())
            .ShouldBe((chargeBefore.GetProperty("amount").GetInt64(), chargeBefore.GetProperty("paid").GetInt64()));

        // Every snapshot rebuilds from the events to what is stored (the erased fields included).
        var verify = await ProjectionVerifier.VerifyAsync(Store, "api_tests_erasure_verify", keepShadow: false, CancellationToken.None);
        verify.Differences.ShouldBeEmpty(string.Join("\n", verify.Differences));

        // Nothing new can be recorded for an erased person.
        var refused = ApiClient.Json(await Api.Post($"/api/persons/{family.Mother}/contacts", new { kind = "home", value = "03-0000-0000", version = 3 }, 409));
        refused.GetProperty("rule").GetString().ShouldBe("personal-data.erased");
        // A serialization refused half-way leaves nothing behind: a facility's address (no data subject) is still written as it is.
        var serializer = Store.Options.Serializer();
        Should.Throw<SubjectErasedException>(() => serializer.ToJson(new Domain.Registry.ContactDetailsRecorded(family.Mother, Domain.Registry.ContactKind.Home, "03-1111-2222",
            new DateOnly(2027, 1, 15))));
        var facility = serializer.ToJson(new Domain.Facilities.FacilityRegistered(Guid.NewGuid(), "F-1", "消去町保育園", Domain.Facilities.FacilityKind.NurserySchool,
            new Domain.Registry.Address("160-0001", "東京都新宿区消去町1-1"), new DateOnly(2027, 4, 1), Domain.Facilities.SeatsByAgeClass.None));
        JsonDocument.Parse(facility).RootElement.GetProperty("address").GetProperty("text").GetString().ShouldBe("東京都新宿区消去町1-1");

        // The 消去報告書.
        var report = await Api.GetJson($"/api/erasures/{mother.GetProperty("id").GetGuid()}/report", ApiClient.Auditor);
        report.GetProperty("approvedBy").GetString().ShouldBe("supervisor-kato");
        report.GetProperty("requestedBy").GetString().ShouldBe("test-clerk");
        report.GetProperty("keys").GetArrayLength().ShouldBe(2);
        report.GetProperty("dataItems").EnumerateArray().Select(i => i.GetString()).ShouldContain("住所 (郵便番号・住所)");
        report.GetProperty("conclusion").GetString()!.ShouldStartWith("消去完了");
        report.GetProperty("tablesSearched").GetInt32().ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task a_name_written_into_free_text_is_not_sealed_and_the_report_names_where_it_remains()
    {
        var canary = Canary.Next();
        var family = await CanaryFamily(canary);
        // A purpose is free text: a clerk who writes the person's name in it puts that name in the access log in plaintext.
        await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-clerk", ApiClient.Clerk)}");
            s.WithRequestHeader("X-Purpose", Uri.EscapeDataString($"{canary.ChildName} の問い合わせ"));
            s.Get.Url($"/api/children/{family.Child}");
            s.StatusCodeShouldBe(200);
        });

        var erasure = await RequestedAndApproved(family.Child);
        var residue = erasure.GetProperty("verification").GetProperty("residue").EnumerateArray().ToList();
        residue.ShouldHaveSingleItem().GetProperty("table").GetString()!.ShouldEndWith("mt_doc_accessrecord");
        var report = await Api.GetJson($"/api/erasures/{erasure.GetProperty("id").GetGuid()}/report", ApiClient.Auditor);
        report.GetProperty("conclusion").GetString()!.ShouldStartWith("要対応");
        report.GetProperty("conclusion").GetString()!.ShouldContain("mt_doc_accessrecord");
    }

    [Fact]
    public async Task an_erasure_waits_while_a_charge_is_unpaid_and_the_clerk_who_asked_cannot_approve()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20), singleParent: true);
        var charge = await Api.Charged(family.MotherId, "2026-12", 10_000);
        var request = await Api.PostJson("/api/erasures", new { personId = family.MotherId, legalBasis = "第98条", reason = "本人からの請求", receivedOn = new DateOnly(2027, 1, 14) }, 201);
        var id = request.GetProperty("id").GetGuid();

        var open = await ApproveAs("supervisor-kato", id, 422);
        open.GetProperty("rule").GetString().ShouldBe("erasure.records-open");
        open.GetProperty("detail").GetString()!.ShouldContain(charge.ToString());
        (await Api.GetJson($"/api/households/{family.HouseholdId}")).GetRawText().ShouldNotContain(Erased);
        (await KeyCount([family.MotherId])).ShouldBe(1);

        (await ApproveAs("test-clerk", id, 422)).GetProperty("rule").GetString().ShouldBe("erasure.four-eyes");
        await Api.PostJson("/api/erasures", new { personId = family.MotherId, legalBasis = "第98条", reason = "重複", receivedOn = new DateOnly(2027, 1, 14) }, 422);

        var rejected = await Api.PostJson($"/api/erasures/{id}/rejection", new { reason = "未納の調定があり、収納事務に必要", version = 1 }, 200, ApiClient.Supervisor);
        rejected.GetProperty("status").GetString().ShouldBe("rejected");
    }

    [Fact]
    public async Task the_retention_run_erases_people_whose_records_passed_five_years_and_keeps_those_with_an_unpaid_charge()
    {
        var settled = await Api.RegisteredFamily(new DateOnly(2025, 6, 20), singleParent: true);
        var owing = await Api.RegisteredFamily(new DateOnly(2025, 7, 20), singleParent: true);
        await Api.Charged(owing.MotherId, "2026-12", 10_000);

        var now = await Api.GetJson($"/api/people/{settled.MotherId}/retention", ApiClient.Supervisor);
        now.GetProperty("erasable").GetBoolean().ShouldBeFalse();
        var keptUntil = DateOnly.Parse(now.GetProperty("keptUntil").GetString()!);
        keptUntil.ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddYears(5), "five years from the records' last change (today)");

        Clock.Today = keptUntil.AddDays(1);
        (await Api.GetJson($"/api/people/{settled.MotherId}/retention", ApiClient.Supervisor)).GetProperty("erasable").GetBoolean().ShouldBeTrue();
        var run = await Api.PostJson("/api/erasures/retention-runs", new { asOf = Clock.Today }, 200, ApiClient.Supervisor);
        run.GetProperty("erasures").GetArrayLength().ShouldBe(3, "the settled mother and both children; the owing mother is kept");
        run.GetProperty("kept").GetInt32().ShouldBe(1);
        (await Api.GetJson($"/api/people/{owing.MotherId}/retention", ApiClient.Supervisor)).GetProperty("holds").EnumerateArray()
            .ShouldContain(h => h.GetProperty("recordKind").GetString() == "charge" && h.GetProperty("keptUntil").ValueKind == JsonValueKind.Null);

        (await Api.GetJson($"/api/households/{settled.HouseholdId}")).GetProperty("address").GetProperty("text").GetString().ShouldBe(Erased);
        var owingHousehold = await Api.GetJson($"/api/households/{owing.HouseholdId}");
        owingHousehold.GetProperty("address").GetProperty("text").GetString().ShouldNotBe(Erased, "the owing mother still lives there");
        owingHousehold.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString() == Erased).ShouldBe([false, true]);
        var erasures = await Api.GetJson("/api/erasures?status=erased", ApiClient.Auditor);
        erasures.EnumerateArray().ShouldAllBe(e => e.GetProperty("ground").GetString() == "retentionExpired");
    }

    private async Task<List<string>> RowsHolding(IEnumerable<string> values)
    {
        await using var database = NpgsqlDataSource.Create(ConnectionString());
        await using var connection = await database.OpenConnectionAsync();
        var search = await Application.Privacy.PlaintextSearch.SearchAsync(connection, [.. values], CancellationToken.None);
        search.TablesSearched.ShouldBeGreaterThan(20);
        return [.. search.Residue.Select(r => $"{r.Table}: {r.Rows}")];
    }

    private async Task<long> KeyCount(Guid[] subjects)
    {
        var keys = Host.Services.GetRequiredService<SubjectKeyRing>();
        await using var database = NpgsqlDataSource.Create(ConnectionString());
        await using var command = database.CreateCommand($"select count(*) from {keys.KeyTable} where subject_id = any($1)");
        command.Parameters.AddWithValue(subjects);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private string ConnectionString()
    {
        using var connection = Store.Storage.Database.CreateConnection();
        return connection.ConnectionString;
    }
}
