using System.Diagnostics;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Application.Common;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Collection;
using KosodateShien.Projections.Privacy;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Application.Collection.DirectDebit;

/// <summary>What a result import did.</summary>
public sealed record DebitResultsSummary(Guid ExportId, DateOnly DebitDate, DateOnly BookedOn, int DebitedCount, long DebitedAmount, int FailedCount, long FailedAmount,
    int ChargesPaid, int ChargesFailed, int MandatesEnded, IReadOnlyList<Guid> OverpaidPayers);

/// <summary>振替結果の取込: the bank's answer becomes payments (振替済) and 振替不能 on the charges, in one transaction.</summary>
public static class DirectDebitResults
{
    /// <summary>
    /// The end of the 口座振替 the bank says are gone (a few hundred in a large answer) goes in set-based, as the charges' payments
    /// do (<see cref="SnapshotBulkAppender{T}"/>), not one statement each.
    /// </summary>
    public static readonly BulkAppendSpec<DirectDebitMandate> MandateSpec = new("mt_doc_directdebitmandate", m => m.Id, (m, version) => { m.Version = version; return m; },
        DirectDebitMandate.Evolve, [typeof(DirectDebitMandateProjection), typeof(PersonMembershipProjection)],
        [new DirectDebitMandateEnded(Guid.Empty, default, default, "", DebitResultCode.NoAccount)]);

    /// <summary>
    /// Reads the file (a faulty one is refused whole), finds the request it answers (委託者コード and 引落日 of a request
    /// without results), and records: a payment (経路 口座振替, 納付日 = 振替日, 日計日 <paramref name="bookedOn"/>) on every
    /// charge of a 振替済 line, 振替不能 with its 不能事由 on the others, the end of each 口座振替 the bank says is gone (codes
    /// 2, 3, 4), and the results on the request. The charges' stream rows are locked first, so a payment arriving at the
    /// counter meanwhile waits and both are kept; a debit that finds its charge already paid leaves a 過誤納, applied (充当)
    /// or refunded (還付) in the same transaction. The rows of the 口座振替 it ends are locked with them. The accounts the
    /// request and the 口座振替 carry are never opened: the import has no use for them, and the 口座振替 are written back
    /// with them sealed as they were read.
    /// </summary>
    public static async Task<DebitResultsSummary> ImportAsync(IDocumentSession session, byte[] file, DateOnly today, DateOnly? bookedOn, CancellationToken ct)
    {
        using var sealedAccounts = PersonalDataJson.KeepSealed();
        Activity? phase = CollectionTracing.Phase("import: parse");
        var result = DebitFile.Parse(file);
        var sha256 = DirectDebitExport.Hash(file);
        // The header gives 引落日 as MMDD: the request is one still awaiting results with that day (the latest, should two years
        // have one); a file already taken in names its request by its hash. Only the chosen request's lines are read.
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: read request");
        var export = (await session.Query<DirectDebitExport>().Where(e => e.Results == null).ToListAsync(ct))
                .Where(e => e.Consignor.Code == result.Consignor.Code && e.DebitDate.Month == result.DebitMonth && e.DebitDate.Day == result.DebitDay)
                .MaxBy(e => e.DebitDate)
            ?? await session.Query<DirectDebitExport>().Where(e => e.Results != null && e.Results.Sha256 == sha256).FirstOrDefaultAsync(ct)
            ?? throw new DomainRuleException("direct-debit.no-request",
                $"No 振替依頼 awaiting results for 委託者コード {result.Consignor.Code} and 引落日 {result.DebitMonth:D2}{result.DebitDay:D2}.", "file");
        var request = await DirectDebitExports.RequestOfAsync(session, export.Id, ct);
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: match lines");
        var booked = bookedOn ?? export.DebitDate;
        var (imported, outcomes) = export.ImportResults(request, result, sha256, today, booked);

        phase?.Dispose();
        phase = CollectionTracing.Phase("import: lock and read charges");
        await session.BeginTransactionAsync(ct);
        var chargeIds = outcomes.Select(o => o.Charge.ChargeId).Distinct().ToArray();
        var ending = MandatesEnding(request, imported);
        var versions = await StreamLocks.LockAsync(session, [.. chargeIds, .. ending.Keys], ct);
        var charges = (await session.LoadManyAsync<Charge>(ct, chargeIds)).ToDictionary(c => c.Id);
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: decide");
        var appends = new List<(Charge, long, IReadOnlyList<object>)>(charges.Count);
        var overpaid = new HashSet<Guid>();
        var written = new List<Charge>();
        int paid = 0, failed = 0;
        foreach (var group in outcomes.GroupBy(o => o.Charge.ChargeId))
        {
            var charge = charges[group.Key];
            var events = new List<object>();
            foreach (var outcome in group)
            {
                if (outcome.Code == DebitResultCode.Debited)
                {
                    events.Add(charge.Receive(outcome.Charge.Amount, export.DebitDate, booked, PaymentChannel.DirectDebit));
                    paid++;
                }
                else
                {
                    events.Add(new DirectDebitFailed(charge.Id, export.Id, export.DebitDate, outcome.Code, outcome.Code.Reason(), outcome.Charge.Amount));
                    failed++;
                }
            }
            var after = events.Aggregate((Charge?)charge, Charge.Evolve)!;
            if (export.DebitDate > charge.DueDate && await LateFeeAssessment.AssessAsync(session, after, export.DebitDate, ct) is { } lateFee)
            {
                events.Add(lateFee.Assessed);
                after = Charge.Evolve(after, lateFee.Assessed)!;
                written.Add(lateFee.Charge);
            }
            if (after.Overpaid > 0) overpaid.Add(after.PayerId);
            written.Add(after);
            appends.Add((charge, versions[charge.Id], events));
        }
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: settle overpayments");
        var settled = await OverpaymentSettlements.SettleAsync(session, written, today, ct);
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: write charges");
        await ChargeAppends.AppendAsync(session, appends, settled, ct);
        phase?.Dispose();
        phase = CollectionTracing.Phase("import: end mandates");
        var ended = await EndMandatesAsync(session, export, ending, versions, today, ct);
        session.Events.Append(export.Id, export.Version + 1, imported);
        phase?.Dispose();
        return new DebitResultsSummary(export.Id, export.DebitDate, booked, imported.DebitedCount, imported.DebitedAmount, imported.FailedCount, imported.FailedAmount, paid,
            failed, ended, [.. overpaid]);
    }

    /// <summary>The 口座振替 a 振替 the bank answered with 取引なし, 預金者の都合による振替停止 or 依頼書なし ends, with the code.</summary>
    private static Dictionary<Guid, DebitResultCode> MandatesEnding(DirectDebitRequested request, DirectDebitResultsImported imported)
    {
        var codes = imported.Results.Where(r => r.Code.EndsMandate()).ToDictionary(r => r.CustomerNumber, r => r.Code, StringComparer.Ordinal);
        return request.Lines.Where(l => codes.ContainsKey(l.CustomerNumber)).ToDictionary(l => l.MandateId, l => codes[l.CustomerNumber]);
    }

    /// <summary>Ends each of those 口座振替 (read under its row lock) with the 振替日's month, unless it has ended already.</summary>
    private static async Task<int> EndMandatesAsync(IDocumentSession session, DirectDebitExport export, IReadOnlyDictionary<Guid, DebitResultCode> ending,
        IReadOnlyDictionary<Guid, long> versions, DateOnly today, CancellationToken ct)
    {
        if (ending.Count == 0) return 0;
        var month = new DateOnly(export.DebitDate.Year, export.DebitDate.Month, 1);
        var appends = new List<(DirectDebitMandate, long, IReadOnlyList<object>)>();
        foreach (var mandate in await session.LoadManyAsync<DirectDebitMandate>(ct, ending.Keys))
        {
            if (mandate.EndReason is not null) continue;
            var code = ending[mandate.Id];
            appends.Add((mandate, versions[mandate.Id], [mandate.End(month, today, $"振替不能 ({code.Reason()}): 口座振替依頼書の再提出が必要", code)]));
        }
        if (await SnapshotBulkAppender<DirectDebitMandate>.For(session.DocumentStore, MandateSpec, ct) is { } bulk) bulk.Queue(session, appends);
        else foreach (var (mandate, version, events) in appends) session.Events.Append(mandate.Id, version + 1, [.. events]);
        return appends.Count;
    }
}
