using System.Security.Cryptography;
using Alba;
using KosodateShien.Api.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wolverine;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>
/// One API host per test assembly, on the real pipeline and real PostgreSQL (KOSODATE_TEST_DB, set by
/// <c>./kosodate test</c>), in its own schema, with a signing key made up for this run.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Schema = "api_tests";
    public IAlbaHost Host { get; private set; } = null!;
    public TestClock Clock { get; } = new();
    public JwtSettings Jwt { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")
            ?? throw new InvalidOperationException("KOSODATE_TEST_DB is not set: run the tests with ./kosodate test (it starts PostgreSQL and sets it).");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        Jwt = JwtSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = key }).Build());

        Host = await AlbaHost.For<Program>(b =>
        {
            b.UseSetting("ConnectionStrings:Kosodate", connection);
            b.UseSetting("Marten:Schema", Schema);
            b.UseSetting("Auth:SigningKey", key);
            b.UseSetting("Demo:Seed", "false");
            // Tests run the monthly fee determination themselves, on their own clock.
            b.UseSetting("Fees:ScheduledRuns", "false");
            b.UseSetting("Audit:ScheduledReview", "false");
            // The suite sends thousands of requests a minute as a handful of users; HardeningTests checks the limits on a host of its own.
            b.UseSetting("RateLimiting:UserPermits", "1000000");
            b.UseSetting("RateLimiting:AnonymousPermits", "1000000");
            b.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
    }

    public string Token(string user, params string[] roles) => Jwt.CreateToken(user, roles, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}
