namespace KosodateShien.Api.Tests.Collection;

/// <summary>分納誓約 through the API: it renews the 時効 (承認) and a missed installment shows.</summary>
public sealed class InstallmentPlanTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_plan_renews_prescription_from_the_next_day_and_an_installment_paid_short_is_missed_after_its_due_date()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var april = await Api.Charged(family.MotherId, "2027-04");
        var may = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2027, 7, 1);

        var refused = ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/installment-plans", new
        {
            agreedOn = new DateOnly(2027, 7, 1), chargeIds = new[] { april, may },
            installments = new[] { new { amount = 20_000, dueDate = new DateOnly(2027, 7, 31) }, new { amount = 20_000, dueDate = new DateOnly(2027, 8, 31) } },
        }, 422, ApiClient.Finance));
        refused.GetProperty("rule").GetString().ShouldBe("installments.total");

        var plan = await Api.PostJson($"/api/payers/{family.MotherId}/installment-plans", new
        {
            agreedOn = new DateOnly(2027, 7, 1), chargeIds = new[] { april, may },
            installments = new[]
            {
                new { amount = 20_000, dueDate = new DateOnly(2027, 7, 31) }, new { amount = 20_000, dueDate = new DateOnly(2027, 8, 31) },
                new { amount = 20_000, dueDate = new DateOnly(2027, 9, 30) },
            },
        }, 201, ApiClient.Finance);
        plan.GetProperty("total").GetInt64().ShouldBe(60_000);

        var renewed = await Api.GetJson($"/api/charges/{april}?asOf=2027-07-01", ApiClient.Finance);
        (renewed.GetProperty("prescriptionDate").GetString(), renewed.GetProperty("renewals")[0].GetProperty("cause").GetString()).ShouldBe(("2032-07-01", "承認 (分納誓約)"));
        (await Api.GetJson($"/api/charges/{april}?asOf=2027-06-30", ApiClient.Finance)).GetProperty("prescriptionDate").GetString().ShouldBe("2032-04-30");

        Clock.Today = new DateOnly(2027, 8, 31);
        await Api.PostJson($"/api/charges/{april}/payments", new { amount = 20_000, paidOn = new DateOnly(2027, 7, 25) }, 200, ApiClient.Finance);
        await Api.PostJson($"/api/charges/{april}/payments", new { amount = 10_000, paidOn = new DateOnly(2027, 8, 30) }, 200, ApiClient.Finance);

        var onTime = (await Api.GetJson($"/api/payers/{family.MotherId}/installment-plans?asOf=2027-08-31", ApiClient.Finance)).EnumerateArray().Single();
        onTime.GetProperty("missed").GetBoolean().ShouldBeFalse();
        var late = (await Api.GetJson($"/api/payers/{family.MotherId}/installment-plans?asOf=2027-09-01", ApiClient.Finance)).EnumerateArray().Single();
        late.GetProperty("missed").GetBoolean().ShouldBeTrue();
        late.GetProperty("installments").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ShouldBe(["paid", "missed", "due"]);
    }
}
