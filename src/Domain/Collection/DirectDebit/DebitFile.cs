using System.Globalization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>
/// 委託者: the municipality as the 全銀 header names it: 委託者コード and 委託者名, and the account the money is drawn into
/// (取引銀行・支店, 預金種目, 口座番号).
/// </summary>
public sealed record DebitConsignor(string Code, string NameKana, string BankCode, string BankNameKana, string BranchCode, string BranchNameKana, AccountType AccountType,
    string AccountNumber);

/// <summary>One データレコード: the account drawn, 引落金額, 新規コード (1 第1回, 2 変更, 0 その他), 顧客番号 and 振替結果コード.</summary>
public sealed record DebitFileRecord(BankAccount Account, long Amount, int NewCode, string CustomerNumber, DebitResultCode ResultCode);

/// <summary>The トレーラーレコード: 合計件数・金額, 振替済件数・金額, 振替不能件数・金額.</summary>
public sealed record DebitFileTotals(int Count, long Amount, int DebitedCount, long DebitedAmount, int FailedCount, long FailedAmount)
{
    /// <summary>The totals of the records; a request file (振替依頼) leaves 振替済 and 振替不能 at zero.</summary>
    public static DebitFileTotals Of(IReadOnlyList<DebitFileRecord> records, bool withResults)
    {
        var debited = records.Where(r => r.ResultCode == DebitResultCode.Debited).ToList();
        var failed = records.Where(r => r.ResultCode != DebitResultCode.Debited).ToList();
        return withResults
            ? new(records.Count, records.Sum(r => r.Amount), debited.Count, debited.Sum(r => r.Amount), failed.Count, failed.Sum(r => r.Amount))
            : new(records.Count, records.Sum(r => r.Amount), 0, 0, 0, 0);
    }
}

/// <summary>
/// A 全銀協 預金口座振替 file: 120-byte records (header, data, trailer, end) in the Shift_JIS single-byte characters the
/// format allows, each followed by CRLF. <see cref="ToBytes"/> writes it; <see cref="Parse"/> reads a bank's file strictly,
/// refusing it as a whole with every faulty line and field named.
/// </summary>
/// <param name="DebitMonth">引落日 month (the header carries MMDD only)</param>
/// <param name="WithResults">whether the file carries 振替結果 (the bank's answer) rather than a request</param>
public sealed record DebitFile(DebitConsignor Consignor, int DebitMonth, int DebitDay, IReadOnlyList<DebitFileRecord> Records, bool WithResults)
{
    public const string MalformedRule = "zengin.malformed";

    public DebitFileTotals Totals => DebitFileTotals.Of(Records, WithResults);

    public byte[] ToBytes()
    {
        var lines = new List<string[]>
        {
            new[] { "1", "91", "0", Consignor.Code, Consignor.NameKana, $"{DebitMonth:D2}{DebitDay:D2}", Consignor.BankCode, Consignor.BankNameKana, Consignor.BranchCode,
                Consignor.BranchNameKana, ((int)Consignor.AccountType).ToString(CultureInfo.InvariantCulture), Consignor.AccountNumber, "" },
        };
        foreach (var r in Records)
            lines.Add([ "2", r.Account.BankCode, r.Account.BankNameKana, r.Account.BranchCode, r.Account.BranchNameKana, "", ((int)r.Account.Type).ToString(CultureInfo.InvariantCulture),
                r.Account.Number, r.Account.HolderKana, Num(r.Amount), Num(r.NewCode), r.CustomerNumber, WithResults ? Num((int)r.ResultCode) : "0", "" ]);
        var t = Totals;
        lines.Add([ "8", Num(t.Count), Num(t.Amount), Num(t.DebitedCount), Num(t.DebitedAmount), Num(t.FailedCount), Num(t.FailedAmount), "" ]);
        lines.Add([ "9", "" ]);

        return ZenginRecords.ToBytes([.. lines.Select(values => (values[0] switch
        {
            "1" => ZenginLayout.Header, "2" => ZenginLayout.Data, "8" => ZenginLayout.Trailer, _ => ZenginLayout.End,
        }, values))]);
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a 全銀 file with 振替結果 (or a request, when <paramref name="withResults"/> is false); throws <see cref="MalformedFileException"/>.</summary>
    public static DebitFile Parse(ReadOnlySpan<byte> bytes, bool withResults = true) => DebitFileParser.Parse(bytes, withResults);
}
