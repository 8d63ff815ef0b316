using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// The API as production runs it: real Kestrel on loopback, HTTPS with a certificate from configuration
/// (<c>Kestrel:Certificates:Default:Path</c>) plus a plain-HTTP port that only redirects, the Production environment,
/// one CORS origin, and rate limits small enough to reach. It shares the suite's schema but runs Wolverine without
/// background agents, so it never picks up the main host's messages.
/// </summary>
public sealed class KestrelApiHost : IAsyncLifetime
{
    public const string AllowedOrigin = "https://portal.example";
    public const int UserPermits = 3;
    public const int AnonymousPermits = 2;

    private WebApplicationFactory<Program> _factory = null!;
    private string _certificateFile = null!;
    public JwtSettings Jwt { get; private set; } = null!;
    public Uri Https { get; private set; } = null!;
    public Uri Http { get; private set; } = null!;
    public string Thumbprint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        Jwt = JwtSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = key }).Build());
        const string password = "kestrel-test";
        using (var certificate = SelfSigned())
        {
            Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            _certificateFile = Path.Combine(Path.GetTempPath(), $"kosodate-test-{Guid.NewGuid():N}.pfx");
            await File.WriteAllBytesAsync(_certificateFile, certificate.Export(X509ContentType.Pfx, password));
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("urls", "https://127.0.0.1:0;http://127.0.0.1:0");
            b.UseSetting("Kestrel:Certificates:Default:Path", _certificateFile);
            b.UseSetting("Kestrel:Certificates:Default:Password", password);
            b.UseSetting("ConnectionStrings:Kosodate", Environment.GetEnvironmentVariable("KOSODATE_TEST_DB"));
            b.UseSetting("Marten:Schema", AppFixture.Schema);
            b.UseSetting("Auth:SigningKey", key);
            // Production refuses to start without its own master key and the analysts' pseudonym key.
            b.UseSetting("Analytics:PseudonymKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("PersonalData:MasterKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            b.UseSetting("Demo:Seed", "false");
            b.UseSetting("Fees:ScheduledRuns", "false");
            b.UseSetting("Audit:ScheduledReview", "false");
            b.UseSetting("RateLimiting:UserPermits", $"{UserPermits}");
            b.UseSetting("RateLimiting:AnonymousPermits", $"{AnonymousPermits}");
            b.UseSetting("RateLimiting:WindowSeconds", "600");
            b.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
            // No background agents: the main host owns the schema's inbox, outbox and scheduled messages.
            b.ConfigureServices(services => services.ConfigureWolverine(o => o.Durability.Mode = DurabilityMode.Serverless));
        });
        _factory.UseKestrel();
        _factory.StartServer();

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        Http = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        File.Delete(_certificateFile);
    }

    /// <summary>A client that trusts exactly this host's certificate and shows redirects instead of following them.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 c && c.GetCertHashString(HashAlgorithmName.SHA256) == Thumbprint },
    });

    public string Token(string user, params string[] roles) => Jwt.CreateToken(user, roles, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }
}

[Collection(IntegrationCollection.Name)]
public sealed class KestrelHardeningTests(KestrelApiHost api) : IClassFixture<KestrelApiHost>
{
    private HttpRequestMessage Request(HttpMethod method, string path, string? user = null, string? host = null, Uri? baseUri = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUri ?? api.Https, path));
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(user, Roles.Clerk));
        request.Headers.Add("X-Purpose", ApiClient.PurposeHeaderValue);
        if (host is not null) request.Headers.Host = host;
        return request;
    }

    [Fact]
    public async Task https_answers_with_hsts_for_the_service_name_but_not_for_loopback_names_and_without_a_server_header()
    {
        using var client = api.Client();
        using var named = await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue", "hsts-user", host: "kosodate.example"));
        named.StatusCode.ShouldBe(HttpStatusCode.OK);
        named.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000");
        named.Headers.Contains("Server").ShouldBeFalse();
        named.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        named.Headers.CacheControl!.NoStore.ShouldBeTrue();

        using var loopback = await client.SendAsync(Request(HttpMethod.Get, "/health"));
        loopback.StatusCode.ShouldBe(HttpStatusCode.OK);
        loopback.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task plain_http_only_redirects_to_https()
    {
        using var client = api.Client();
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue?x=1", baseUri: api.Http));
        response.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.ToString().ShouldBe(new Uri(api.Https, "/api/certification-queue?x=1").ToString());
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task a_user_over_the_limit_gets_429_problem_json_with_retry_after_and_other_users_do_not()
    {
        using var client = api.Client();
        for (var i = 0; i < KestrelApiHost.UserPermits; i++)
            (await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue", "busy-user"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var refused = await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue", "busy-user"));
        await ShouldBeRateLimited(refused);
        // The same user from another request path is still the same user; another user is not affected.
        (await client.SendAsync(Request(HttpMethod.Get, "/api/rule-sets/certification", "busy-user"))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue", "calm-user"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task requests_without_a_token_share_the_tighter_limit_of_their_address_and_health_is_exempt()
    {
        using var client = api.Client();
        for (var i = 0; i < KestrelApiHost.AnonymousPermits; i++)
            (await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var refused = await client.SendAsync(Request(HttpMethod.Get, "/api/certification-queue"));
        await ShouldBeRateLimited(refused);
        for (var i = 0; i < 5; i++)
            foreach (var probe in new[] { "/health", "/health/live", "/health/ready" })
                (await client.SendAsync(Request(HttpMethod.Get, probe))).StatusCode.ShouldBe(HttpStatusCode.OK, probe);
    }

    [Fact]
    public async Task cors_allows_the_configured_origin_only_and_without_credentials()
    {
        using var client = api.Client();
        HttpRequestMessage Preflight(string origin)
        {
            var request = Request(HttpMethod.Options, "/api/certification-queue");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "authorization");
            return request;
        }

        using var allowed = await client.SendAsync(Preflight(KestrelApiHost.AllowedOrigin));
        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(KestrelApiHost.AllowedOrigin);
        allowed.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("authorization", Case.Insensitive);
        allowed.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();

        using var foreign = await client.SendAsync(Preflight("https://evil.example"));
        foreign.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        var get = Request(HttpMethod.Get, "/api/certification-queue", "cors-user");
        get.Headers.Add("Origin", KestrelApiHost.AllowedOrigin);
        using var actual = await client.SendAsync(get);
        actual.StatusCode.ShouldBe(HttpStatusCode.OK);
        actual.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(KestrelApiHost.AllowedOrigin);
    }

    [Fact]
    public async Task an_oversize_json_body_is_413_problem_json_declared_or_streamed()
    {
        using var client = api.Client();
        var json = Encoding.UTF8.GetBytes($$"""{"householdNumber":"{{new string('1', (int)RequestLimits.MaxJsonBytes)}}"}""");

        var declared = Request(HttpMethod.Post, "/api/households", "big-body");
        declared.Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        // As a careful client does with a large body: wait for the server's go-ahead, so a refusal arrives before the body is
        // sent (without it the server's early 413 and close can race the client still writing: a broken pipe instead of the answer).
        declared.Headers.ExpectContinue = true;
        using var declaredAnswer = await client.SendAsync(declared);
        await ShouldBeTooLarge(declaredAnswer);

        // Chunked: no Content-Length to check up front, so Kestrel's limit stops the read.
        var streamed = Request(HttpMethod.Post, "/api/households", "big-stream");
        streamed.Content = new ChunkedContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        streamed.Headers.ExpectContinue = true;
        using var streamedAnswer = await client.SendAsync(streamed);
        await ShouldBeTooLarge(streamedAnswer);
    }

    private static async Task ShouldBeTooLarge(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Problems.ContentType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("rule").GetString().ShouldBe("request.too-large");
    }

    private static async Task ShouldBeRateLimited(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Problems.ContentType);
        var retryAfter = response.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(600));
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(429);
        problem.GetProperty("rule").GetString().ShouldBe(RateLimiting.Rule);
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    /// <summary>A body of unknown length, sent chunked.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(64 * 1024, bytes.Length - at)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
