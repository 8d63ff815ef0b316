using KosodateShien.Application.Charges;
using KosodateShien.Application.Hosting;
using KosodateShien.Projections.Contracts;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// Runs the month's fee determination once each month (the 9月切替 in September, クラス進級 in April): checks hourly, and the
/// first node to insert the month's ledger document runs it; the others see it exists and skip. A missed month (service
/// down on the 1st) runs at the next start.
/// </summary>
public sealed class MonthlyFeeScheduler(IServiceProvider services, TimeProvider clock, StartupGate startup, ILogger<MonthlyFeeScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Demo seeding runs its own fee run for the month; starting before it finishes would mark an empty month done.
        await startup.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The monthly fee run failed; it will be retried at the next check.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<bool> RunIfDueAsync(CancellationToken ct)
    {
        var month = FeeDeterminations.CurrentMonth(clock);
        var store = services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Insert(new FeeRunStarted($"fee-run/{month:yyyy-MM}", month, clock.GetUtcNow()));
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (JasperFx.DocumentAlreadyExistsException)
            {
                return false;
            }
        }
        logger.LogInformation("Monthly fee run for {Month:yyyy-MM} starting.", month);
        using var scope = services.CreateScope();
        await MonthlyBillingRun.RunAsync(scope.ServiceProvider.GetRequiredService<IMessageBus>(), month, TimeSpan.FromMinutes(30), ct);
        logger.LogInformation("Monthly fee run for {Month:yyyy-MM} finished.", month);
        return true;
    }
}
