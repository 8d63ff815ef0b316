using System.Text.Json.Serialization;
using KosodateShien.Domain.Charges;

namespace KosodateShien.Domain.Collection;

/// <summary>科目 of a 調定 (what the money is owed for).</summary>
public enum CollectionSubject
{
    /// <summary>利用者負担額 (保育料)</summary>
    [JsonStringEnumMemberName("userFee")] UserFee,
    /// <summary>副食費</summary>
    [JsonStringEnumMemberName("sideDish")] SideDish,
    /// <summary>主食費</summary>
    [JsonStringEnumMemberName("stapleFood")] StapleFood,
    /// <summary>延長保育料</summary>
    [JsonStringEnumMemberName("extendedCare")] ExtendedCare,
    /// <summary>その他</summary>
    [JsonStringEnumMemberName("other")] Other,
    /// <summary>督促手数料</summary>
    [JsonStringEnumMemberName("dunningFee")] DunningFee,
    /// <summary>延滞金</summary>
    [JsonStringEnumMemberName("lateFee")] LateFee,
}

/// <summary>収納経路: how a payment reached the treasury.</summary>
public enum PaymentChannel
{
    /// <summary>口座振替</summary>
    [JsonStringEnumMemberName("directDebit")] DirectDebit,
    /// <summary>納付書 (金融機関の窓口で納付)</summary>
    [JsonStringEnumMemberName("slip")] Slip,
    /// <summary>窓口 (役所の窓口で納付)</summary>
    [JsonStringEnumMemberName("counter")] Counter,
    /// <summary>コンビニ収納 (納付書のバーコードで、収納代行業者を通して)</summary>
    [JsonStringEnumMemberName("convenience")] Convenience,
    /// <summary>スマートフォン決済 (〇〇Pay: 納付書のバーコードを読み取って、収納代行業者を通して)</summary>
    [JsonStringEnumMemberName("mobilePay")] MobilePay,
}

public static class CollectionSubjects
{
    /// <summary>The 科目 a fee notice (賦課通知) is collected under.</summary>
    public static CollectionSubject From(ChargeSubject subject) => subject switch
    {
        ChargeSubject.UserFee => CollectionSubject.UserFee,
        ChargeSubject.SideDishFee => CollectionSubject.SideDish,
        ChargeSubject.ExtendedCareFee => CollectionSubject.ExtendedCare,
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };

    public static string JapaneseName(this CollectionSubject subject) => subject switch
    {
        CollectionSubject.UserFee => "利用者負担額",
        CollectionSubject.SideDish => "副食費",
        CollectionSubject.StapleFood => "主食費",
        CollectionSubject.ExtendedCare => "延長保育料",
        CollectionSubject.Other => "その他",
        CollectionSubject.DunningFee => "督促手数料",
        CollectionSubject.LateFee => "延滞金",
        _ => subject.ToString(),
    };
}
