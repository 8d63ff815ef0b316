namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// How long a kept answer is replayed (<c>Idempotency:RetentionHours</c>, at least 24) and how long a repeat waits for the
/// first request with its key to finish before answering 409 (<c>Idempotency:WaitSeconds</c>).
/// </summary>
public sealed record IdempotencySettings(TimeSpan Retention, TimeSpan Wait)
{
    public const int MinimumRetentionHours = 24;

    public static IdempotencySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Idempotency");
        var hours = section.GetValue("RetentionHours", MinimumRetentionHours);
        var wait = section.GetValue("WaitSeconds", 10.0);
        if (hours < MinimumRetentionHours)
            throw new InvalidOperationException($"Idempotency:RetentionHours must be at least {MinimumRetentionHours}: a client may retry for a day.");
        if (wait is <= 0 or > 300) throw new InvalidOperationException("Idempotency:WaitSeconds must be between 0 and 300.");
        return new IdempotencySettings(TimeSpan.FromHours(hours), TimeSpan.FromSeconds(wait));
    }
}
