using Alba;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace KosodateShien.Api.Tests.Security;

/// <summary>The startup checks on addresses, certificates, CORS origins, rate limits and secrets; no host needed.</summary>
public sealed class TransportPlanTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    private static TransportPlan Plan(params (string, string)[] settings) => TransportPlan.From(Config(settings));

    [Theory]
    [InlineData("http://127.0.0.1:5080")] // ./kosodate run
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    [InlineData("http://unix:/run/kosodate.sock")]
    public void plain_http_on_loopback_is_fine(string urls)
    {
        var plan = Plan(("urls", urls));
        plan.Https.ShouldBeFalse();
        Should.NotThrow(plan.ThrowIfUnsafe);
    }

    [Fact]
    public void with_nothing_configured_kestrel_listens_on_localhost_which_is_fine() =>
        Should.NotThrow(Plan().ThrowIfUnsafe);

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("urls", "http://*:8080")]
    [InlineData("urls", "http://+:8080")]
    [InlineData("urls", "http://10.0.0.5:8080")]
    [InlineData("urls", "http://kosodate.example:80")]
    [InlineData("urls", "http://127.0.0.1:5080;http://0.0.0.0:5080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")] // ASPNETCORE_HTTP_PORTS, as container images set it
    public void plain_http_on_the_network_is_refused_with_what_to_do(string key, string value)
    {
        var error = Should.Throw<InvalidOperationException>(Plan((key, value)).ThrowIfUnsafe);
        error.Message.ShouldContain("Refusing to serve plain HTTP");
        error.Message.ShouldContain("Kestrel__Certificates__Default__Path");
        error.Message.ShouldContain("Http__AllowInsecureNonLoopback=true");

        Should.NotThrow(Plan((key, value), (TransportPlan.AllowInsecureKey, "true")).ThrowIfUnsafe);
    }

    [Fact]
    public void with_https_and_a_certificate_plain_http_may_listen_on_the_network_because_it_only_redirects()
    {
        var plan = Plan(("urls", "https://0.0.0.0:8443;http://0.0.0.0:8080"), ("Kestrel:Certificates:Default:Path", "/etc/kosodate/tls.pfx"));
        plan.Https.ShouldBeTrue();
        plan.CertificateConfigured.ShouldBeTrue();
        Should.NotThrow(plan.ThrowIfUnsafe);

        Plan(("Kestrel:Endpoints:Tls:Url", "https://*:443"), ("Kestrel:Endpoints:Tls:Certificate:Subject", "kosodate.example")).Https.ShouldBeTrue();
    }

    [Fact]
    public void a_certificate_without_an_https_address_is_a_mistake_said_at_startup()
    {
        var error = Should.Throw<InvalidOperationException>(Plan(("urls", "http://127.0.0.1:5080"), ("Kestrel:Certificates:Default:Path", "/etc/kosodate/tls.pfx")).ThrowIfUnsafe);
        error.Message.ShouldContain("no address is https://");
    }

    [Fact]
    public async Task the_api_refuses_to_start_on_plain_http_on_the_network()
    {
        var error = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await AlbaHost.For<Program>(b =>
            {
                b.UseSetting("urls", "http://0.0.0.0:18080");
                b.UseSetting("ConnectionStrings:Kosodate", "Host=/nonexistent;Database=none");
                b.UseSetting("Auth:SigningKey", Convert.ToBase64String(new byte[32]));
            });
        });
        (error.ToString()).ShouldContain("Refusing to serve plain HTTP on http://0.0.0.0:18080");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://portal.example/")]
    [InlineData("https://portal.example/app")]
    [InlineData("portal.example")]
    public void a_cors_origin_must_be_an_origin(string origin) =>
        Should.Throw<InvalidOperationException>(() => CorsSetup.AllowedOrigins(Config(("Cors:AllowedOrigins:0", origin))));

    [Fact]
    public void cors_origins_come_as_an_array_or_one_list()
    {
        CorsSetup.AllowedOrigins(Config()).ShouldBeEmpty();
        CorsSetup.AllowedOrigins(Config(("Cors:AllowedOrigins:0", "https://a.example"), ("Cors:AllowedOrigins:1", "https://b.example:8443")))
            .ShouldBe(["https://a.example", "https://b.example:8443"]);
        CorsSetup.AllowedOrigins(Config(("Cors:AllowedOrigins", "https://a.example;https://b.example"))).ShouldBe(["https://a.example", "https://b.example"]);
    }

    [Fact]
    public void rate_limits_default_to_600_a_minute_per_user_and_60_per_anonymous_address()
    {
        RateLimitSettings.From(Config()).ShouldBe(new RateLimitSettings(600, 60, TimeSpan.FromMinutes(1)));
        RateLimitSettings.From(Config(("RateLimiting:UserPermits", "1200"), ("RateLimiting:WindowSeconds", "30"))).ShouldBe(new RateLimitSettings(1200, 60, TimeSpan.FromSeconds(30)));
        Should.Throw<InvalidOperationException>(() => RateLimitSettings.From(Config(("RateLimiting:UserPermits", "0"))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")] // "short": 5 bytes
    public void the_signing_key_is_required_base64_and_at_least_32_bytes(string? key)
    {
        var settings = key is null ? Config() : Config(("Auth:SigningKey", key));
        Should.Throw<InvalidOperationException>(() => JwtSettings.From(settings));
    }

    [Fact]
    public void no_secret_is_committed_in_an_appsettings_file()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "KosodateShien.sln"))) root = Path.GetDirectoryName(root)!;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "appsettings*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var secret in new[] { "SigningKey", "Password", "ConnectionStrings" })
                text.ShouldNotContain(secret, Case.Insensitive, file);
        }
    }
}
