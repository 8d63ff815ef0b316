using System.Text.Json;
using System.Text.Json.Nodes;

namespace KosodateShien.Api.Tests.FacilityPayments;

/// <summary>
/// POST /api/facility-payments/quote through the real pipeline, in the request shape of issue 14, with BENEFITS.md §7 examples
/// (T-HO and T-SA are ILLUSTRATIVE tables, sent by the test), and the 支払基準 published as versions.
/// </summary>
public sealed class QuoteFacilityPaymentTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly object[] NurseryTable =
    [
        new { ageBand = "infant", careLevel = "standard", @base = 200_000, treatmentUnit = 2_000, c = 2.0 },
        new { ageBand = "age1to2", careLevel = "standard", @base = 130_000, treatmentUnit = 1_300, c = 2.0 },
        new { ageBand = "age1to2", careLevel = "short", @base = 124_000, treatmentUnit = 1_240, c = 2.0 },
        new { ageBand = "age3", careLevel = "standard", @base = 62_000, treatmentUnit = 620, c = 2.1 },
        new { ageBand = "age4plus", careLevel = "standard", @base = 52_000, treatmentUnit = 520, c = 2.0 },
    ];

    private static readonly object[] SmallScaleTable = [new { ageBand = "age1to2", careLevel = "standard", @base = 170_000, treatmentUnit = 1_700, c = 2.0 }];

    /// <summary>A child of クラス年齢 <paramref name="classAge"/> in 年度 2026.</summary>
    private static object Child(string @ref, int classAge, string careLevel = "standard", long fee = 0, string? from = null, string? to = null) =>
        new { @ref, birthDate = new DateOnly(2025 - classAge, 6, 1), category = classAge >= 3 ? "2" : "3", careLevel, fee, from, to, mealFeeExempt = false };

    private static object[] E1Roster() =>
    [
        .. Enumerable.Range(0, 3).Select(i => Child($"infant{i}", 0)), .. Enumerable.Range(0, 10).Select(i => Child($"one{i}", 1)),
        .. Enumerable.Range(0, 2).Select(i => Child($"short{i}", 2, "short")), .. Enumerable.Range(0, 15).Select(i => Child($"three{i}", 3)),
        .. Enumerable.Range(0, 30).Select(i => Child($"four{i}", 4)),
    ];

    private Task<JsonElement> Quote(object body, int status = 200) => Api.PostJson("/api/facility-payments/quote", body, status, ApiClient.Clerk);

    [Fact]
    public async Task e4_a_mid_month_entrant_in_a_small_scale_nursery_is_prorated_with_its_fee()
    {
        var quote = await Quote(new
        {
            month = "2026-06", payment = "benefit", treatmentRates = new { a = 12, b = 7 }, unitPrices = SmallScaleTable,
            children = new[] { Child("k1", 1, fee: 30_000, from: "2026-06-15") },
        });

        quote.GetProperty("month").GetString().ShouldBe("2026-06");
        quote.GetProperty("openingDays").GetInt32().ShouldBe(26);
        var child = quote.GetProperty("children")[0];
        child.GetProperty("ageBand").GetString().ShouldBe("age1to2");
        child.GetProperty("days").GetInt32().ShouldBe(14);
        child.GetProperty("publicPrice").GetInt64().ShouldBe(110_761);
        child.GetProperty("fee").GetInt64().ShouldBe(16_150);
        quote.GetProperty("amount").GetInt64().ShouldBe(94_611);
        quote.GetProperty("ruleVersion").GetInt32().ShouldBe(1);
        quote.GetProperty("lines")[0].GetProperty("basis").GetString()!.ShouldContain("floor(205,700 × 14 ÷ 26) = 110,761");
    }

    [Fact]
    public async Task e3_per_child_and_per_facility_addons_and_e1_commission_against_the_benefit()
    {
        object[] addons =
        [
            new { code = "3歳児配置改善加算", kind = "perChild", ageBands = new[] { "age3" }, @base = 8_000, treatmentUnit = 80, c = 2.0 },
            new { code = "主任保育士専任加算", kind = "perFacility", @base = 150_000, treatmentUnit = 1_500, c = 7.5 },
        ];
        var commission = await Quote(new { month = "2026-06", payment = "commission", treatmentRates = new { a = 12, b = 7 }, unitPrices = NurseryTable, children = E1Roster() });
        var withAddons = await Quote(new { month = "2026-06", payment = "commission", treatmentRates = new { a = 12, b = 7 }, unitPrices = NurseryTable, children = E1Roster(), addons });

        commission.GetProperty("amount").GetInt64().ShouldBe(5_612_880);
        withAddons.GetProperty("publicPriceTotal").GetInt64().ShouldBe(5_612_880 + 145_200);
        withAddons.GetProperty("addonTotal").GetInt64().ShouldBe(189_600);
        withAddons.GetProperty("amount").GetInt64().ShouldBe(5_947_680);
        var headNurse = withAddons.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "主任保育士専任加算");
        (headNurse.GetProperty("unit").GetInt64(), headNurse.GetProperty("count").GetInt32()).ShouldBe((3_160, 60));
    }

    [Fact]
    public async Task bad_input_is_answered_with_the_field_and_the_rule()
    {
        var unknownBand = ApiClient.Json(await Api.Post("/api/facility-payments/quote", new
        {
            month = "2026-06", payment = "benefit", treatmentRates = new { a = 12, b = 7 },
            unitPrices = new[] { new { ageBand = "teen", careLevel = "standard", @base = 1, treatmentUnit = 1, c = 0 } }, children = new[] { Child("k1", 1) },
        }, 400, ApiClient.Clerk));
        unknownBand.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(n => n.Contains("ageBand"));

        var negative = ApiClient.Json(await Api.Post("/api/facility-payments/quote", new
        {
            month = "2026-06", payment = "benefit", treatmentRates = new { a = 12, b = 7 },
            unitPrices = new[] { new { ageBand = "age1to2", careLevel = "standard", @base = -1, treatmentUnit = 1, c = 0 } }, children = new[] { Child("k1", 1) },
        }, 400, ApiClient.Clerk));
        negative.GetProperty("errors").TryGetProperty("unitPrices[0].base", out _).ShouldBeTrue();

        var emptyCell = ApiClient.Json(await Api.Post("/api/facility-payments/quote", new
        {
            month = "2026-06", payment = "benefit", treatmentRates = new { a = 12, b = 7 }, unitPrices = SmallScaleTable, children = new[] { Child("k1", 1), Child("k2", 0) },
        }, 422, ApiClient.Clerk));
        emptyCell.GetProperty("rule").GetString().ShouldBe("facility-payment.unit-price-missing");
        emptyCell.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["unitPrices", "children[1]"], ignoreOrder: true);

        var missing = ApiClient.Json(await Api.Post("/api/facility-payments/quote", new { month = "2026-13", children = Array.Empty<object>() }, 400, ApiClient.Clerk));
        missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["month", "payment", "treatmentRates", "unitPrices", "children"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_published_payment_rule_version_prices_the_months_from_its_effective_date_and_versions_never_reorder()
    {
        var current = (await Api.GetJson("/api/facility-payments/rule-sets", ApiClient.Auditor)).EnumerateArray().Single();
        var body = JsonNode.Parse(current.GetRawText())!.AsObject();
        foreach (var key in new[] { "id", "version", "publishedBy", "publishedAt" }) body.Remove(key);
        body["effectiveFrom"] = "2026-07-01";
        body["description"] = "テスト区: 暦日による日割";
        body["proration"] = "calendarDays";

        await Api.Post("/api/facility-payments/rule-sets", body, 403, ApiClient.Clerk);
        (await Api.PostJson("/api/facility-payments/rule-sets", body, 201, ApiClient.Admin)).GetProperty("version").GetInt32().ShouldBe(2);
        ApiClient.Json(await Api.Post("/api/facility-payments/rule-sets", body, 422, ApiClient.Admin)).GetProperty("rule").GetString().ShouldBe("rules.not-after-latest");

        object Month(string month, string to) => new
        {
            month, payment = "commission", treatmentRates = new { a = 12, b = 7 }, unitPrices = NurseryTable, children = new[] { Child("k1", 4, to: to) },
        };
        var june = await Quote(Month("2026-06", "2026-06-15"));
        var july = await Quote(Month("2026-07", "2026-07-15"));
        (june.GetProperty("ruleVersion").GetInt32(), june.GetProperty("openingDays").GetInt32()).ShouldBe((1, 26));
        (july.GetProperty("ruleVersion").GetInt32(), july.GetProperty("openingDays").GetInt32()).ShouldBe((2, 31));
        july.GetProperty("amount").GetInt64().ShouldBe(62_920L * 15 / 31);
    }
}

/// <summary>The 公定価格 単価表 published as versions, and a facility quoted from the table in force with its certified items.</summary>
public sealed class PublicPriceTableTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public static JsonObject SampleBody()
    {
        var sample = Domain.FacilityPayments.PublicPriceTables.Sample;
        return new JsonObject
        {
            ["effectiveFrom"] = "2025-04-01", ["notice"] = sample.Notice, ["description"] = sample.Description, ["sample"] = true,
            ["rows"] = JsonNode.Parse(JsonSerializer.Serialize(sample.Rows, Json)), ["catalogue"] = JsonNode.Parse(JsonSerializer.Serialize(sample.Catalogue, Json)),
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Fact]
    public async Task a_facility_is_quoted_from_the_table_in_force_and_the_items_it_is_certified_for()
    {
        await Api.Post("/api/facility-payments/price-tables", SampleBody(), 403, ApiClient.Clerk);
        (await Api.PostJson("/api/facility-payments/price-tables", SampleBody(), 201, ApiClient.Admin)).GetProperty("version").GetInt32().ShouldBe(1);
        var listed = (await Api.GetJson("/api/facility-payments/price-tables", ApiClient.Auditor)).EnumerateArray().Single();
        listed.GetProperty("sample").GetBoolean().ShouldBeTrue();

        object Child(string @ref, int classAge) => new { @ref, birthDate = new DateOnly(2025 - classAge, 6, 1), category = classAge >= 3 ? "2" : "3", careLevel = "standard" };
        var children = new[] { Child("a", 0), Child("b", 3), Child("c", 4) };
        var quote = await Api.PostJson("/api/facility-payments/quote", new
        {
            month = "2026-06", payment = "commission", treatmentRates = new { a = 12, b = 7 }, children,
            facility = new { category = "privateNursery", region = "20/100", careCapacity = 90, items = new[] { "age3-staffing", "head-nurse" } },
        }, 200, ApiClient.Clerk);

        quote.GetProperty("priceTableVersion").GetInt32().ShouldBe(1);
        // 242,000 + (75,080 + 9,680) + 62,920 + floor10(189,750 ÷ 3) × 3
        quote.GetProperty("amount").GetInt64().ShouldBe(242_000 + 84_760 + 62_920 + 63_250 * 3);

        var unknown = ApiClient.Json(await Api.Post("/api/facility-payments/quote", new
        {
            month = "2026-06", payment = "commission", treatmentRates = new { a = 12, b = 7 }, children,
            facility = new { category = "smallScaleB", region = "20/100", careCapacity = 19 },
        }, 422, ApiClient.Clerk));
        unknown.GetProperty("rule").GetString().ShouldBe("public-price.no-row");
    }

    [Fact]
    public async Task a_table_with_overlapping_bands_is_refused_by_field_and_nothing_is_stored()
    {
        var body = SampleBody();
        var rows = body["rows"]!.AsArray();
        var copy = rows[0]!.DeepClone();
        copy["capacityFrom"] = 50;
        rows.Add(copy);

        var problem = ApiClient.Json(await Api.Post("/api/facility-payments/price-tables", body, 400, ApiClient.Admin));

        problem.GetProperty("errors").TryGetProperty($"rows[{rows.Count - 1}]", out _).ShouldBeTrue();
        (await Api.GetJson("/api/facility-payments/price-tables", ApiClient.Auditor)).GetArrayLength().ShouldBe(0);
    }
}
