using System.Globalization;
using System.Text.Json.Serialization;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>振込指定区分.</summary>
public enum TransferMethod
{
    /// <summary>電信扱い (テレ振込)</summary>
    [JsonStringEnumMemberName("telegraphic")] Telegraphic = 7,
    /// <summary>文書扱い</summary>
    [JsonStringEnumMemberName("document")] Document = 8,
}

/// <summary>One 総合振込 データレコード: the facility's account (被仕向), 振込金額, 新規コード and 顧客コード1・2 for reconciliation.</summary>
/// <param name="CustomerCode1">顧客コード1 (here the claim or batch item reference; digits and 全銀 characters, at most 10)</param>
public sealed record TransferRecord(BankAccount Account, long Amount, string CustomerCode1, string CustomerCode2 = "", int NewCode = 0,
    TransferMethod Method = TransferMethod.Telegraphic);

/// <summary>
/// A 全銀協 総合振込 file (種別コード 21, BENEFITS.md §5.5): the ward (委託者) pays each facility on the 振込指定日. Written with the
/// same record writer as the 口座振替 file; the 振込手数料 is not in the file (it is chosen at upload).
/// </summary>
public sealed record TransferFile(DebitConsignor Consignor, DateOnly TransferDate, IReadOnlyList<TransferRecord> Records)
{
    public long TotalAmount => Records.Sum(r => r.Amount);

    public byte[] ToBytes()
    {
        for (var i = 0; i < Records.Count; i++)
            if (Records[i].Amount is < 1 or > 9_999_999_999)
                throw new DomainRuleException("transfer.amount", $"振込金額 must be 1 to 9,999,999,999 yen (record {i + 1}: {Records[i].Amount}).", $"records[{i}].amount");
        var records = new List<(ZenginField[], string[])>
        {
            (ZenginLayout.TransferHeader, ["1", "21", "0", Consignor.Code, Consignor.NameKana, TransferDate.ToString("MMdd", CultureInfo.InvariantCulture),
                Consignor.BankCode, Consignor.BankNameKana, Consignor.BranchCode, Consignor.BranchNameKana, Num((int)Consignor.AccountType), Consignor.AccountNumber, ""]),
        };
        foreach (var r in Records)
            records.Add((ZenginLayout.TransferData, ["2", r.Account.BankCode, r.Account.BankNameKana, r.Account.BranchCode, r.Account.BranchNameKana, "",
                Num((int)r.Account.Type), r.Account.Number, r.Account.HolderKana, Num(r.Amount), Num(r.NewCode), r.CustomerCode1, r.CustomerCode2, Num((int)r.Method), "", ""]));
        records.Add((ZenginLayout.TransferTrailer, ["8", Num(Records.Count), Num(TotalAmount), ""]));
        records.Add((ZenginLayout.End, ["9", ""]));
        return ZenginRecords.ToBytes(records);
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
