namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>How a field of a 全銀 record is written: digits (zero-padded), 全銀 characters (space-padded) or fixed text.</summary>
public enum ZenginFieldKind { Number, Kana, Fixed, Filler }

/// <summary>One field of a 120-byte 全銀 record: its name (English, then the format's Japanese), position and length.</summary>
public sealed record ZenginField(string Name, string Japanese, int Length, ZenginFieldKind Kind, string? Value = null)
{
    public string Label => $"{Name} ({Japanese})";
}

/// <summary>
/// The 全銀協 record layouts (fixed 120 bytes each): ヘッダー (1), データ (2), トレーラー (8), エンド (9). 預金口座振替 (種別 91)
/// carries the request (振替依頼) and, with 振替結果コード and the trailer's 振替済/振替不能 filled, the bank's answer (振替結果);
/// 総合振込 (種別 21) pays facilities (BENEFITS.md §5.5). The エンド record is the same for both.
/// </summary>
public static class ZenginLayout
{
    public const int RecordLength = 120;

    public static readonly ZenginField[] Header =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "1"),
        new("typeCode", "種別コード", 2, ZenginFieldKind.Fixed, "91"),
        new("codeType", "コード区分", 1, ZenginFieldKind.Fixed, "0"),
        new("consignorCode", "委託者コード", 10, ZenginFieldKind.Number),
        new("consignorName", "委託者名", 40, ZenginFieldKind.Kana),
        new("debitDate", "引落日", 4, ZenginFieldKind.Number),
        new("bankCode", "取引銀行番号", 4, ZenginFieldKind.Number),
        new("bankName", "取引銀行名", 15, ZenginFieldKind.Kana),
        new("branchCode", "取引支店番号", 3, ZenginFieldKind.Number),
        new("branchName", "取引支店名", 15, ZenginFieldKind.Kana),
        new("accountType", "預金種目(委託者)", 1, ZenginFieldKind.Number),
        new("accountNumber", "口座番号(委託者)", 7, ZenginFieldKind.Number),
        new("filler", "ダミー", 17, ZenginFieldKind.Filler),
    ];

    public static readonly ZenginField[] Data =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "2"),
        new("bankCode", "引落銀行番号", 4, ZenginFieldKind.Number),
        new("bankName", "引落銀行名", 15, ZenginFieldKind.Kana),
        new("branchCode", "引落支店番号", 3, ZenginFieldKind.Number),
        new("branchName", "引落支店名", 15, ZenginFieldKind.Kana),
        new("filler1", "ダミー", 4, ZenginFieldKind.Filler),
        new("accountType", "預金種目", 1, ZenginFieldKind.Number),
        new("accountNumber", "口座番号", 7, ZenginFieldKind.Number),
        new("holderName", "預金者名", 30, ZenginFieldKind.Kana),
        new("amount", "引落金額", 10, ZenginFieldKind.Number),
        new("newCode", "新規コード", 1, ZenginFieldKind.Number),
        new("customerNumber", "顧客番号", 20, ZenginFieldKind.Number),
        new("resultCode", "振替結果コード", 1, ZenginFieldKind.Number),
        new("filler2", "ダミー", 8, ZenginFieldKind.Filler),
    ];

    public static readonly ZenginField[] Trailer =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "8"),
        new("totalCount", "合計件数", 6, ZenginFieldKind.Number),
        new("totalAmount", "合計金額", 12, ZenginFieldKind.Number),
        new("debitedCount", "振替済件数", 6, ZenginFieldKind.Number),
        new("debitedAmount", "振替済金額", 12, ZenginFieldKind.Number),
        new("failedCount", "振替不能件数", 6, ZenginFieldKind.Number),
        new("failedAmount", "振替不能金額", 12, ZenginFieldKind.Number),
        new("filler", "ダミー", 65, ZenginFieldKind.Filler),
    ];

    public static readonly ZenginField[] End =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "9"),
        new("filler", "ダミー", 119, ZenginFieldKind.Filler),
    ];

    /// <summary>総合振込 (種別コード 21) ヘッダー: 振込指定日 where 口座振替 has 引落日, and the 仕向 (paying) bank.</summary>
    public static readonly ZenginField[] TransferHeader =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "1"),
        new("typeCode", "種別コード", 2, ZenginFieldKind.Fixed, "21"),
        new("codeType", "コード区分", 1, ZenginFieldKind.Fixed, "0"),
        new("consignorCode", "委託者コード", 10, ZenginFieldKind.Number),
        new("consignorName", "委託者名", 40, ZenginFieldKind.Kana),
        new("transferDate", "振込指定日", 4, ZenginFieldKind.Number),
        new("bankCode", "仕向銀行番号", 4, ZenginFieldKind.Number),
        new("bankName", "仕向銀行名", 15, ZenginFieldKind.Kana),
        new("branchCode", "仕向支店番号", 3, ZenginFieldKind.Number),
        new("branchName", "仕向支店名", 15, ZenginFieldKind.Kana),
        new("accountType", "預金種目(依頼人)", 1, ZenginFieldKind.Number),
        new("accountNumber", "口座番号(依頼人)", 7, ZenginFieldKind.Number),
        new("filler", "ダミー", 17, ZenginFieldKind.Filler),
    ];

    /// <summary>総合振込 データ: the 被仕向 (receiving) account, 振込金額, 顧客コード1・2 and 振込指定区分 (7 電信, 8 文書).</summary>
    public static readonly ZenginField[] TransferData =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "2"),
        new("bankCode", "被仕向銀行番号", 4, ZenginFieldKind.Number),
        new("bankName", "被仕向銀行名", 15, ZenginFieldKind.Kana),
        new("branchCode", "被仕向支店番号", 3, ZenginFieldKind.Number),
        new("branchName", "被仕向支店名", 15, ZenginFieldKind.Kana),
        new("clearingHouse", "手形交換所番号", 4, ZenginFieldKind.Filler),
        new("accountType", "預金種目", 1, ZenginFieldKind.Number),
        new("accountNumber", "口座番号", 7, ZenginFieldKind.Number),
        new("payeeName", "受取人名", 30, ZenginFieldKind.Kana),
        new("amount", "振込金額", 10, ZenginFieldKind.Number),
        new("newCode", "新規コード", 1, ZenginFieldKind.Number),
        new("customerCode1", "顧客コード1", 10, ZenginFieldKind.Kana),
        new("customerCode2", "顧客コード2", 10, ZenginFieldKind.Kana),
        new("transferMethod", "振込指定区分", 1, ZenginFieldKind.Number),
        new("ediFlag", "識別表示", 1, ZenginFieldKind.Filler),
        new("filler", "ダミー", 7, ZenginFieldKind.Filler),
    ];

    /// <summary>総合振込 トレーラー: 合計件数 and 合計金額 only.</summary>
    public static readonly ZenginField[] TransferTrailer =
    [
        new("recordType", "データ区分", 1, ZenginFieldKind.Fixed, "8"),
        new("totalCount", "合計件数", 6, ZenginFieldKind.Number),
        new("totalAmount", "合計金額", 12, ZenginFieldKind.Number),
        new("filler", "ダミー", 101, ZenginFieldKind.Filler),
    ];
}
