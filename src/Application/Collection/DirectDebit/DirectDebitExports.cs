using System.Diagnostics;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Privacy;
using Marten;

namespace KosodateShien.Application.Collection.DirectDebit;

/// <summary>口座振替依頼データの作成: what each running 口座振替 draws on a 振替日.</summary>
public static class DirectDebitExports
{
    /// <summary>
    /// The 振替依頼 for <paramref name="debitDate"/>: every 口座振替 running in the 振替日's month draws the 未納額 of its payer's
    /// charges due by the end of that month, for months it covers: this month's (the 振替日 may come before the 納期限) and
    /// those a previous 振替 failed to collect (再振替). A charge
    /// already in a request whose results are not in yet is left out, so a second request for the same day draws nothing twice.
    /// The mandates' accounts go into the request sealed as they are stored: they are opened once, for the file's hash, not
    /// opened on reading and sealed again (twice: the event and its snapshot) on writing.
    /// </summary>
    public static async Task<DirectDebitRequested> RequestAsync(IDocumentSession session, DateOnly debitDate, DebitConsignor consignor, DateOnly today, CancellationToken ct)
    {
        var month = JapaneseDates.FirstOfMonth(debitDate);
        var dueBy = JapaneseDates.EndOfMonth(debitDate);
        Activity? phase = CollectionTracing.Phase("export: read mandates");
        IReadOnlyList<DirectDebitMandate> running;
        using (PersonalDataJson.KeepSealed())
            running = await session.Query<DirectDebitMandate>().Where(m => m.StartMonth <= month && (m.EndMonth == null || m.EndMonth >= month)).ToListAsync(ct);
        var mandates = running.Where(m => m.Draws(month))
            // Registration ends the previous 依頼書 when a new one starts; should two still overlap, the newer draws.
            .GroupBy(m => m.PayerId).Select(g => g.MaxBy(m => (m.StartMonth, m.AppliedOn))!).ToList();
        phase?.Dispose();
        phase = CollectionTracing.Phase("export: read pending requests");
        var pending = new HashSet<Guid>();
        using (PersonalDataJson.KeepSealed())
            foreach (var id in await session.Query<DirectDebitExport>().Where(e => e.Results == null).Select(e => e.Id).ToListAsync(ct))
                pending.UnionWith((await RequestOfAsync(session, id, ct)).Lines.SelectMany(l => l.Charges.Select(c => c.ChargeId)));
        phase?.Dispose();
        phase = CollectionTracing.Phase("export: read charges");
        var payers = mandates.Select(m => m.PayerId).Distinct().ToArray();
        CollectionSubject[] drawn = [.. DirectDebitMandate.DrawnSubjects];
        var charges = await session.Query<Charge>()
            .Where(c => c.PayerId.In(payers) && c.DueDate <= dueBy && c.CancelledOn == null && c.WriteOff == null && c.Outstanding > 0 && c.Subject.In(drawn))
            .Select(c => new DebitCandidate(c.Id, c.CollectionNumber, c.PayerId, c.Month, c.Subject, c.Outstanding))
            .ToListAsync(ct);
        phase?.Dispose();
        phase = CollectionTracing.Phase("export: build request");
        var byPayer = charges.Where(c => !pending.Contains(c.ChargeId)).ToLookup(c => c.PayerId);
        var draws = mandates.Select(m => (m, (IReadOnlyList<DebitCandidate>)[.. byPayer[m.PayerId].Where(c => m.Draws(c.Month, c.Subject))]));
        var keys = session.DocumentStore.PersonalDataKeys();
        var requested = DirectDebitExport.Request(debitDate, consignor, today, draws,
            account => account with { Number = keys.Open(account.Number), HolderKana = keys.Open(account.HolderKana) });
        session.Events.StartStream<DirectDebitExport>(requested.ExportId, requested);
        phase?.Dispose();
        return requested;
    }

    /// <summary>The request of a 振替依頼: its first event, which is the file (the snapshot does not keep its lines).</summary>
    public static async Task<DirectDebitRequested> RequestOfAsync(IQuerySession session, Guid exportId, CancellationToken ct) =>
        (await session.Events.FetchStreamAsync(exportId, version: 1, token: ct)).Select(e => e.Data).OfType<DirectDebitRequested>().Single();
}
