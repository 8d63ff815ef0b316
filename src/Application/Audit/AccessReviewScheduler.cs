using KosodateShien.Application.Hosting;
using KosodateShien.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace KosodateShien.Application.Audit;

/// <summary>
/// 定期的な分析: once a day, reviews yesterday's access log (JST). A review is safe to repeat (a finding is raised once per kind,
/// user and hour), so several nodes doing it, or a restart, cost time and nothing else.
/// </summary>
public sealed class AccessReviewScheduler(IServiceProvider services, TimeProvider clock, StartupGate startup, ILogger<AccessReviewScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);
    private DateOnly? reviewed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(CheckEvery, clock);
        do
        {
            var yesterday = clock.TodayJst().AddDays(-1);
            if (reviewed == yesterday) continue;
            try
            {
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<AccessReviewResult>(new ReviewAccessLog(yesterday, yesterday), stoppingToken);
                reviewed = yesterday;
                if (result.Raised > 0) logger.LogWarning("The access log review of {Day} raised {Count} findings for a supervisor to acknowledge.", yesterday, result.Raised);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The access log review failed; it will be retried at the next check.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
