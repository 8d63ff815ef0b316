using System.Threading.Channels;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KosodateShien.Application.Collection.Payments;

/// <summary>How payments are written together (<c>Collection:PaymentBatches:Enabled</c>, <c>:MaxBatch</c>, <c>:Writers</c>).</summary>
public sealed record PaymentBatchSettings(bool Enabled, int MaxBatch, int Writers)
{
    public static PaymentBatchSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Collection:PaymentBatches");
        var settings = new PaymentBatchSettings(section.GetValue("Enabled", true), section.GetValue("MaxBatch", 64), section.GetValue("Writers", 2));
        if (settings.MaxBatch < 1 || settings.Writers < 1) throw new InvalidOperationException("Collection:PaymentBatches:MaxBatch and :Writers must be positive.");
        return settings;
    }
}

/// <summary>
/// Payments that arrive while others are being written are written together: one transaction locks and reads all their
/// charges in one round trip, records each payment in the order it came (several on one charge one after another), and
/// commits them at once, each event with the metadata of its own request. Nothing waits for company: a payment arriving at
/// a quiet moment is written at once, alone. A payment that leaves its charge overpaid or completes a late one (its 充当・還付
/// or 延滞金 reach other charges) is written after the batch in a transaction of its own, as are the later payments on that
/// charge; and if the batch's transaction fails, each of its payments is written alone, so one payment's failure never
/// becomes another's. A rule a payment breaks, or a stale version, fails that payment only.
/// </summary>
public sealed class PaymentBatches(IDocumentStore store, TimeProvider clock, PaymentBatchSettings settings, ILogger<PaymentBatches> logger) : IHostedService
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();
    private Task writing = Task.CompletedTask;

    private sealed record Pending(RecordPayment Command, EventMetadata Metadata, TaskCompletionSource<PaymentOutcome> Done);

    /// <summary>Records the payment (with the next batch, or alone when batching is off or the service is stopping).</summary>
    public Task<PaymentOutcome> RecordAsync(RecordPayment command, EventMetadata metadata)
    {
        var pending = new Pending(command, metadata, new TaskCompletionSource<PaymentOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!settings.Enabled || !queue.Writer.TryWrite(pending)) return RecordAloneAsync(command, metadata);
        return pending.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        writing = Task.WhenAll(Enumerable.Range(0, settings.Writers).Select(_ => Task.Run(WriteAsync, CancellationToken.None)));
        return Task.CompletedTask;
    }

    /// <summary>Takes no more payments and writes the ones already taken.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await writing.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(settings.MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < settings.MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            await WriteTogetherAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteTogetherAsync(IReadOnlyList<Pending> batch)
    {
        var written = new List<(Pending Payment, PaymentOutcome Outcome)>();
        var alone = new List<Pending>();
        try
        {
            await using var session = store.LightweightSession();
            await session.BeginTransactionAsync(CancellationToken.None);
            // One round trip: every charge's stream row locked (in id order, so two batches never wait on each other crosswise) and read.
            var query = session.CreateBatchQuery();
            var fetches = batch.Select(p => p.Command.ChargeId).Distinct().Order().ToDictionary(id => id, id => query.Events.FetchForExclusiveWriting<Charge>(id));
            await query.Execute(CancellationToken.None);

            var charges = new Dictionary<Guid, Charge?>();
            var later = new HashSet<Guid>();
            foreach (var payment in batch)
            {
                var id = payment.Command.ChargeId;
                var stream = await fetches[id];
                if (!charges.TryGetValue(id, out var charge)) charges[id] = charge = stream.Aggregate;
                if (later.Contains(id))
                {
                    alone.Add(payment);
                    continue;
                }
                try
                {
                    var (received, evolved) = PaymentRecording.Receive(charge ?? throw new NotFoundException($"No charge {id}."), payment.Command);
                    // The next payment on this charge in the batch checks its expected version against this one's.
                    var after = evolved with { Version = charge.Version + 1 };
                    if (after.Overpaid > 0 || after.MayOweLateFee())
                    {
                        later.Add(id);
                        alone.Add(payment);
                        continue;
                    }
                    stream.AppendOne(WithMetadata(session.Events.BuildEvent(received), payment.Metadata));
                    charges[id] = after;
                    written.Add((payment, new PaymentOutcome(id, received.PaymentId, after.Version, after.Outstanding, after.Overpaid, 0, 0)));
                }
                catch (Exception e) when (e is DomainRuleException or StaleVersionException or NotFoundException)
                {
                    payment.Done.TrySetException(e);
                }
            }
            await session.SaveChangesAsync(CancellationToken.None);
            foreach (var (payment, outcome) in written) payment.Done.TrySetResult(outcome);
        }
        catch (Exception e)
        {
            // Nothing of the batch was written: each payment goes alone, as if it had come by itself.
            logger.LogWarning(e, "A batch of {Count} payments failed; they are written one by one.", batch.Count);
            alone = [.. batch.Where(p => !p.Done.Task.IsCompleted)];
        }
        foreach (var payment in alone)
        {
            try
            {
                payment.Done.TrySetResult(await RecordAloneAsync(payment.Command, payment.Metadata));
            }
            catch (Exception e)
            {
                payment.Done.TrySetException(e);
            }
        }
    }

    private async Task<PaymentOutcome> RecordAloneAsync(RecordPayment command, EventMetadata metadata)
    {
        await using var session = store.LightweightSession();
        (session.LastModifiedBy, session.CorrelationId, session.CausationId) = (metadata.UserName, metadata.CorrelationId, metadata.CausationId);
        foreach (var (key, value) in metadata.Headers) session.SetHeader(key, value);
        var outcome = await PaymentRecording.RecordAsync(session, command, clock.TodayJst(), CancellationToken.None);
        await session.SaveChangesAsync(CancellationToken.None);
        return outcome;
    }

    private static JasperFx.Events.IEvent WithMetadata(JasperFx.Events.IEvent e, EventMetadata metadata)
    {
        (e.UserName, e.CorrelationId, e.CausationId) = (metadata.UserName, metadata.CorrelationId, metadata.CausationId);
        foreach (var (key, value) in metadata.Headers) e.SetHeader(key, value);
        return e;
    }
}
