using System.Text.Json;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>督促状の返戻 and 公示送達 (地方税法20条の2 の例) through the API on real PostgreSQL.</summary>
public sealed class DunningReturnTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_returned_dunning_stops_renewing_until_its_public_notice_is_served_seven_days_after_posting()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = await Api.Charged(family.MotherId, "2027-04");
        Clock.Today = new DateOnly(2027, 6, 20);
        (await Api.PostJson($"/api/charges/{id}/dunning", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance))
            .GetProperty("prescriptionDate").GetString().ShouldBe("2032-05-29");

        // 返戻 2027-05-25: not served, so the 時効 is back to the one from 納期限 (2032-04-30) and no 指定期限 runs.
        var returned = await Api.PostJson($"/api/charges/{id}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 25), version = 2 }, 200, ApiClient.Finance);
        (returned.GetProperty("dunning").GetProperty("returnedOn").GetString(), returned.GetProperty("dunning").GetProperty("deadlineInForce").ValueKind,
            returned.GetProperty("prescriptionDate").GetString(), returned.GetProperty("version").GetInt32())
            .ShouldBe(("2027-05-25", JsonValueKind.Null, "2032-04-30", 3));
        ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 26) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("dunning.already-returned");

        var early = ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/public-notice", new { postedOn = new DateOnly(2027, 5, 24) }, 422, ApiClient.Finance));
        (early.GetProperty("rule").GetString(), early.GetProperty("errors").TryGetProperty("postedOn", out _)).ShouldBe(("dunning.posted-before-return", true));

        // 公示 2027-06-01 → served 06-08 (7 days counted from 06-01 have passed); 指定期限 06-18; 時効 from 06-18 to 2032-06-17.
        var posted = await Api.PostJson($"/api/charges/{id}/dunning/public-notice", new { postedOn = new DateOnly(2027, 6, 1) }, 200, ApiClient.Finance);
        var notice = posted.GetProperty("dunning").GetProperty("publicNotice");
        (notice.GetProperty("postedOn").GetString(), notice.GetProperty("servedOn").GetString(), notice.GetProperty("designatedDeadline").GetString())
            .ShouldBe(("2027-06-01", "2027-06-08", "2027-06-18"));
        (posted.GetProperty("dunning").GetProperty("deadlineInForce").GetString(), posted.GetProperty("prescriptionDate").GetString())
            .ShouldBe(("2027-06-18", "2032-06-17"));
        posted.GetProperty("renewals")[0].GetProperty("cause").GetString().ShouldBe("督促 (公示送達)");

        var before = await Api.GetJson($"/api/charges/{id}?asOf=2027-05-31", ApiClient.Auditor);
        (before.GetProperty("prescriptionDate").GetString(), before.GetProperty("dunning").GetProperty("publicNotice").ValueKind).ShouldBe(("2032-04-30", JsonValueKind.Null));
        var labels = (await Api.GetJson($"/api/charges/{id}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldContain("督促状返戻 2027-05-25");
        labels.ShouldContain("公示送達 2027-06-01 (送達 2027-06-08, 指定期限 2027-06-18)");
    }

    [Fact]
    public async Task a_return_needs_an_issued_dunning_a_public_notice_a_return_and_a_body_naming_its_date()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var id = await Api.Charged(family.MotherId, "2027-04");
        Clock.Today = new DateOnly(2027, 6, 20);

        ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 25) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("dunning.not-issued");
        await Api.PostJson($"/api/charges/{id}/dunning", new { issuedOn = new DateOnly(2027, 5, 20) }, 200, ApiClient.Finance);
        ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/public-notice", new { postedOn = new DateOnly(2027, 6, 1) }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("dunning.not-returned");
        ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/return", new { }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("returnedOn", out _).ShouldBeTrue();
        var stale = ApiClient.Json(await Api.Post($"/api/charges/{id}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 25), version = 1 }, 409, ApiClient.Finance));
        stale.GetProperty("status").GetInt32().ShouldBe(409);
        await Api.Post($"/api/charges/{Guid.NewGuid()}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 25) }, 404, ApiClient.Finance);
        await Api.Post($"/api/charges/{id}/dunning/return", new { returnedOn = new DateOnly(2027, 5, 25) }, 403, ApiClient.Clerk);
    }
}
