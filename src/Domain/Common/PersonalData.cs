namespace KosodateShien.Domain.Common;

/// <summary>
/// 個人情報: a text property holding a person's or household's personal data (氏名, フリガナ, 住所, 連絡先, 口座). The event store
/// writes it encrypted with the key of its <see cref="DataSubjectAttribute">data subject</see>, so erasing the subject
/// (deleting the key) makes it unreadable everywhere at once; it then reads as <see cref="PersonalData.Erased"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>
/// 本人: the property naming whose personal data the record (and the records nested in it) carries. A personal-data text with
/// no data subject around it (a facility's address) is stored as it is.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataSubjectAttribute : Attribute;

public static class PersonalData
{
    /// <summary>消去済み: what an erased personal-data field reads as, in views, history and exports.</summary>
    public const string Erased = "（消去済み）";

    public static bool IsErased(string? value) => value == Erased;
}
