using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>振替結果コード of a 全銀 口座振替 data record (REFERENCE.md §7).</summary>
public enum DebitResultCode
{
    /// <summary>0 振替済</summary>
    [JsonStringEnumMemberName("debited")] Debited = 0,
    /// <summary>1 資金不足</summary>
    [JsonStringEnumMemberName("insufficientFunds")] InsufficientFunds = 1,
    /// <summary>2 取引なし (no such account)</summary>
    [JsonStringEnumMemberName("noAccount")] NoAccount = 2,
    /// <summary>3 預金者の都合による振替停止</summary>
    [JsonStringEnumMemberName("stoppedByDepositor")] StoppedByDepositor = 3,
    /// <summary>4 預金口座振替依頼書なし</summary>
    [JsonStringEnumMemberName("noMandate")] NoMandate = 4,
    /// <summary>5: not assigned by the format; taken as 振替不能 (その他)</summary>
    [JsonStringEnumMemberName("unassigned5")] Unassigned5 = 5,
    /// <summary>6: not assigned by the format; taken as 振替不能 (その他)</summary>
    [JsonStringEnumMemberName("unassigned6")] Unassigned6 = 6,
    /// <summary>7: not assigned by the format; taken as 振替不能 (その他)</summary>
    [JsonStringEnumMemberName("unassigned7")] Unassigned7 = 7,
    /// <summary>8 委託者の都合による振替停止</summary>
    [JsonStringEnumMemberName("stoppedByConsignor")] StoppedByConsignor = 8,
    /// <summary>9 その他</summary>
    [JsonStringEnumMemberName("other")] Other = 9,
}

public static class DebitResultCodes
{
    /// <summary>不能事由: what the code means, in the words of the format.</summary>
    public static string Reason(this DebitResultCode code) => code switch
    {
        DebitResultCode.Debited => "振替済",
        DebitResultCode.InsufficientFunds => "資金不足",
        DebitResultCode.NoAccount => "取引なし",
        DebitResultCode.StoppedByDepositor => "預金者の都合による振替停止",
        DebitResultCode.NoMandate => "預金口座振替依頼書なし",
        DebitResultCode.StoppedByConsignor => "委託者の都合による振替停止",
        DebitResultCode.Other => "その他",
        _ => $"その他 (コード{(int)code})",
    };

    /// <summary>
    /// Whether the bank says the account or its 依頼書 is gone (2 取引なし, 3 預金者の都合による振替停止, 4 依頼書なし): drawing
    /// again would fail the same way, so the 口座振替 ends and the payer is asked for a new 口座振替依頼書.
    /// </summary>
    public static bool EndsMandate(this DebitResultCode code) =>
        code is DebitResultCode.NoAccount or DebitResultCode.StoppedByDepositor or DebitResultCode.NoMandate;
}
