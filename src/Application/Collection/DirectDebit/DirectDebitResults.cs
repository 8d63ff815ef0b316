using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection.DirectDebit;

/// <summary>What a result import did.</summary>
public sealed record DebitResultsSummary(Guid ExportId, DateOnly DebitDate, DateOnly BookedOn, int DebitedCount, long DebitedAmount, int FailedCount, long FailedAmount,
    int ChargesPaid, int ChargesFailed, int MandatesEnded, IReadOnlyList<Guid> OverpaidPayers);

/// <summary>振替結果の取込: the bank's answer becomes payments (振替済) and 振替不能 on the charges, in one transaction.</summary>
public static class DirectDebitResults
{
    /// <summary>
    /// Reads the file (a faulty one is refused whole), finds the request it answers (委託者コード and 引落日 of a request
    /// without results), and records: a payment (経路 口座振替, 納付日 = 振替日, 日計日 <paramref name="bookedOn"/>) on every
    /// charge of a 振替済 line, 振替不能 with its 不能事由 on the others, the end of each 口座振替 the bank says is gone (codes
    /// 2, 3, 4), and the results on the request. The charges' stream rows are locked first, so a payment arriving at the
    /// counter meanwhile waits and both are kept; a debit that finds its charge already paid leaves a 過誤納, applied (充当)
    /// or refunded (還付) in the same transaction.
    /// </summary>
    public static async Task<DebitResultsSummary> ImportAsync(IDocumentSession session, byte[] file, DateOnly today, DateOnly? bookedOn, CancellationToken ct)
    {
        var result = DebitFile.Parse(file);
        var sha256 = DirectDebitExport.Hash(file);
        // The header gives 引落日 as MMDD: the request is one still awaiting results with that day (the latest, should two years
        // have one); a file already taken in names its request by its hash. Only requests awaiting results are read whole.
        var export = (await session.Query<DirectDebitExport>().Where(e => e.Results == null).ToListAsync(ct))
                .Where(e => e.Consignor.Code == result.Consignor.Code && e.DebitDate.Month == result.DebitMonth && e.DebitDate.Day == result.DebitDay)
                .MaxBy(e => e.DebitDate)
            ?? await session.Query<DirectDebitExport>().Where(e => e.Results != null && e.Results.Sha256 == sha256).FirstOrDefaultAsync(ct)
            ?? throw new DomainRuleException("direct-debit.no-request",
                $"No 振替依頼 awaiting results for 委託者コード {result.Consignor.Code} and 引落日 {result.DebitMonth:D2}{result.DebitDay:D2}.", "file");
        var booked = bookedOn ?? export.DebitDate;
        var (imported, outcomes) = export.ImportResults(result, sha256, today, booked);

        await session.BeginTransactionAsync(ct);
        var chargeIds = outcomes.Select(o => o.Charge.ChargeId).Distinct().ToArray();
        var versions = await StreamLocks.LockAsync(session, chargeIds, ct);
        var charges = (await session.LoadManyAsync<Charge>(ct, chargeIds)).ToDictionary(c => c.Id);
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
        await ChargeAppends.AppendAsync(session, appends, await OverpaymentSettlements.SettleAsync(session, written, today, ct), ct);
        var ended = await EndMandatesAsync(session, export, imported, today, ct);
        session.Events.Append(export.Id, export.Version + 1, imported);
        return new DebitResultsSummary(export.Id, export.DebitDate, booked, imported.DebitedCount, imported.DebitedAmount, imported.FailedCount, imported.FailedAmount, paid,
            failed, ended, [.. overpaid]);
    }

    /// <summary>A 振替 the bank answered with 取引なし, 預金者の都合による振替停止 or 依頼書なし ends its 口座振替 with the 振替日's month.</summary>
    private static async Task<int> EndMandatesAsync(IDocumentSession session, DirectDebitExport export, DirectDebitResultsImported imported, DateOnly today, CancellationToken ct)
    {
        var ending = imported.Results.Where(r => r.Code.EndsMandate()).ToDictionary(r => r.CustomerNumber, r => r.Code, StringComparer.Ordinal);
        if (ending.Count == 0) return 0;
        var mandateIds = export.Lines.Where(l => ending.ContainsKey(l.CustomerNumber)).Select(l => l.MandateId).ToArray();
        var month = new DateOnly(export.DebitDate.Year, export.DebitDate.Month, 1);
        var count = 0;
        foreach (var mandate in await session.LoadManyAsync<DirectDebitMandate>(ct, mandateIds))
        {
            if (mandate.EndReason is not null) continue;
            var code = ending[mandate.CustomerNumber];
            session.Events.Append(mandate.Id, mandate.Version + 1, mandate.End(month, today, $"振替不能 ({code.Reason()}): 口座振替依頼書の再提出が必要", code));
            count++;
        }
        return count;
    }
}
