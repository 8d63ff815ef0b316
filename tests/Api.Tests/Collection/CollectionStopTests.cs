using System.Text.Json;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>督促停止・催告停止 and the 督促 and 催告 runs that pass stopped charges by, through the API on real PostgreSQL.</summary>
public sealed class CollectionStopTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_dunning_run_passes_a_stopped_charge_by_and_issuing_to_it_by_hand_is_refused_until_the_stop_is_lifted()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var owing = await Api.Charged(family.MotherId, "2027-04");
        var stopped = await Api.Charged(family.FatherId!.Value, "2027-04");
        Clock.Today = new DateOnly(2027, 5, 20);

        var stop = await Api.PostJson($"/api/charges/{stopped}/collection-stop", new { stoppedOn = new DateOnly(2027, 5, 10), reason = "生活保護申請中" }, 200, ApiClient.Finance);
        (stop.GetProperty("stopped").GetBoolean(), stop.GetProperty("stops")[0].GetProperty("stoppedOn").GetString(), stop.GetProperty("stops")[0].GetProperty("reason").GetString())
            .ShouldBe((true, "2027-05-10", "生活保護申請中"));
        ApiClient.Json(await Api.Post($"/api/charges/{stopped}/collection-stop", new { stoppedOn = new DateOnly(2027, 5, 11), reason = "重複" }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("collection-stop.already-stopped");
        ApiClient.Json(await Api.Post($"/api/charges/{stopped}/collection-stop", new { stoppedOn = new DateOnly(2027, 5, 11), reason = " " }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();

        var run = await Api.PostJson("/api/dunning-runs", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);
        (run.GetProperty("issued").GetInt32(), run.GetProperty("stopped").GetInt32(), run.GetProperty("notices")[0].GetProperty("chargeId").GetGuid()).ShouldBe((1, 1, owing));
        var refused = ApiClient.Json(await Api.Post($"/api/charges/{stopped}/dunning", new { issuedOn = new DateOnly(2027, 5, 20) }, 422, ApiClient.Finance));
        (refused.GetProperty("rule").GetString(), refused.GetProperty("errors").TryGetProperty("issuedOn", out _)).ShouldBe(("collection.stopped", true));

        var early = ApiClient.Json(await Api.Post($"/api/charges/{stopped}/collection-stop/lifting", new { liftedOn = new DateOnly(2027, 5, 9) }, 422, ApiClient.Finance));
        (early.GetProperty("rule").GetString(), early.GetProperty("errors").TryGetProperty("liftedOn", out _)).ShouldBe(("collection-stop.lifted-before-stop", true));
        var lifted = await Api.PostJson($"/api/charges/{stopped}/collection-stop/lifting", new { liftedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);
        (lifted.GetProperty("stopped").GetBoolean(), lifted.GetProperty("stops")[0].GetProperty("liftedOn").GetString()).ShouldBe((false, "2027-05-20"));
        (await Api.PostJson($"/api/charges/{stopped}/dunning", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance))
            .GetProperty("designatedDeadline").GetString().ShouldBe("2027-05-30");
        (await Api.GetJson($"/api/charges/{stopped}?asOf=2027-05-19", ApiClient.Auditor)).GetProperty("stopped").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_reminder_run_reminds_charges_past_their_dunning_deadline_once_a_day_and_passes_stopped_and_paid_ones_by()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var reminded = await Api.Charged(family.MotherId, "2027-04");
        var stopped = await Api.Charged(family.FatherId!.Value, "2027-04");
        var paid = await Api.Charged(family.MotherId, "2027-04", 5_000, "sideDish");
        var notYet = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2027, 6, 10);
        await Api.PostJson("/api/dunning-runs", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);   // 指定期限 2027-05-30
        await Api.PostJson("/api/dunning-runs", new { issuedOn = new DateOnly(2027, 6, 5) }, 200, ApiClient.Finance);    // May: 指定期限 2027-06-15
        await Api.PostJson($"/api/charges/{paid}/payments", new { amount = 5_000, paidOn = new DateOnly(2027, 6, 1) }, 200, ApiClient.Finance);
        await Api.PostJson($"/api/charges/{stopped}/collection-stop", new { stoppedOn = new DateOnly(2027, 6, 5), reason = "分納相談中" }, 200, ApiClient.Finance);

        var run = await Api.PostJson("/api/reminder-runs", new { issuedOn = new DateOnly(2027, 6, 10), payBy = new DateOnly(2027, 6, 24) }, 200, ApiClient.Finance);
        (run.GetProperty("considered").GetInt32(), run.GetProperty("issued").GetInt32(), run.GetProperty("stopped").GetInt32()).ShouldBe((3, 1, 1));
        var sent = run.GetProperty("reminders").EnumerateArray().ShouldHaveSingleItem();
        (sent.GetProperty("chargeId").GetGuid(), sent.GetProperty("outstanding").GetInt64()).ShouldBe((reminded, 30_000L));
        (await Api.PostJson("/api/reminder-runs", new { issuedOn = new DateOnly(2027, 6, 10), payBy = new DateOnly(2027, 6, 24) }, 200, ApiClient.Finance))
            .GetProperty("issued").GetInt32().ShouldBe(0);

        // A 催告 renews nothing: the 督促 of 2027-05-20 still sets the 時効 (2032-05-29).
        var view = await Api.GetJson($"/api/charges/{reminded}", ApiClient.Auditor);
        var reminder = view.GetProperty("reminders").EnumerateArray().ShouldHaveSingleItem();
        (reminder.GetProperty("issuedOn").GetString(), reminder.GetProperty("payBy").GetString(), reminder.GetProperty("stoppedOn").ValueKind)
            .ShouldBe(("2027-06-10", "2027-06-24", JsonValueKind.Null));
        (view.GetProperty("prescriptionDate").GetString(), view.GetProperty("renewals").GetArrayLength()).ShouldBe(("2032-05-29", 1));
        (await Api.GetJson($"/api/charges/{notYet}", ApiClient.Auditor)).GetProperty("reminders").GetArrayLength().ShouldBe(0);
        (await Api.GetJson($"/api/charges/{stopped}", ApiClient.Auditor)).GetProperty("reminders").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_reminder_by_hand_is_issued_once_a_day_refused_while_stopped_and_needs_a_pay_by_date_after_its_issue()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = await Api.Charged(family.MotherId, "2027-04");
        Clock.Today = new DateOnly(2027, 6, 10);

        var bad = ApiClient.Json(await Api.Post($"/api/charges/{id}/reminders", new { issuedOn = new DateOnly(2027, 6, 10), payBy = new DateOnly(2027, 6, 10) }, 400, ApiClient.Finance));
        bad.GetProperty("errors").TryGetProperty("payBy", out _).ShouldBeTrue();
        var first = await Api.PostJson($"/api/charges/{id}/reminders", new { issuedOn = new DateOnly(2027, 6, 1), payBy = new DateOnly(2027, 6, 15), version = 1 }, 200, ApiClient.Finance);
        (first.GetProperty("reminders").GetArrayLength(), first.GetProperty("prescriptionDate").GetString(), first.GetProperty("version").GetInt32()).ShouldBe((1, "2032-04-30", 2));
        var again = ApiClient.Json(await Api.Post($"/api/charges/{id}/reminders", new { issuedOn = new DateOnly(2027, 6, 1), payBy = new DateOnly(2027, 6, 20) }, 422, ApiClient.Finance));
        (again.GetProperty("rule").GetString(), again.GetProperty("errors").TryGetProperty("issuedOn", out _)).ShouldBe(("reminder.already-issued", true));

        await Api.PostJson($"/api/charges/{id}/collection-stop", new { stoppedOn = new DateOnly(2027, 6, 5), reason = "死亡調査中" }, 200, ApiClient.Finance);
        ApiClient.Json(await Api.Post($"/api/charges/{id}/reminders", new { issuedOn = new DateOnly(2027, 6, 10), payBy = new DateOnly(2027, 6, 24) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("collection.stopped");
        // The stop came while the first 催告 ran (納付期限 06-15): it shows the 停止日.
        (await Api.GetJson($"/api/charges/{id}", ApiClient.Auditor)).GetProperty("reminders")[0].GetProperty("stoppedOn").GetString().ShouldBe("2027-06-05");
    }
}
