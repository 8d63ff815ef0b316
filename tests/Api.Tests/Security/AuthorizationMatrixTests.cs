using System.Text.Json;
using KosodateShien.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// Walks every operation in the OpenAPI document with no token and with every role, and checks the
/// answer against the documented matrix (<see cref="Policies.RolesByPolicy"/>): 401, 403, or through.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void every_api_endpoint_declares_exactly_one_known_policy()
    {
        var endpoints = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/") == true).ToList();
        endpoints.Count.ShouldBeGreaterThan(20);

        foreach (var endpoint in endpoints)
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
            policies.Count.ShouldBe(1, $"{endpoint.DisplayName} ({endpoint.RoutePattern.RawText}) must name exactly one policy");
            Policies.RolesByPolicy.ShouldContainKey(policies[0]!);
            endpoint.Metadata.GetMetadata<IAllowAnonymous>().ShouldBeNull($"{endpoint.RoutePattern.RawText} must not allow anonymous access");
        }
    }

    [Fact]
    public async Task every_operation_answers_401_without_a_token_403_for_other_roles_and_passes_for_its_roles()
    {
        var document = ApiClient.Json(await Host.Scenario(s => s.Get.Url("/swagger/v1/swagger.json")));
        var failures = new List<string>();
        var checkedOperations = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/")))
        foreach (var operation in path.Value.EnumerateObject())
        {
            var method = operation.Name.ToUpperInvariant();
            var url = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", Guid.NewGuid().ToString());
            var policy = PolicyOf(operation.Value);
            if (policy is null) { failures.Add($"{method} {path.Name}: no policy documented"); continue; }
            checkedOperations++;

            Expect(await Call(method, url, null), 401, $"{method} {path.Name} without token", failures);
            foreach (var role in Roles.All)
            {
                var status = await Call(method, url, Fixture.Token($"matrix-{role}", role));
                var allowed = Policies.RolesByPolicy[policy].Contains(role);
                if (allowed && status is 401 or 403) failures.Add($"{method} {path.Name} as {role}: got {status}, expected to pass authorization");
                if (!allowed && status != 403) failures.Add($"{method} {path.Name} as {role}: got {status}, expected 403");
            }
        }

        checkedOperations.ShouldBeGreaterThan(20);
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private static string? PolicyOf(JsonElement operation)
    {
        if (!operation.TryGetProperty("description", out var description)) return null;
        var match = System.Text.RegularExpressions.Regex.Match(description.GetString() ?? "", @"Policy `([^`]+)`");
        return match.Success ? match.Groups[1].Value : null;
    }

    private async Task<int> Call(string method, string url, string? token)
    {
        var result = await Host.Scenario(s =>
        {
            if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
            if (method == "GET") s.Get.Url(url);
            else s.Post.Json(new { }).ToUrl(url);
            s.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private static void Expect(int actual, int expected, string what, List<string> failures)
    {
        if (actual != expected) failures.Add($"{what}: got {actual}, expected {expected}");
    }
}
