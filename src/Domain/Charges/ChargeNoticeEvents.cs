using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Charges;

/// <summary>科目: what a monthly charge is for; the collection side raises a 調定 per payer × month × 科目.</summary>
public enum ChargeSubject
{
    /// <summary>利用者負担額 (保育料)</summary>
    [JsonStringEnumMemberName("userFee")] UserFee,
    /// <summary>副食費</summary>
    [JsonStringEnumMemberName("sideDishFee")] SideDishFee,
    /// <summary>延長保育料</summary>
    [JsonStringEnumMemberName("extendedCareFee")] ExtendedCareFee,
}

/// <summary>One child's part of a charge: the contract it comes from and its amount for the month.</summary>
/// <param name="SourceId">the placement or extended-care contract stream</param>
/// <param name="Reference">契約履歴番号 or the extended-care contract number</param>
public sealed record ChargeLine(Guid ChildId, Guid SourceId, string Reference, long Amount);

/// <summary>
/// 賦課 handed to collection: the amount a payer (納付義務者, the 支給認定保護者) owes for a month under one 科目.
/// Revision 1 is the first notice; a later revision replaces the amount (更正), down to 0 when nothing is owed any more.
/// </summary>
/// <param name="Replaces">the amount of the revision this one replaces, null for the first</param>
public sealed record MonthlyChargeNotified(
    Guid NoticeId,
    Guid PayerId,
    Guid HouseholdId,
    DateOnly Month,
    ChargeSubject Subject,
    long Amount,
    long? Replaces,
    int Revision,
    IReadOnlyList<ChargeLine> Lines);

public static class ChargeSubjects
{
    /// <summary>The 科目 name on notices and in history.</summary>
    public static string JapaneseName(this ChargeSubject subject) => subject switch
    {
        ChargeSubject.UserFee => "利用者負担額",
        ChargeSubject.SideDishFee => "副食費",
        ChargeSubject.ExtendedCareFee => "延長保育料",
        _ => subject.ToString(),
    };
}
