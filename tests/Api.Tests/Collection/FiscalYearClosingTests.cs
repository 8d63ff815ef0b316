namespace KosodateShien.Api.Tests.Collection;

/// <summary>出納閉鎖 and 滞納繰越 through the API (REFERENCE.md §15 example 22).</summary>
public sealed class FiscalYearClosingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_closing_carries_unpaid_charges_of_the_year_into_the_next_once_and_leaves_due_date_and_prescription()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var unpaid = await Api.Charged(family.MotherId, "2027-04");
        var paid = await Api.Charged(family.MotherId, "2027-05");
        Clock.Today = new DateOnly(2028, 6, 1);
        await Api.PostJson($"/api/charges/{paid}/payments", new { amount = 30_000, paidOn = new DateOnly(2027, 5, 31) }, 200, ApiClient.Finance);

        ApiClient.Json(await Api.Post("/api/fiscal-years/2027/closing", new { closedOn = new DateOnly(2028, 3, 31) }, 400, ApiClient.Finance))
            .GetProperty("errors").TryGetProperty("closedOn", out _).ShouldBeTrue();
        var closed = await Api.PostJson("/api/fiscal-years/2027/closing", new { closedOn = new DateOnly(2028, 5, 31) }, 200, ApiClient.Finance);
        (closed.GetProperty("carried").GetInt32(), closed.GetProperty("amount").GetInt64(), closed.GetProperty("toFiscalYear").GetInt32()).ShouldBe((1, 30_000L, 2028));
        (await Api.PostJson("/api/fiscal-years/2027/closing", new { closedOn = new DateOnly(2028, 5, 31) }, 200, ApiClient.Finance)).GetProperty("carried").GetInt32().ShouldBe(0);

        var after = await Api.GetJson($"/api/charges/{unpaid}?asOf=2028-06-01", ApiClient.Finance);
        (after.GetProperty("carriedForward").GetBoolean(), after.GetProperty("carriedToFiscalYear").GetInt32(), after.GetProperty("assessmentFiscalYear").GetInt32())
            .ShouldBe((true, 2028, 2028));
        (after.GetProperty("dueDate").GetString(), after.GetProperty("prescriptionDate").GetString(), after.GetProperty("fiscalYear").GetInt32())
            .ShouldBe(("2027-04-30", "2032-04-30", 2027));
        var before = await Api.GetJson($"/api/charges/{unpaid}?asOf=2028-05-30", ApiClient.Finance);
        (before.GetProperty("carriedForward").GetBoolean(), before.GetProperty("assessmentFiscalYear").GetInt32()).ShouldBe((false, 2027));
        (await Api.GetJson($"/api/charges/{paid}?asOf=2028-06-01", ApiClient.Finance)).GetProperty("carriedForward").GetBoolean().ShouldBeFalse();
    }
}
