using KosodateShien.Application.Certification;
using KosodateShien.Application.Hosting;
using KosodateShien.Application.Seeding;
using Marten;
using Wolverine;

namespace KosodateShien.Api;

/// <summary>Before serving: make sure the schema and the default rule set exist, and seed demo data if asked.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var gate = app.Services.GetRequiredService<StartupGate>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        gate.MarkSchemaApplied();
        await CertificationRuleSets.EnsureDefaultAsync(store, CancellationToken.None);
        await Application.Allocation.SelectionCriteriaSets.EnsureDefaultAsync(store, CancellationToken.None);
        await Application.Fees.FeeRuleSetStore.EnsureShippedAsync(store, CancellationToken.None);
        await Application.ExtendedCare.ExtendedCareRuleSetStore.EnsureDefaultAsync(store, CancellationToken.None);
        await Application.FacilityPayments.FacilityPaymentRuleSetStore.EnsureDefaultAsync(store, CancellationToken.None);
        await Application.Collection.CollectionRuleSetStore.EnsureDefaultAsync(store, CancellationToken.None);
        await Application.Audit.ReviewAccessLogHandler.EnsureDefaultRulesAsync(store, CancellationToken.None);
        await Application.Privacy.PersonalDataEraser.EnsureDefaultRulesAsync(store, CancellationToken.None);

        if (!app.Configuration.GetValue("Demo:Seed", false))
        {
            gate.Open();
            return;
        }
        // The bus needs a started host for durable scheduling; seed once the app has started.
        app.Lifetime.ApplicationStarted.Register(() => _ = SeedAsync(app, store));
    }

    private static async Task SeedAsync(WebApplication app, IDocumentStore store)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemoSeeder");
        try
        {
            using var scope = app.Services.CreateScope();
            await DemoSeeder.SeedIfEmptyAsync(store, scope.ServiceProvider.GetRequiredService<IMessageBus>(), app.Services.GetRequiredService<TimeProvider>(),
                app.Configuration.GetValue("Demo:RandomSeed", 20270401), logger, app.Lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo data seeding failed.");
        }
        finally
        {
            app.Services.GetRequiredService<StartupGate>().Open();
        }
    }
}
