using System.Text.Json;
using Alba;
using KosodateShien.Projections;
using Marten;

namespace KosodateShien.Api.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c>: a retried POST runs once and answers what the first answered; the key and the answer are kept in
/// the command's own transaction, per user, for at least a day.
/// </summary>
public sealed class IdempotencyKeyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Finance = "test-finance";

    private Task<IScenarioResult> Send(string url, object body, string key, string user = Finance, string role = ApiClient.Finance, int? status = null) =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token(user, role)}");
            s.WithRequestHeader("Idempotency-Key", key);
            s.Post.Json(body).ToUrl(url);
            if (status is { } expected) s.StatusCodeShouldBe(expected);
            else s.IgnoreStatusCode();
        });

    private async Task<(Guid Payer, Guid Charge)> Charge(long amount = 30_000)
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 5, 1));
        return (family.MotherId, await Api.Charged(family.MotherId, "2026-12", amount));
    }

    private async Task<int> PaymentsOn(Guid charge) =>
        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("payments").GetArrayLength();

    private static object Payment(long amount = 10_000) => new { amount, paidOn = new DateOnly(2027, 1, 10) };

    [Fact]
    public async Task a_repeat_with_the_same_key_answers_the_first_answer_and_runs_nothing()
    {
        var (_, charge) = await Charge();
        var key = Guid.NewGuid().ToString();

        var first = await Send($"/api/charges/{charge}/payments", Payment(), key, status: 200);
        var again = await Send($"/api/charges/{charge}/payments", Payment(), key, status: 200);

        again.ReadAsText().ShouldBe(first.ReadAsText());
        again.Context.Response.Headers["Idempotent-Replayed"].ToString().ShouldBe("true");
        first.Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();
        (await PaymentsOn(charge)).ShouldBe(1);
    }

    [Fact]
    public async Task a_created_record_is_answered_again_with_its_status_and_location()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 5, 1));
        var body = new { payerId = family.MotherId, subject = "userFee", fiscalYear = 2026, month = "2026-12", amount = 30_000 };
        var key = Guid.NewGuid().ToString();

        var first = await Send("/api/charges", body, key, status: 201);
        var again = await Send("/api/charges", body, key, status: 201);

        again.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        again.ReadAsText().ShouldBe(first.ReadAsText());
        var charges = (await Api.GetJson($"/api/payers/{family.MotherId}/account", ApiClient.Finance)).GetProperty("charges");
        charges.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_for_another_request_is_refused_and_runs_nothing()
    {
        var (_, charge) = await Charge();
        var (_, other) = await Charge();
        var key = Guid.NewGuid().ToString();
        await Send($"/api/charges/{charge}/payments", Payment(10_000), key, status: 200);

        foreach (var (url, body) in new[] { ($"/api/charges/{charge}/payments", Payment(12_000)), ($"/api/charges/{other}/payments", Payment(10_000)) })
        {
            var refused = await Send(url, body, key, status: 422);
            var problem = ApiClient.Json(refused);
            problem.GetProperty("rule").GetString().ShouldBe("idempotency.key-reused");
            problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        }
        (await PaymentsOn(charge)).ShouldBe(1);
        (await PaymentsOn(other)).ShouldBe(0);
    }

    [Fact]
    public async Task requests_sent_together_with_one_key_run_once_and_all_get_the_same_answer()
    {
        var (_, charge) = await Charge();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send($"/api/charges/{charge}/payments", Payment(), key)));

        answers.Select(a => a.Context.Response.StatusCode).ShouldAllBe(s => s == 200);
        answers.Select(a => a.ReadAsText()).Distinct().Count().ShouldBe(1);
        answers.Count(a => a.Context.Response.Headers.ContainsKey("Idempotent-Replayed")).ShouldBe(7);
        (await PaymentsOn(charge)).ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("鍵")]
    [InlineData("tab\there")]
    [InlineData("a-key-of-one-hundred-and-one-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task a_key_that_is_not_1_to_100_printable_ascii_characters_is_refused(string key)
    {
        var (_, charge) = await Charge();
        var refused = ApiClient.Json(await Send($"/api/charges/{charge}/payments", Payment(), key, status: 400));
        refused.GetProperty("rule").GetString().ShouldBe("idempotency.key-invalid");
        refused.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        (await PaymentsOn(charge)).ShouldBe(0);
    }

    [Fact]
    public async Task keys_are_each_users_own()
    {
        var (_, charge) = await Charge();
        var key = Guid.NewGuid().ToString();

        await Send($"/api/charges/{charge}/payments", Payment(), key, user: "finance-ito", status: 200);
        var other = await Send($"/api/charges/{charge}/payments", Payment(), key, user: "finance-kato", status: 200);

        other.Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();
        (await PaymentsOn(charge)).ShouldBe(2);
    }

    [Fact]
    public async Task a_business_rule_refusal_is_kept_and_answered_again()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { payerId = Guid.NewGuid(), subject = "userFee", fiscalYear = 2026, month = "2026-12", amount = 30_000 };

        var first = await Send("/api/charges", body, key, status: 422);
        var again = await Send("/api/charges", body, key, status: 422);

        ApiClient.Json(first).GetProperty("rule").GetString().ShouldBe("charge.unknown-payer");
        again.ReadAsText().ShouldBe(first.ReadAsText());
        again.Context.Response.Headers["Idempotent-Replayed"].ToString().ShouldBe("true");
    }

    [Fact]
    public async Task a_stale_version_keeps_nothing_so_the_corrected_request_may_use_the_same_key()
    {
        var (_, charge) = await Charge();
        var key = Guid.NewGuid().ToString();
        object Correction(int version) => new { amount = 25_000, correctedOn = Clock.Today, reason = "所得更正", version };

        var stale = await Send($"/api/charges/{charge}/corrections", Correction(7), key, status: 409);
        stale.ReadAsText().ShouldContain("version");
        var corrected = await Send($"/api/charges/{charge}/corrections", Correction(1), key, status: 200);

        corrected.Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();
        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("amount").GetInt64().ShouldBe(25_000);
    }

    [Fact]
    public async Task a_key_is_kept_for_a_day_and_then_runs_again()
    {
        var (_, charge) = await Charge();
        var key = Guid.NewGuid().ToString();
        await Send($"/api/charges/{charge}/payments", Payment(), key, status: 200);

        Clock.Today = Clock.Today.AddDays(1);
        (await Send($"/api/charges/{charge}/payments", Payment(), key, status: 200)).Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();
        (await PaymentsOn(charge)).ShouldBe(2);
    }

    [Fact]
    public async Task the_key_and_the_answer_are_kept_with_the_events_and_not_without_them()
    {
        var (_, charge) = await Charge();
        var kept = Guid.NewGuid().ToString();
        var refused = Guid.NewGuid().ToString();

        await Send($"/api/charges/{charge}/payments", Payment(), kept, status: 200);
        await Send($"/api/charges/{charge}/corrections", new { amount = 1, correctedOn = new DateOnly(2027, 1, 10), reason = "x", version = 99 }, refused, status: 409);

        var rows = await KeptRows();
        rows.ShouldContain((Finance, kept, 200));
        rows.ShouldNotContain(r => r.Key == refused);
        await using var session = Store.QuerySession();
        var paymentEvents = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == charge && e.EventTypeName == "payment_received").CountAsync();
        paymentEvents.ShouldBe(1);
    }

    [Fact]
    public async Task the_messages_of_a_request_with_a_key_run_after_its_commit()
    {
        var facility = await Api.RegisteredFacility();
        var family = await Api.CertifiedFamily(new DateOnly(2025, 6, 1));
        await Host.TaxRecorded(Api, family.Family, 2026, 50_000, 45_000);
        var body = new { childId = family.Family.ChildId, facilityId = facility, certificationId = family.CertificationId, startsOn = AllocationScenarios.April2027 };

        var placement = ApiClient.Json(await Send("/api/placements", body, Guid.NewGuid().ToString(), user: "clerk-sato", role: ApiClient.Clerk, status: 201))
            .GetProperty("id").GetGuid();

        // The fee determination the placement cascades runs once the placement is committed (the scheduled-message poll, about a second).
        JsonElement fees = default;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            fees = (await Api.GetJson($"/api/placements/{placement}")).GetProperty("fees");
            if (fees.GetArrayLength() > 0) break;
            await Task.Delay(250);
        }
        fees.GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task erasing_a_person_forgets_the_kept_answers_holding_their_data()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2024, 5, 1), singleParent: true);
        var key = Guid.NewGuid().ToString();
        await Send($"/api/persons/{family.ChildId}/contacts", new { kind = "mobile", value = "090-1234-9876", version = 1 }, key, user: "clerk-sato", role: ApiClient.Clerk,
            status: 200);
        (await KeptRows()).ShouldContain(r => r.Key == key);

        var request = await Api.PostJson("/api/erasures", new { personId = family.ChildId, legalBasis = "個人情報の保護に関する法律第98条", reason = "本人からの請求", receivedOn = Clock.Today }, 201);
        var erased = ApiClient.Json(await Host.Scenario(s =>
        {
            s.Post.Json(new { version = 1 }).ToUrl($"/api/erasures/{request.GetProperty("id").GetGuid()}/approval");
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("supervisor-kato", ApiClient.Supervisor)}");
            s.StatusCodeShouldBe(200);
        }));

        erased.GetProperty("verification").GetProperty("residue").GetArrayLength().ShouldBe(0);
        (await KeptRows()).ShouldNotContain(r => r.Key == key);
    }

    [Fact]
    public async Task every_post_in_the_openapi_document_takes_the_key()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var posts = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("post", out _))
            .Select(p => (Path: p.Name, Parameters: p.Value.GetProperty("post").TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : []))
            .ToList();

        posts.Count.ShouldBeGreaterThan(50);
        posts.Where(p => !p.Parameters.Any(x => x.GetProperty("name").GetString() == "Idempotency-Key" && x.GetProperty("in").GetString() == "header"))
            .Select(p => p.Path).ShouldBeEmpty();
    }

    private async Task<List<(string User, string Key, int Status)>> KeptRows()
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var rows = new List<(string, string, int)>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"select user_name, idempotency_key, status from {IdempotencyTable.QualifiedName(AppFixture.Schema)}";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return rows;
    }
}
