using System.Text.Json;

namespace KosodateShien.Api.Tests.Fees;

/// <summary>POST /api/fees/quote through the real pipeline, with REFERENCE.md §15 worked examples.</summary>
public sealed class QuoteFeesTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // A 1歳 child in 2027-06 (born 2026-01-10) and a 5歳 child (born 2021-09-01): 年度2026 tax applies to June 2027.
    private static object Infant(string id = "c1", string careLevel = "standard") => new { id, birthDate = new DateOnly(2026, 1, 10), certification = "3", careLevel, enrollment = "nursery" };

    private static object Household(long levy, bool nonTaxable = false, bool singleParent = false) =>
        new { singleParent, taxYears = new[] { new { fiscalYear = 2026, incomeLevy = levy, nonTaxable } } };

    private async Task<JsonElement[]> Quote(object household, object[] children, string ruleSet = "national", string month = "2027-06") =>
        [.. (await Api.PostJson("/api/fees/quote", new { ruleSet, month, household, children }, 200, ApiClient.Clerk)).GetProperty("children").EnumerateArray()];

    [Theory]
    // §15 ex. 1: 95,000 → 第4 → 30,000 (短時間 29,600); boundary "未満": 97,000 → 第5 44,500, 96,999 → 第4 30,000.
    [InlineData(95_000, "standard", 4, 30_000)]
    [InlineData(95_000, "short", 4, 29_600)]
    [InlineData(97_000, "standard", 5, 44_500)]
    [InlineData(96_999, "standard", 4, 30_000)]
    // §15 ex. 2 and 3.
    [InlineData(250_000, "standard", 6, 61_000)]
    [InlineData(400_000, "standard", 8, 104_000)]
    [InlineData(400_000, "short", 8, 102_400)]
    public async Task national_3go_fee_follows_the_tier_of_the_households_income_levy(long levy, string careLevel, int tier, long fee)
    {
        var child = (await Quote(Household(levy), [Infant(careLevel: careLevel)])).Single();

        child.GetProperty("nationalTier").GetInt32().ShouldBe(tier);
        child.GetProperty("fee").GetInt64().ShouldBe(fee);
        child.GetProperty("basis").GetProperty("taxFiscalYear").GetInt32().ShouldBe(2026);
        child.GetProperty("basis").GetProperty("ruleSet").GetString().ShouldBe("national");
        child.GetProperty("basis").GetProperty("ruleVersion").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task a_non_taxable_households_3go_child_pays_nothing()
    {
        // §15 ex. 4: 市町村民税非課税, 3号, 2027-06 → 0 (無償化).
        var child = (await Quote(Household(0, nonTaxable: true), [Infant()])).Single();
        child.GetProperty("nationalTier").GetInt32().ShouldBe(2);
        child.GetProperty("fee").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task the_municipal_sample_table_applies_its_own_tiers_and_frees_the_second_infant()
    {
        // §15 ex. 5 (香芝市): 所得割 100,000 → 第5 (97,000–<120,000) → 30,000 標準, 29,400 短時間; a 2nd 0–2歳 child → 0.
        var standard = (await Quote(Household(100_000), [Infant()], "kashiba-sample")).Single();
        standard.GetProperty("municipalTier").GetString().ShouldBe("5");
        standard.GetProperty("fee").GetInt64().ShouldBe(30_000);
        (await Quote(Household(100_000), [Infant(careLevel: "short")], "kashiba-sample")).Single().GetProperty("fee").GetInt64().ShouldBe(29_400);

        var twins = await Quote(Household(100_000), [Infant("older"), new { id = "younger", birthDate = new DateOnly(2026, 3, 1), certification = "3", careLevel = "standard", enrollment = "nursery" }], "kashiba-sample");
        twins.Single(c => c.GetProperty("id").GetString() == "older").GetProperty("fee").GetInt64().ShouldBe(30_000);
        twins.Single(c => c.GetProperty("id").GetString() == "younger").GetProperty("fee").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task a_second_child_pays_half_and_a_free_older_sibling_still_counts_first()
    {
        // §15 ex. 7: 5歳 (2号, in 保育所) and 1歳 (3号); 所得割 150,000 (第5, 44,500) → the 1歳 child is 第2子 → 22,250; the 5歳 child pays 0.
        var children = await Quote(Household(150_000), [Infant(), new { id = "older", birthDate = new DateOnly(2021, 9, 1), certification = "2", careLevel = "standard", enrollment = "nursery" }]);
        var infant = children.Single(c => c.GetProperty("id").GetString() == "c1");
        infant.GetProperty("siblingOrdinal").GetInt32().ShouldBe(2);
        infant.GetProperty("fee").GetInt64().ShouldBe(22_250);
        var older = children.Single(c => c.GetProperty("id").GetString() == "older");
        older.GetProperty("siblingOrdinal").GetInt32().ShouldBe(1);
        older.GetProperty("fee").GetInt64().ShouldBe(0);
        older.GetProperty("sideDishFee").GetInt64().ShouldBe(4_500);
    }

    [Fact]
    public async Task a_school_age_sibling_does_not_count_above_the_57700_line()
    {
        // §15 ex. 8: 小2 and 1歳 (3号), 所得割 150,000 → the older child is not before 就学 → the 1歳 child is 第1子 → 44,500.
        var children = await Quote(Household(150_000), [Infant(), new { id = "pupil", birthDate = new DateOnly(2019, 5, 5), enrollment = "school" }]);
        children.Single(c => c.GetProperty("id").GetString() == "c1").GetProperty("fee").GetInt64().ShouldBe(44_500);
    }

    [Theory]
    // §15 ex. 10: ひとり親, 所得割 60,000 → 第1子 非課税並み → 0; 80,000 (≥ 77,101) → 第4 → 30,000.
    [InlineData(60_000, 0)]
    [InlineData(80_000, 30_000)]
    public async Task a_single_parent_household_under_77101_pays_as_non_taxable(long levy, long fee) =>
        (await Quote(Household(levy, singleParent: true), [Infant()])).Single().GetProperty("fee").GetInt64().ShouldBe(fee);

    [Theory]
    // §15 ex. 11: 2号 二人親 所得割 56,000 → 副食費免除; 60,000 → 4,500; ひとり親等 70,000 → 免除.
    [InlineData(56_000, false, 0, true)]
    [InlineData(60_000, false, 4_500, false)]
    [InlineData(70_000, true, 0, true)]
    public async Task side_dish_fees_are_exempt_under_the_360_man_yen_lines(long levy, bool singleParent, long sideDish, bool exempt)
    {
        var child = (await Quote(Household(levy, singleParent: singleParent),
            [new { id = "c1", birthDate = new DateOnly(2022, 9, 1), certification = "2", careLevel = "standard", enrollment = "nursery" }])).Single();
        child.GetProperty("fee").GetInt64().ShouldBe(0);
        child.GetProperty("sideDishFee").GetInt64().ShouldBe(sideDish);
        child.GetProperty("sideDishExempt").GetBoolean().ShouldBe(exempt);
    }

    [Fact]
    public async Task bad_months_unknown_rule_sets_and_missing_care_levels_are_refused_naming_the_field()
    {
        ApiClient.Json(await Api.Post("/api/fees/quote", new { month = "2027-13", household = Household(1), children = new[] { Infant() } }, 400))
            .GetProperty("errors").TryGetProperty("month", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post("/api/fees/quote", new { month = "2027-06", ruleSet = "atlantis", household = Household(1), children = new[] { Infant() } }, 422))
            .GetProperty("errors").TryGetProperty("ruleSet", out _).ShouldBeTrue();
        ApiClient.Json(await Api.Post("/api/fees/quote", new { month = "2027-06", household = Household(1),
            children = new[] { new { id = "c1", birthDate = new DateOnly(2026, 1, 10), certification = "3", enrollment = "nursery" } } }, 400))
            .GetProperty("errors").TryGetProperty("children[0].careLevel", out _).ShouldBeTrue();
    }
}
