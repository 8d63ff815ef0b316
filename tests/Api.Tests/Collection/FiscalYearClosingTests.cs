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

    [Fact]
    public async Task a_payment_made_on_31_may_and_booked_on_1_june_is_carried_unpaid_and_received_in_the_next_years_arrears()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var march = await Api.Charged(family.MotherId, "2028-03");       // 年度2027, 納期限 2028-03-31
        Clock.Today = new DateOnly(2028, 6, 1);
        await Api.PostJson($"/api/charges/{march}/payments", new { amount = 30_000, paidOn = new DateOnly(2028, 5, 31), bookedOn = new DateOnly(2028, 6, 1) }, 200,
            ApiClient.Finance);

        var closed = await Api.PostJson("/api/fiscal-years/2027/closing", new { closedOn = new DateOnly(2028, 5, 31) }, 200, ApiClient.Finance);
        (closed.GetProperty("carried").GetInt32(), closed.GetProperty("amount").GetInt64()).ShouldBe((1, 30_000L));
        var charge = await Api.GetJson($"/api/charges/{march}?asOf=2028-06-01", ApiClient.Finance);
        (charge.GetProperty("carriedForward").GetBoolean(), charge.GetProperty("assessmentFiscalYear").GetInt32(), charge.GetProperty("status").GetString())
            .ShouldBe((true, 2028, "paid"));

        // 2027's books: 収入未済 30,000; 2028's: 滞納繰越分 30,000 received in June.
        var closedYear = (await Api.GetJson("/api/reports/collection-rate?fiscalYear=2027", ApiClient.Auditor)).GetProperty("currentYear");
        (closedYear.GetProperty("assessed").GetInt64(), closedYear.GetProperty("collected").GetInt64(), closedYear.GetProperty("outstanding").GetInt64())
            .ShouldBe((30_000L, 0L, 30_000L));
        var next = await Api.GetJson("/api/reports/collection-rate?fiscalYear=2028&asOf=2028-06-30", ApiClient.Auditor);
        var arrears = next.GetProperty("arrears");
        (arrears.GetProperty("assessed").GetInt64(), arrears.GetProperty("collected").GetInt64(), arrears.GetProperty("outstanding").GetInt64())
            .ShouldBe((30_000L, 30_000L, 0L));
        next.GetProperty("months")[2].GetProperty("arrearsCollected").GetInt64().ShouldBe(30_000);
    }
}
