using System.Collections.Concurrent;
using System.Diagnostics;

namespace KosodateShien.Bench.Faults;

/// <summary>One command in the client's ledger: its Idempotency-Key, the record it is about, and what finally came back.</summary>
public sealed class CommandRecord(string key, Guid target)
{
    public string Key { get; } = key;

    /// <summary>The stream the command writes to (a charge for a payment).</summary>
    public Guid Target { get; } = target;

    public int Attempts { get; set; }

    /// <summary>The final answer's status: 2xx, or a 4xx that is not worth repeating; null while unanswered.</summary>
    public int? Status { get; set; }

    public string? Body { get; set; }

    /// <summary>The final answer was a kept one (<c>Idempotent-Replayed: true</c>).</summary>
    public bool Replayed { get; set; }

    /// <summary>When the 2xx arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public long AnsweredAt { get; set; }

    public bool Acknowledged => Status is >= 200 and < 300;
}

/// <summary>One request as sent: when it left and came back (<see cref="Stopwatch"/> timestamps) and what it got (a status, or the exception's type).</summary>
public readonly record struct Attempt(long Started, long Ended, string Outcome);

/// <summary>
/// The client of every fault scenario: each command goes with its own <c>Idempotency-Key</c>, and the same request (same key,
/// same body) is sent again after a connection error, a timeout, a 5xx, a 429 or a 409 <c>idempotency.in-progress</c>,
/// waiting what <c>Retry-After</c> says (at most a second) or 200 ms, until a 2xx or another 4xx comes back, or
/// <paramref name="giveUpAfter"/> has passed. Every request is kept in <see cref="Attempts"/>.
/// </summary>
public sealed class RetryingClient(HttpClient client, TimeSpan giveUpAfter)
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMilliseconds(200), LongestWait = TimeSpan.FromSeconds(1);

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    /// <param name="request">makes the request afresh for each attempt (a message cannot be sent twice); always the same one</param>
    public async Task SendAsync(CommandRecord command, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(giveUpAfter.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            command.Attempts++;
            var started = Stopwatch.GetTimestamp();
            TimeSpan wait;
            try
            {
                using var message = request();
                message.Headers.Add("Idempotency-Key", command.Key);
                using var response = await client.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                Attempts.Enqueue(new Attempt(started, Stopwatch.GetTimestamp(), status.ToString()));
                if (IsFinal(status, body))
                {
                    command.Status = status;
                    command.Body = body;
                    command.Replayed = response.Headers.Contains("Idempotent-Replayed");
                    command.AnsweredAt = Stopwatch.GetTimestamp();
                    return;
                }
                wait = response.Headers.RetryAfter?.Delta is { } delta && delta < LongestWait ? delta : response.Headers.RetryAfter is null ? DefaultWait : LongestWait;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                Attempts.Enqueue(new Attempt(started, Stopwatch.GetTimestamp(), e is TaskCanceledException ? "timeout" : "connection"));
                wait = DefaultWait;
            }
            if (Stopwatch.GetTimestamp() > deadline) return;
            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(50)), ct);
        }
    }

    /// <summary>A 2xx, or a 4xx that sending again would not change (not 408, 429 or 409 idempotency.in-progress).</summary>
    public static bool IsFinal(int status, string body) => status switch
    {
        >= 200 and < 300 => true,
        408 or 429 => false,
        409 => !body.Contains("\"idempotency.in-progress\"", StringComparison.Ordinal),
        >= 400 and < 500 => true,
        _ => false,
    };
}
