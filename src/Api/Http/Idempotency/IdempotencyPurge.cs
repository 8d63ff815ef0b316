using KosodateShien.Application.Hosting;
using Marten;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// Forgets the kept answers whose time is up, every hour (an expired key is never replayed anyway: this only frees the
/// space). Deleting is safe to repeat, so every node may do it.
/// </summary>
public sealed class IdempotencyPurge(IDocumentStore store, IdempotencyStore keys, TimeProvider clock, StartupGate startup, ILogger<IdempotencyPurge> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await using var connection = store.Storage.Database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                var purged = await keys.PurgeExpiredAsync(connection, clock.GetUtcNow(), stoppingToken);
                if (purged > 0) logger.LogInformation("Forgot {Count} expired idempotency keys.", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging expired idempotency keys failed; it is tried again in an hour.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
