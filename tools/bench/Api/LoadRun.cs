using System.Collections.Concurrent;
using System.Diagnostics;

namespace KosodateShien.Bench.Api;

/// <summary>What a scenario's requests got: how many, in what time, each one's latency, the answers that were not 2xx.</summary>
public sealed class LoadResult(string name, int requests, TimeSpan elapsed, double[] latenciesMs, IReadOnlyDictionary<string, int> errors)
{
    public string Name { get; } = name;
    public int Requests { get; } = requests;
    public TimeSpan Elapsed { get; } = elapsed;
    public IReadOnlyDictionary<string, int> Errors { get; } = errors;
    public int ErrorCount => Errors.Values.Sum();
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The latency (ms) at or below which <paramref name="percent"/> % of the requests finished (nearest rank).</summary>
    public double Percentile(double percent)
    {
        if (latenciesMs.Length == 0) return 0;
        var rank = (int)Math.Ceiling(percent / 100 * latenciesMs.Length);
        return latenciesMs[Math.Clamp(rank - 1, 0, latenciesMs.Length - 1)];
    }
}

/// <summary>
/// Sends a scenario's requests and times each one. Closed loop: a number of connections, each sending its next request as
/// soon as the last one is answered (throughput). Open loop: requests leave at a fixed rate whatever the answers do, and each
/// is timed from when it was due, not when it left, so a stalled server shows in the latencies instead of slowing the load.
/// </summary>
public static class LoadRun
{
    /// <summary>Sends requests 0 … <paramref name="count"/>-1 over <paramref name="connections"/> connections.</summary>
    /// <param name="answered">given each 2xx answer's body with the request's number (the ids a scenario creates)</param>
    public static async Task<LoadResult> ClosedAsync(string name, HttpClient client, int count, int connections, Func<int, HttpRequestMessage> request,
        CancellationToken ct, Action<int, string>? answered = null)
    {
        var latencies = new double[count];
        var errors = new ConcurrentDictionary<string, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var body = await SendAsync(client, request(i), errors, ct);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (body is not null) answered?.Invoke(i, body);
            }
        }, ct)));
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new LoadResult(name, count, elapsed, latencies, errors);
    }

    /// <summary>Sends <paramref name="perSecond"/> requests a second for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> OpenAsync(string name, HttpClient client, int perSecond, TimeSpan duration, Func<int, HttpRequestMessage> request,
        CancellationToken ct)
    {
        var count = (int)(perSecond * duration.TotalSeconds);
        var latencies = new double[count];
        var errors = new ConcurrentDictionary<string, int>();
        var sent = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            var index = i;
            sent.Add(Task.Run(async () =>
            {
                await SendAsync(client, request(index), errors, ct);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }, ct));
        }
        await Task.WhenAll(sent);
        var elapsed = Stopwatch.GetElapsedTime(start);
        Array.Sort(latencies);
        return new LoadResult(name, count, elapsed, latencies, errors);
    }

    /// <summary>The answer's body when it was 2xx; otherwise counts the status (or the failure) and returns null.</summary>
    private static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request, ConcurrentDictionary<string, int> errors, CancellationToken ct)
    {
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct))
            {
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync(ct);
                errors.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                return null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            return null;
        }
    }
}
