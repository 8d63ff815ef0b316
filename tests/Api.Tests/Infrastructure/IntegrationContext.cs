using System.Text.Json;
using Alba;
using KosodateShien.Application;
using KosodateShien.Application.Certification;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>Base for HTTP tests: a clean database and today's date reset before every test.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected TestClock Clock => Fixture.Clock;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    protected ApiClient Api => new(Fixture);

    public async Task InitializeAsync()
    {
        Clock.Today = TestClock.DefaultToday;
        await Host.ResetAllMartenDataAsync();
        // The reset truncates mt_hilo but leaves this host's HiLo block for access records in memory: a test that writes
        // more records than the block has left is then handed a new block from the start, with ids it already used
        // (DocumentAlreadyExistsException). Setting the floor makes the host read its block again.
        await Store.Advanced.ResetHiloSequenceFloor<Projections.Audit.AccessRecord>(0);
        await Host.ClearAllPersistedWolverineDataAsync();
        await CertificationRuleSets.EnsureDefaultAsync(Store, CancellationToken.None);
        await Application.Allocation.SelectionCriteriaSets.EnsureDefaultAsync(Store, CancellationToken.None);
        await Application.Fees.FeeRuleSetStore.EnsureShippedAsync(Store, CancellationToken.None);
        await Application.ExtendedCare.ExtendedCareRuleSetStore.EnsureDefaultAsync(Store, CancellationToken.None);
        await Application.FacilityPayments.FacilityPaymentRuleSetStore.EnsureDefaultAsync(Store, CancellationToken.None);
        await Application.Collection.CollectionRuleSetStore.EnsureDefaultAsync(Store, CancellationToken.None);
        await Application.Audit.ReviewAccessLogHandler.EnsureDefaultRulesAsync(Store, CancellationToken.None);
        await Application.Privacy.PersonalDataEraser.EnsureDefaultRulesAsync(Store, CancellationToken.None);
    }

    /// <summary>After every test: each snapshot stands at its stream's version (no event went past its projection).</summary>
    public async Task DisposeAsync() => (await Projections.SnapshotProjections.BehindTheirStreamsAsync(Store, CancellationToken.None)).ShouldBeEmpty();
}

/// <summary>Thin HTTP helpers: every call goes through the real pipeline with a real token.</summary>
public sealed class ApiClient(AppFixture fixture)
{
    public const string Clerk = "clerk";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string FacilityLiaison = "facility-liaison";
    public const string Finance = "finance";

    /// <summary>The purpose every test request gives (reads of personal data must say why).</summary>
    public const string Purpose = "テスト (自動試験)";

    /// <summary>The purpose as it travels: HTTP header values are ASCII, so Japanese is percent-encoded (UTF-8).</summary>
    public static readonly string PurposeHeaderValue = Uri.EscapeDataString(Purpose);

    public Task<IScenarioResult> Post(string url, object body, int expectedStatus, string role = Clerk, Action<Scenario>? configure = null) =>
        fixture.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {fixture.Token($"test-{role}", role)}");
            s.WithRequestHeader("X-Purpose", PurposeHeaderValue);
            s.Post.Json(body).ToUrl(url);
            configure?.Invoke(s);
            s.StatusCodeShouldBe(expectedStatus);
        });

    public Task<IScenarioResult> Get(string url, int expectedStatus = 200, string role = Clerk) =>
        fixture.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {fixture.Token($"test-{role}", role)}");
            s.WithRequestHeader("X-Purpose", PurposeHeaderValue);
            s.Get.Url(url);
            s.StatusCodeShouldBe(expectedStatus);
        });

    /// <summary>POST a file as the raw body (a bank's 全銀 file, a receipt CSV).</summary>
    public Task<IScenarioResult> PostFile(string url, byte[] file, int expectedStatus, string role = Finance, string contentType = "application/octet-stream") =>
        fixture.Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {fixture.Token($"test-{role}", role)}");
            s.WithRequestHeader("X-Purpose", PurposeHeaderValue);
            s.Post.Url(url);
            s.ConfigureHttpContext(c =>
            {
                c.Request.Body = new MemoryStream(file);
                c.Request.ContentLength = file.Length;
                c.Request.ContentType = contentType;
            });
            s.StatusCodeShouldBe(expectedStatus);
        });

    /// <summary>GET a file's bytes.</summary>
    public async Task<byte[]> GetBytes(string url, string role = Finance)
    {
        var result = await Get(url, 200, role);
        var body = result.Context.Response.Body;
        if (body.CanSeek) body.Position = 0;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }

    public async Task<JsonElement> PostJson(string url, object body, int expectedStatus = 200, string role = Clerk) =>
        Json(await Post(url, body, expectedStatus, role));

    public async Task<JsonElement> GetJson(string url, string role = Clerk) => Json(await Get(url, 200, role));

    public static JsonElement Json(IScenarioResult result)
    {
        var text = result.ReadAsText();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
