using System.Security.Cryptography;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.Receipts;

/// <summary>A receipt of an imported file as recorded: the line, the charge it paid and the payment it became.</summary>
/// <param name="Line">the line of the file</param>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="ChargeId">the charge (調定) paid</param>
/// <param name="PaymentId">the payment (収納) on the charge</param>
/// <param name="Amount">金額 (納付額)</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Channel">収納経路</param>
/// <param name="ReceiptNumber">領収番号 (収納番号)</param>
public sealed record ImportedReceipt(int Line, string CollectionNumber, Guid ChargeId, Guid PaymentId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel,
    string? ReceiptNumber);

/// <summary>A 延滞金 raised because receipts of the file paid a late charge off.</summary>
/// <param name="ChargeId">the charge paid late</param>
/// <param name="CollectionNumber">its 徴収番号</param>
/// <param name="LateFeeChargeId">the 延滞金 charge raised</param>
/// <param name="Amount">延滞金額</param>
public sealed record ImportedLateFee(Guid ChargeId, string CollectionNumber, Guid LateFeeChargeId, long Amount);

/// <summary>
/// 納付書・コンビニ収納データの取込: every receipt of the file became a payment on its charge. The file's SHA-256 names the
/// import, so the same file cannot be imported twice.
/// </summary>
/// <param name="Sha256">the file's SHA-256</param>
/// <param name="ImportedOn">取込日</param>
/// <param name="Count">件数</param>
/// <param name="Amount">合計金額</param>
/// <param name="Receipts">every line with the charge it paid and the payment it became</param>
/// <param name="LateFees">延滞金 raised on charges the file paid off late</param>
/// <param name="OverpaidPayers">payers the file left with a 過誤納 (applied to their other charges or refunded next)</param>
public sealed record ReceiptsImported(Guid ImportId, string Sha256, DateOnly ImportedOn, int Count, long Amount, IReadOnlyList<ImportedReceipt> Receipts,
    IReadOnlyList<ImportedLateFee> LateFees, IReadOnlyList<Guid> OverpaidPayers);

/// <summary>The record of one imported receipt file (its own stream, named by the file's hash).</summary>
/// <param name="ImportedOn">取込日</param>
/// <param name="Count">件数</param>
/// <param name="Amount">合計金額</param>
public sealed record ReceiptImport(Guid Id, string Sha256, DateOnly ImportedOn, int Count, long Amount, IReadOnlyList<ImportedReceipt> Receipts,
    IReadOnlyList<ImportedLateFee> LateFees, IReadOnlyList<Guid> OverpaidPayers) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ReceiptsImported),
    ];

    public static ReceiptImport? Evolve(ReceiptImport? state, object @event) => (state, @event) switch
    {
        (null, ReceiptsImported e) => new ReceiptImport(e.ImportId, e.Sha256, e.ImportedOn, e.Count, e.Amount, e.Receipts, e.LateFees, e.OverpaidPayers),
        _ => state,
    };

    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The stream id of the import of a file with this SHA-256: the same file always lands on the same stream.</summary>
    public static Guid IdFor(string sha256) => NameBasedGuid.For($"receipt-import/{sha256}");

    /// <summary>
    /// Pairs every receipt with its charge (by 徴収番号); the file is refused as a whole, with the faults of the reading and
    /// every 徴収番号 that names no charge, when anything is wrong.
    /// </summary>
    public static IReadOnlyList<(ReceiptLine Receipt, Charge Charge)> Match(ReceiptFileReading reading, IReadOnlyDictionary<string, Charge> chargesByNumber)
    {
        var errors = reading.Errors.ToList();
        foreach (var (line, number) in reading.CollectionNumbers.Where(n => !chargesByNumber.ContainsKey(n.Value)))
            errors.Add(new FileLineError(line, "collectionNumber (徴収番号)", $"{number} names no charge (調定)."));
        MalformedFileException.ThrowIfAny(ReceiptFile.MalformedRule, [.. errors.OrderBy(e => e.Line)]);
        return [.. reading.Lines.Select(r => (r, chargesByNumber[r.CollectionNumber]))];
    }
}
