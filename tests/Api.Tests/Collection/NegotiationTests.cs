namespace KosodateShien.Api.Tests.Collection;

/// <summary>交渉経過 per payer, and the 債務承認 in a 納付相談 that renews the 時効 (民法152条), through the API on real PostgreSQL.</summary>
public sealed class NegotiationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task an_acknowledgement_in_a_consultation_renews_the_listed_charges_from_the_next_day_and_the_log_lists_every_contact()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var acknowledged = await Api.Charged(family.MotherId, "2027-04");
        var other = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2028, 3, 15);

        await Api.PostJson($"/api/payers/{family.MotherId}/negotiations",
            new { negotiatedOn = new DateOnly(2028, 3, 1), kind = "phone", content = "架電。不在のため留守電に来庁依頼。" }, 201, ApiClient.Finance);
        var recorded = await Api.PostJson($"/api/payers/{family.MotherId}/negotiations",
            new { negotiatedOn = new DateOnly(2028, 3, 10), kind = "counter", content = "来庁。2027年4月分の滞納を認め、分納を相談。", acknowledgedChargeIds = new[] { acknowledged } },
            201, ApiClient.Finance);
        recorded.GetProperty("version").GetInt32().ShouldBe(2);

        // 納期限 2027-04-30 → 2032-04-30; 承認 2028-03-10 → new period from 2028-03-11 to 2033-03-10.
        var charge = await Api.GetJson($"/api/charges/{acknowledged}", ApiClient.Auditor);
        charge.GetProperty("prescriptionDate").GetString().ShouldBe("2033-03-10");
        var renewal = charge.GetProperty("renewals").EnumerateArray().ShouldHaveSingleItem();
        (renewal.GetProperty("on").GetString(), renewal.GetProperty("startsOn").GetString(), renewal.GetProperty("cause").GetString())
            .ShouldBe(("2028-03-10", "2028-03-11", "承認 (納付相談)"));
        (await Api.GetJson($"/api/charges/{other}", ApiClient.Auditor)).GetProperty("prescriptionDate").GetString().ShouldBe("2032-05-31");

        var log = await Api.GetJson($"/api/payers/{family.MotherId}/negotiations", ApiClient.Auditor);
        log.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("negotiatedOn").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("staffUser").GetString(),
                e.GetProperty("acknowledgedChargeIds").GetArrayLength()))
            .ShouldBe([("2028-03-01", "phone", "test-finance", 0), ("2028-03-10", "counter", "test-finance", 1)]);
        (await Api.GetJson($"/api/payers/{family.FatherId}/negotiations", ApiClient.Auditor)).GetProperty("entries").GetArrayLength().ShouldBe(0);
        (await Api.GetJson($"/api/charges/{acknowledged}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString())
            .ShouldContain("債務承認 (納付相談) 2028-03-10");
    }

    [Fact]
    public async Task another_payers_charge_a_missing_content_or_an_unknown_kind_is_refused_naming_the_field()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var fathers = await Api.Charged(family.FatherId!.Value, "2027-04");
        Clock.Today = new DateOnly(2028, 3, 15);

        var otherPayer = ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/negotiations",
            new { negotiatedOn = new DateOnly(2028, 3, 10), kind = "visit", content = "臨戸。", acknowledgedChargeIds = new[] { fathers } }, 422, ApiClient.Finance));
        (otherPayer.GetProperty("rule").GetString(), otherPayer.GetProperty("errors").TryGetProperty("acknowledgedChargeIds", out _)).ShouldBe(("negotiation.other-payer", true));
        ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/negotiations", new { negotiatedOn = new DateOnly(2028, 3, 10), kind = "visit", content = "" }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("content", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/negotiations", new { negotiatedOn = new DateOnly(2028, 3, 10), kind = "fax", content = "送信" }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        await Api.Post($"/api/payers/{Guid.NewGuid()}/negotiations", new { negotiatedOn = new DateOnly(2028, 3, 10), kind = "phone", content = "架電" }, 404, ApiClient.Finance);
        (await Api.GetJson($"/api/payers/{family.MotherId}/negotiations", ApiClient.Auditor)).GetProperty("entries").GetArrayLength().ShouldBe(0);
        (await Api.GetJson($"/api/charges/{fathers}", ApiClient.Auditor)).GetProperty("prescriptionDate").GetString().ShouldBe("2032-04-30");
    }
}
