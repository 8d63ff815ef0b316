using KosodateShien.Application.Charges;
using KosodateShien.Application.Hosting;
using KosodateShien.Projections.Contracts;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// Runs the month's fee determination once each month (the 9月切替 in September, クラス進級 in April): checks hourly. One node
/// at a time runs a month (a PostgreSQL advisory lock on the month, held for the run); the month counts as done only when the
/// run finished (<see cref="MonthlyFeeRunCompleted"/>), so a run that failed or was cut short by a stop is tried again at the
/// next check, and a month missed while the service was down runs at the next start. The run itself is idempotent.
/// </summary>
public sealed class MonthlyFeeScheduler(IServiceProvider services, TimeProvider clock, StartupGate startup, ILogger<MonthlyFeeScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    /// <summary>Advisory lock keys of the monthly run: this base plus yyyymm.</summary>
    private const long LockKeyBase = 7_350_000_000_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Demo seeding runs its own fee run for the month; starting before it finishes would run the month twice at once.
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

    /// <summary>Runs this month's fees unless they are done or another node is running them; true when this call ran them.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken ct)
    {
        var month = FeeDeterminations.CurrentMonth(clock);
        var store = services.GetRequiredService<IDocumentStore>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var key = LockKeyFor(month);
        if (!await AdvisoryLockAsync(connection, "pg_try_advisory_lock", key, ct)) return false;
        try
        {
            await using (var query = store.QuerySession())
                if (await query.LoadAsync<MonthlyFeeRunCompleted>(MonthlyFeeRunCompleted.IdFor(month), ct) is not null) return false;

            var startedAt = clock.GetUtcNow();
            logger.LogInformation("Monthly fee run for {Month:yyyy-MM} starting.", month);
            using (var scope = services.CreateScope())
                await MonthlyBillingRun.RunAsync(scope.ServiceProvider.GetRequiredService<IMessageBus>(), month, TimeSpan.FromMinutes(30), ct);
            await using var session = store.LightweightSession();
            session.Store(new MonthlyFeeRunCompleted(MonthlyFeeRunCompleted.IdFor(month), month, startedAt, clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            logger.LogInformation("Monthly fee run for {Month:yyyy-MM} finished.", month);
            return true;
        }
        finally
        {
            await AdvisoryLockAsync(connection, "pg_advisory_unlock", key, CancellationToken.None);
        }
    }

    public static long LockKeyFor(DateOnly month) => LockKeyBase + month.Year * 100 + month.Month;

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}($1)", connection);
        command.Parameters.AddWithValue(key);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
