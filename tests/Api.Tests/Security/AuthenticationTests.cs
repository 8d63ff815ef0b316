using System.Security.Cryptography;
using System.Text;
using KosodateShien.Api.Auth;

namespace KosodateShien.Api.Tests.Security;

public sealed class AuthenticationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<int> StatusWith(string? authorization, string url = "/api/certification-queue")
    {
        var result = await Host.Scenario(s =>
        {
            if (authorization is not null) s.WithRequestHeader("Authorization", authorization);
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    [Fact]
    public async Task without_a_token_the_api_answers_401_problem_json()
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/children/{Guid.NewGuid()}"); s.StatusCodeShouldBe(401); });
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        result.Context.Response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Bearer");
        ApiClient.Json(result).GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task health_and_the_openapi_document_need_no_token()
    {
        await Host.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBe(200); });
        await Host.Scenario(s => { s.Get.Url("/swagger/v1/swagger.json"); s.StatusCodeShouldBe(200); });
    }

    [Fact]
    public async Task a_valid_token_is_accepted()
    {
        (await StatusWith($"Bearer {Fixture.Token("yamada", Roles.Clerk)}")).ShouldBe(200);
    }

    [Fact]
    public async Task expired_foreign_unsigned_and_tampered_tokens_are_refused()
    {
        var expired = Fixture.Jwt.CreateToken("yamada", [Roles.Clerk], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));
        var foreignKey = (Fixture.Jwt with { SigningKey = RandomNumberGenerator.GetBytes(64) }).CreateToken("yamada", [Roles.Clerk], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        var wrongAudience = (Fixture.Jwt with { Audience = "someone-else" }).CreateToken("yamada", [Roles.Clerk], TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
        var valid = Fixture.Token("yamada", Roles.Clerk);
        var parts = valid.Split('.');
        var unsigned = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
        var elevated = $"{parts[0]}.{Base64Url(Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace("\"clerk\"", "\"admin\""))}.{parts[2]}";

        foreach (var token in new[] { expired, foreignKey, wrongAudience, unsigned, elevated, "not-a-jwt" })
            (await StatusWith($"Bearer {token}")).ShouldBe(401, token);
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
