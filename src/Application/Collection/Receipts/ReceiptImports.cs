using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.Receipts;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Application.Collection.Receipts;

/// <summary>納付書・コンビニ収納データの取込: a receipt file becomes payments on the charges it names, in one transaction.</summary>
public static class ReceiptImports
{
    public const string AlreadyImportedRule = "receipts.already-imported";

    /// <summary>
    /// Reads the file and pairs every receipt with its charge by 徴収番号 (a faulty file, or one naming a charge that does not
    /// exist, is refused whole with every line and field at fault, and nothing is recorded); a file imported before (the same
    /// SHA-256) is refused. Then, with the charges' stream rows locked, every receipt becomes a payment (several on one
    /// charge in 納付日 order); a charge paid off after its 納期限 gets its 延滞金; the payers left overpaid have their 過誤納
    /// applied (充当) or refunded (還付) in the same transaction; the import is recorded with the payment of every line.
    /// </summary>
    public static async Task<ReceiptImport> ImportAsync(IDocumentSession session, byte[] file, ReceiptFileEncoding encoding, DateOnly today, CancellationToken ct)
    {
        var sha256 = ReceiptImport.Hash(file);
        var importId = ReceiptImport.IdFor(sha256);
        if (await session.LoadAsync<ReceiptImport>(importId, ct) is { } earlier)
            throw new DomainRuleException(AlreadyImportedRule,
                $"This file was imported on {earlier.ImportedOn:yyyy-MM-dd} ({earlier.Count:N0} receipts, {earlier.Amount:N0}円; import {earlier.Id}); nothing was received twice.", "file");
        var reading = ReceiptFile.Read(file, encoding, today);
        var numbers = reading.CollectionNumbers.Values.Distinct(StringComparer.Ordinal).ToArray();
        var known = numbers.Length == 0 ? [] : await session.Query<Charge>().Where(c => numbers.Contains(c.CollectionNumber)).ToListAsync(ct);
        var receipts = ReceiptImport.Match(reading, known.ToDictionary(c => c.CollectionNumber, StringComparer.Ordinal));

        await session.BeginTransactionAsync(ct);
        var chargeIds = receipts.Select(r => r.Charge.Id).Distinct().ToArray();
        var versions = await StreamLocks.LockAsync(session, chargeIds, ct);
        var charges = (await session.LoadManyAsync<Charge>(ct, chargeIds)).ToDictionary(c => c.Id);
        var appends = new List<(Charge, long, IReadOnlyList<object>)>(charges.Count);
        var payments = new Dictionary<int, Guid>();
        var lateFees = new List<ImportedLateFee>();
        var overpaid = new List<Guid>();
        var written = new List<Charge>();
        foreach (var group in receipts.GroupBy(r => r.Charge.Id))
        {
            var charge = charges[group.Key];
            var state = charge;
            var events = new List<object>();
            foreach (var (receipt, _) in group.OrderBy(r => r.Receipt.PaidOn).ThenBy(r => r.Receipt.Line))
            {
                var received = state.Receive(receipt.Amount, receipt.PaidOn, receipt.BookedOn, receipt.Channel) with { ReceiptNumber = receipt.ReceiptNumber, ImportId = importId };
                payments[receipt.Line] = received.PaymentId;
                events.Add(received);
                state = Charge.Evolve(state, received)!;
                if (await LateFeeAssessment.AssessAsync(session, state, receipt.PaidOn, ct) is { } lateFee)
                {
                    events.Add(lateFee.Assessed);
                    state = Charge.Evolve(state, lateFee.Assessed)!;
                    lateFees.Add(new ImportedLateFee(charge.Id, charge.CollectionNumber, lateFee.Assessed.LateFeeChargeId, lateFee.Assessed.Amount));
                    written.Add(lateFee.Charge);
                }
            }
            if (state.Overpaid > 0 && !overpaid.Contains(state.PayerId)) overpaid.Add(state.PayerId);
            written.Add(state);
            appends.Add((charge, versions[charge.Id], events));
        }
        await ChargeAppends.AppendAsync(session, appends, await OverpaymentSettlements.SettleAsync(session, written, today, ct), ct);
        var lines = receipts.Select(r => new ImportedReceipt(r.Receipt.Line, r.Charge.CollectionNumber, r.Charge.Id, payments[r.Receipt.Line], r.Receipt.Amount,
            r.Receipt.PaidOn, r.Receipt.BookedOn, r.Receipt.Channel, r.Receipt.ReceiptNumber)).ToList();
        var imported = new ReceiptsImported(importId, sha256, today, lines.Count, lines.Sum(l => l.Amount), lines, lateFees, overpaid);
        // A second import of the same file racing this one collides on the stream id (409) and rolls back with everything above.
        session.Events.StartStream<ReceiptImport>(importId, imported);
        return ReceiptImport.Evolve(null, imported)! with { Version = 1 };
    }
}
