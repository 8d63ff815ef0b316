namespace KosodateShien.Api.Tests.ExtendedCare;

/// <summary>The extended-care contract names the standard data items (延長保育) in Japanese, and every route sits under /api/extended-care.</summary>
public sealed class ExtendedCareOpenApiTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task extended_care_data_items_carry_their_japanese_names()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        string Description(string schema, string property) =>
            schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("description").GetString()!;

        Description("ApplyForExtendedCareRequest", "appliedOn").ShouldContain("延長保育申請年月日");
        Description("ApplyForExtendedCareRequest", "timeBand").ShouldContain("希望時間帯");
        Description("ExtendedCareDecisionRequest", "decidedOn").ShouldContain("延長保育利用承諾年月日");
        Description("ContractExtendedCareRequest", "startsOn").ShouldContain("延長保育開始年月日");
        Description("ExtendedCareContract", "applicationNumber").ShouldContain("延長保育申込受付番号");
        Description("ExtendedCareFeeBasis", "prorationNumerator").ShouldContain("日割日数 分子");
        Description("ExtendedCareFeeBasis", "monthlyCap").ShouldContain("延長保育料上限");
        Description("ExtendedCarePrice", "daily").ShouldContain("日額");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Where(p => p.Contains("extended-care")).ToList();
        paths.ShouldAllBe(p => p.StartsWith("/api/extended-care"));
        paths.Count.ShouldBeGreaterThanOrEqualTo(12);
    }
}
