using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace KosodateShien.Api.Tests.OpenApi;

public sealed class OpenApiDocumentTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_openapi_document_is_the_contract_other_systems_code_against()
    {
        var json = (await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json"))).ReadAsText();
        Snapshot.Match(JToken.Parse(json));
    }

    [Fact]
    public async Task the_description_says_what_the_api_covers_and_how_it_answers()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var description = document.GetProperty("info").GetProperty("description").GetString()!;
        foreach (var covered in new[] { "住基・税", "教育・保育給付認定", "利用調整", "利用者負担額", "延長保育", "納付管理", "個人情報アクセス記録", "消去" })
            description.ShouldContain(covered);
        foreach (var convention in new[] { "`version`", "409", "application/problem+json", "`rule`", "X-Purpose" })
            description.ShouldContain(convention);
    }

    [Fact]
    public async Task standard_data_items_carry_their_japanese_names()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var apply = document.GetProperty("components").GetProperty("schemas").GetProperty("ApplyForCertificationRequest").GetProperty("properties");
        apply.GetProperty("applicationDate").GetProperty("description").GetString()!.ShouldContain("支給認定申請年月日");
        apply.GetProperty("wantsNurseryCare").GetProperty("description").GetString()!.ShouldContain("保育希望有無");
        document.GetRawText().ShouldContain("支給認定区分");
    }
}
