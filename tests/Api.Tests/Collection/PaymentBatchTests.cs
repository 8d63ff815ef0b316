using System.Text.Json;
using Alba;
using KosodateShien.Application.Collection.Payments;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>
/// Payments arriving together are written in one transaction (<see cref="PaymentBatches"/>): each as it would be alone, with
/// the audit metadata of its own request, one payment's refusal never another's, and a payment whose excess reaches other
/// charges written on its own after the batch.
/// </summary>
public sealed class PaymentBatchTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static EventMetadata Request(int n) =>
        new($"clerk-{n}", $"correlation-{n}", $"http-request:{n}", new Dictionary<string, object> { ["operation"] = "POST /api/charges/{id}/payments" });

    /// <summary>A batcher whose writers start only once every payment is queued, so they are all taken as one batch.</summary>
    private async Task<IReadOnlyList<Task<PaymentOutcome>>> WrittenTogether(params (RecordPayment Command, EventMetadata Metadata)[] payments)
    {
        var batches = new PaymentBatches(Store, Host.Services.GetRequiredService<TimeProvider>(), new PaymentBatchSettings(true, 64, 1), NullLogger<PaymentBatches>.Instance);
        var outcomes = payments.Select(p => batches.RecordAsync(p.Command, p.Metadata)).ToList();
        await batches.StartAsync(CancellationToken.None);
        await batches.StopAsync(CancellationToken.None);
        return outcomes;
    }

    private sealed record StoredEvent(Guid StreamId, int Version, string Type, string? UserName, string? CorrelationId, string? CausationId, string? Operation, long Transaction);

    private async Task<List<StoredEvent>> Events(params Guid[] streams)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select stream_id, version, type, user_name, correlation_id, causation_id, headers ->> 'operation', xmin::text::bigint
            from {AppFixture.Schema}.mt_events where stream_id = any(@streams) order by stream_id, version
            """;
        command.Parameters.AddWithValue("streams", streams);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add(new StoredEvent(reader.GetGuid(0), (int)reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt64(7)));
        return events;
    }

    private async Task<JsonElement> ChargeView(Guid id) => await Api.GetJson($"/api/charges/{id}", ApiClient.Finance);

    [Fact]
    public async Task payments_taken_together_are_one_transaction_and_each_event_carries_its_own_requests_metadata()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var charges = new[] { await Api.Charged(payer, "2027-01", 30_000), await Api.Charged(payer, "2027-02", 30_000), await Api.Charged(payer, "2027-03", 30_000) };

        var outcomes = await WrittenTogether([.. charges.Select((id, n) => (new RecordPayment(id, 10_000 * (n + 1), Clock.Today, Clock.Today, PaymentChannel.Counter), Request(n)))]);

        var payments = (await Events(charges)).Where(e => e.Type == "payment_received").ToList();
        payments.Count.ShouldBe(3);
        payments.Select(e => e.Transaction).Distinct().ShouldHaveSingleItem();
        for (var n = 0; n < charges.Length; n++)
        {
            var outcome = await outcomes[n];
            (outcome.ChargeId, outcome.Version, outcome.Outstanding).ShouldBe((charges[n], 2, 30_000L - 10_000 * (n + 1)));
            var stored = payments.Single(e => e.StreamId == charges[n]);
            (stored.Version, stored.UserName, stored.CorrelationId, stored.CausationId, stored.Operation)
                .ShouldBe((2, $"clerk-{n}", $"correlation-{n}", $"http-request:{n}", "POST /api/charges/{id}/payments"));
            (await ChargeView(charges[n])).GetProperty("outstanding").GetInt64().ShouldBe(outcome.Outstanding);
        }
    }

    [Fact]
    public async Task payments_on_one_charge_in_a_batch_follow_each_other_and_a_stale_version_or_a_broken_rule_fails_only_its_own()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var charge = await Api.Charged(payer, "2027-03", 30_000);
        var other = await Api.Charged(payer, "2027-02", 30_000);
        var today = Clock.Today;

        var outcomes = await WrittenTogether(
            (new RecordPayment(charge, 10_000, today, today, PaymentChannel.Counter, Version: 1), Request(0)),
            (new RecordPayment(charge, 10_000, today, today, PaymentChannel.Counter, Version: 1), Request(1)),   // read before the first: stale
            (new RecordPayment(charge, 5_000, today, today, PaymentChannel.Counter, Version: 2), Request(2)),
            (new RecordPayment(other, 0, today, today, PaymentChannel.Counter), Request(3)),                      // 納付額 0: a rule
            (new RecordPayment(charge, 5_000, today, today, PaymentChannel.Counter), Request(4)));

        (await outcomes[0]).Version.ShouldBe(2);
        await Should.ThrowAsync<StaleVersionException>(outcomes[1]);
        (await outcomes[2]).Version.ShouldBe(3);
        await Should.ThrowAsync<DomainRuleException>(outcomes[3]);
        var last = await outcomes[4];
        (last.Version, last.Outstanding).ShouldBe((4, 10_000L));
        var stored = await Events(charge, other);
        stored.Where(e => e.StreamId == charge).Select(e => e.Version).ShouldBe([1, 2, 3, 4]);
        stored.Where(e => e.StreamId == charge && e.Type == "payment_received").Select(e => e.UserName).ShouldBe(["clerk-0", "clerk-2", "clerk-4"]);
        stored.Where(e => e.StreamId == other).Select(e => e.Type).ShouldBe(["charge_assessed"]);
        (await ChargeView(charge)).GetProperty("outstanding").GetInt64().ShouldBe(10_000);
    }

    [Fact]
    public async Task a_payment_that_overpays_goes_after_the_batch_on_its_own_and_so_do_the_later_payments_on_its_charge()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var march = await Api.Charged(payer, "2027-03", 30_000);
        var february = await Api.Charged(payer, "2027-02", 30_000);
        var today = Clock.Today;

        var outcomes = await WrittenTogether(
            (new RecordPayment(march, 40_000, today, today, PaymentChannel.Counter), Request(0)),   // 10,000 beyond: 充当 to February
            (new RecordPayment(february, 5_000, today, today, PaymentChannel.Counter), Request(1)),
            (new RecordPayment(march, 1_000, today, today, PaymentChannel.Counter), Request(2)));   // after the overpayment: refunded

        var overpaid = await outcomes[0];
        (overpaid.Overpaid, overpaid.Appropriated, overpaid.Refunded).ShouldBe((10_000L, 10_000L, 0L));
        (await outcomes[1]).Outstanding.ShouldBe(25_000);
        var after = await outcomes[2];
        (after.Overpaid, after.Appropriated, after.Refunded).ShouldBe((1_000L, 1_000L, 0L));   // February still owes 15,000
        var stored = await Events(march, february);
        var batch = stored.Single(e => e.StreamId == february && e.UserName == "clerk-1").Transaction;
        stored.Where(e => e.StreamId == march && e.Type == "payment_received").Select(e => e.UserName).ShouldBe(["clerk-0", "clerk-2"]);
        stored.Where(e => e.StreamId == march && e.Type == "payment_received").ShouldAllBe(e => e.Transaction != batch);
    }

    [Fact]
    public async Task concurrent_http_payments_on_one_charge_and_on_many_are_each_recorded_once_with_contiguous_versions()
    {
        var payer = (await Api.RegisteredFamily(new DateOnly(2025, 6, 20))).MotherId;
        var shared = await Api.Charged(payer, "2027-03", 30_000);
        var distinct = new List<Guid>();
        for (var month = 4; month <= 11; month++) distinct.Add(await Api.Charged(payer, $"2027-{month:00}", 30_000));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Pay(shared, 3_000)).Concat(distinct.Select(id => Pay(id, 30_000))));

        answers.Select(a => a.Context.Response.StatusCode).ShouldAllBe(s => s == 200);
        var paymentIds = answers.Select(a => ApiClient.Json(a).GetProperty("paymentId").GetGuid()).ToList();
        paymentIds.Distinct().Count().ShouldBe(18);
        var stored = await Events([shared, .. distinct]);
        stored.Count(e => e.Type == "payment_received").ShouldBe(18);
        foreach (var stream in stored.GroupBy(e => e.StreamId)) stream.Select(e => e.Version).ShouldBe(Enumerable.Range(1, stream.Count()));
        stored.Where(e => e.Type == "payment_received").ShouldAllBe(e => e.UserName == "test-finance" && e.Operation == "POST /api/charges/{id}/payments");
        stored.Where(e => e.Type == "payment_received").Select(e => e.CausationId).Distinct().Count().ShouldBe(18);
        (await ChargeView(shared)).GetProperty("outstanding").GetInt64().ShouldBe(0);
        answers.Take(10).Select(a => ApiClient.Json(a).GetProperty("version").GetInt32()).Order().ShouldBe(Enumerable.Range(2, 10));
    }

    private Task<IScenarioResult> Pay(Guid charge, long amount) =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-finance", ApiClient.Finance)}");
            s.WithRequestHeader("X-Purpose", ApiClient.PurposeHeaderValue);
            s.Post.Json(new { amount, paidOn = Clock.Today }).ToUrl($"/api/charges/{charge}/payments");
            s.IgnoreStatusCode();
        });
}
