using System.Security.Cryptography;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>A charge a 振替依頼 may draw: what is unpaid on it.</summary>
public sealed record DebitCandidate(Guid ChargeId, string CollectionNumber, Guid PayerId, DateOnly Month, CollectionSubject Subject, long Outstanding);

/// <summary>What a result line means for one charge: paid by 口座振替, or not (振替不能) and why.</summary>
public sealed record DebitOutcome(DebitLine Line, DebitedCharge Charge, DebitResultCode Code);

/// <summary>
/// 口座振替 for one 振替日: the request (振替依頼) and, once the bank answered, its results. The file is the event
/// (<see cref="DirectDebitRequested"/>): the same bytes are written from it whenever it is downloaded. Its lines (60,000 in a
/// large ward, with their sealed accounts) are not copied into this snapshot: whoever needs them reads the event.
/// </summary>
public sealed record DirectDebitExport(Guid Id, DateOnly DebitDate, DebitConsignor Consignor, DateOnly CreatedOn, int Count, long Amount, string Sha256,
    DirectDebitResultsImported? Results = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(DirectDebitRequested),
        typeof(DirectDebitResultsImported),
    ];

    public static DirectDebitExport? Evolve(DirectDebitExport? state, object @event) => (state, @event) switch
    {
        (null, DirectDebitRequested e) => new DirectDebitExport(e.ExportId, e.DebitDate, e.Consignor, e.CreatedOn, e.Count, e.Amount, e.Sha256),
        (not null, DirectDebitResultsImported e) => state with { Results = e },
        _ => state,
    };

    /// <summary>The request file (振替依頼データ) of a request.</summary>
    /// <param name="readable">the account as the bank is to read it, for a request that carries it as stored (its personal data
    /// sealed); as it is when null</param>
    public static DebitFile File(DirectDebitRequested request, Func<BankAccount, BankAccount>? readable = null) =>
        new(request.Consignor, request.DebitDate.Month, request.DebitDate.Day,
            [.. request.Lines.Select(l => new DebitFileRecord(readable?.Invoke(l.Account) ?? l.Account, l.Amount, l.NewCode, l.CustomerNumber, DebitResultCode.Debited))], false);

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// 振替依頼 for a 振替日: one line per 口座振替 with something to draw, adding up the 未納額 of the payer's charges it draws
    /// (in the order of the 顧客番号). 新規コード is 1 (第1回) in the mandate's first month, else 0. The lines carry each
    /// mandate's account as it is; <paramref name="readable"/> reads one the mandates carry sealed, for the file's hash.
    /// </summary>
    public static DirectDebitRequested Request(DateOnly debitDate, DebitConsignor consignor, DateOnly createdOn,
        IEnumerable<(DirectDebitMandate Mandate, IReadOnlyList<DebitCandidate> Charges)> draws, Func<BankAccount, BankAccount>? readable = null)
    {
        var lines = new List<DebitLine>();
        foreach (var (mandate, charges) in draws.Where(d => d.Charges.Any(c => c.Outstanding > 0)).OrderBy(d => d.Mandate.CustomerNumber, StringComparer.Ordinal))
        {
            var drawn = charges.Where(c => c.Outstanding > 0).OrderBy(c => c.Month).ThenBy(c => c.CollectionNumber, StringComparer.Ordinal)
                .Select(c => new DebitedCharge(c.ChargeId, c.CollectionNumber, c.Outstanding)).ToList();
            var newCode = mandate.StartMonth == JapaneseDates.FirstOfMonth(debitDate) ? 1 : 0;
            lines.Add(new DebitLine(lines.Count + 2, mandate.Id, mandate.PayerId, mandate.CustomerNumber, mandate.Account, drawn.Sum(c => c.Amount), newCode, drawn));
        }
        if (lines.Count == 0) throw new DomainRuleException("direct-debit.nothing-to-draw", $"Nothing is to be drawn on {debitDate:yyyy-MM-dd}.", "debitDate");
        var requested = new DirectDebitRequested(Guid.CreateVersion7(), debitDate, consignor, createdOn, lines, lines.Count, lines.Sum(l => l.Amount), "");
        return requested with { Sha256 = Hash(File(requested, readable).ToBytes()) };
    }

    /// <summary>
    /// Takes in the bank's result file: it must answer this request (<paramref name="request"/>, the event that made it:
    /// 委託者コード, 引落日) line for line (顧客番号, 引落金額), or it is refused as a whole with the lines at fault. Once only.
    /// </summary>
    public (DirectDebitResultsImported Imported, IReadOnlyList<DebitOutcome> Outcomes) ImportResults(DirectDebitRequested request, DebitFile result, string sha256,
        DateOnly importedOn, DateOnly bookedOn)
    {
        if (request.ExportId != Id) throw new ArgumentException($"The request {request.ExportId} is not the one of 振替依頼 {Id}.", nameof(request));
        var lines = request.Lines;
        if (Results is not null)
            throw new DomainRuleException("direct-debit.results-imported", $"The results for 振替日 {DebitDate:yyyy-MM-dd} were imported on {Results.ImportedOn:yyyy-MM-dd}.");
        if (bookedOn < DebitDate) throw new DomainRuleException("direct-debit.booked-before-debit", "日計日 cannot be before the 振替日.", "bookedOn");
        var errors = new List<FileLineError>();
        if (result.Consignor.Code != Consignor.Code)
            errors.Add(new(1, "consignorCode (委託者コード)", $"is {result.Consignor.Code}; the request was made as {Consignor.Code}."));
        if (result.DebitMonth != DebitDate.Month || result.DebitDay != DebitDate.Day)
            errors.Add(new(1, "debitDate (引落日)", $"is {result.DebitMonth:D2}{result.DebitDay:D2}; the request was for {DebitDate:MMdd}."));
        var byCustomer = lines.ToDictionary(l => l.CustomerNumber, StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<DebitLineResult>();
        for (var i = 0; i < result.Records.Count; i++)
        {
            var (record, line) = (result.Records[i], i + 2);
            if (!byCustomer.TryGetValue(record.CustomerNumber, out var requested))
                errors.Add(new(line, "customerNumber (顧客番号)", $"{record.CustomerNumber} was not in the request."));
            else if (!answered.Add(record.CustomerNumber))
                errors.Add(new(line, "customerNumber (顧客番号)", $"{record.CustomerNumber} is answered twice."));
            else if (record.Amount != requested.Amount)
                errors.Add(new(line, "amount (引落金額)", $"is {record.Amount}; {requested.Amount} was requested for {record.CustomerNumber}."));
            else results.Add(new DebitLineResult(requested.Line, record.CustomerNumber, record.Amount, record.ResultCode));
        }
        foreach (var missing in lines.Where(l => !answered.Contains(l.CustomerNumber)).Take(MalformedFileException.MaxErrors))
            errors.Add(new(result.Records.Count + 2, "customerNumber (顧客番号)", $"{missing.CustomerNumber} (request line {missing.Line}) has no result."));
        MalformedFileException.ThrowIfAny(DebitFile.MalformedRule, errors);

        var debited = results.Where(r => r.Code == DebitResultCode.Debited).ToList();
        var failed = results.Where(r => r.Code != DebitResultCode.Debited).ToList();
        var imported = new DirectDebitResultsImported(Id, importedOn, bookedOn, sha256, debited.Count, debited.Sum(r => r.Amount), failed.Count, failed.Sum(r => r.Amount),
            [.. results.OrderBy(r => r.Line)]);
        var codes = results.ToDictionary(r => r.CustomerNumber, r => r.Code, StringComparer.Ordinal);
        var outcomes = lines.SelectMany(l => l.Charges.Select(c => new DebitOutcome(l, c, codes[l.CustomerNumber]))).ToList();
        return (imported, outcomes);
    }
}
