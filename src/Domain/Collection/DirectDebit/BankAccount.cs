using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>預金種目 (全銀 code: 1 普通, 2 当座, 4 貯蓄, 9 その他).</summary>
public enum AccountType
{
    /// <summary>普通預金</summary>
    [JsonStringEnumMemberName("ordinary")] Ordinary = 1,
    /// <summary>当座預金</summary>
    [JsonStringEnumMemberName("current")] Current = 2,
    /// <summary>貯蓄預金</summary>
    [JsonStringEnumMemberName("savings")] Savings = 4,
    /// <summary>その他</summary>
    [JsonStringEnumMemberName("other")] Other = 9,
}

/// <summary>
/// 振替口座: the account a 口座振替 draws on, as the 全銀 file carries it.
/// </summary>
/// <param name="BankCode">金融機関コード (4 digits)</param>
/// <param name="BranchCode">支店コード (3 digits)</param>
/// <param name="Type">預金種目</param>
/// <param name="Number">口座番号 (7 digits)</param>
/// <param name="HolderKana">口座名義カナ (全銀 characters, at most 30)</param>
/// <param name="BankNameKana">金融機関名カナ (at most 15; may be blank, banks fill it)</param>
/// <param name="BranchNameKana">支店名カナ (at most 15; may be blank)</param>
public sealed record BankAccount(string BankCode, string BranchCode, AccountType Type, [property: PersonalData] string Number, [property: PersonalData] string HolderKana, string BankNameKana = "",
    string BranchNameKana = "")
{
    /// <summary>
    /// The account with its names brought to 全銀 characters; a field that cannot be written in a bank file is refused with
    /// its name.
    /// </summary>
    public static BankAccount Of(string bankCode, string branchCode, AccountType type, string number, string holderKana, string? bankNameKana = null,
        string? branchNameKana = null)
    {
        Digits(bankCode, 4, "account.bankCode", "金融機関コード");
        Digits(branchCode, 3, "account.branchCode", "支店コード");
        if (!Enum.IsDefined(type)) throw new DomainRuleException("account.type", "預金種目 is ordinary, current, savings or other.", "account.type");
        // 口座番号 of fewer than 7 digits are written with leading zeros, as on the 依頼書.
        if (number.Length is < 1 or > 7 || !number.All(char.IsAsciiDigit))
            throw new DomainRuleException("account.number", "口座番号 is 1 to 7 digits.", "account.number");
        return new BankAccount(bankCode, branchCode, type, number.PadLeft(7, '0'), Kana(holderKana, 30, "account.holderKana", "口座名義カナ", required: true),
            Kana(bankNameKana ?? "", 15, "account.bankNameKana", "金融機関名カナ"), Kana(branchNameKana ?? "", 15, "account.branchNameKana", "支店名カナ"));
    }

    private static void Digits(string value, int length, string field, string name)
    {
        if (value.Length != length || !value.All(char.IsAsciiDigit))
            throw new DomainRuleException(field, $"{name} is {length} digits.", field);
    }

    private static string Kana(string value, int max, string field, string name, bool required = false)
    {
        var kana = BankKana.From(value.Trim());
        if (kana is null)
            throw new DomainRuleException(field, $"{name} must be katakana, hiragana, upper-case letters, digits, spaces or ().-/ (no kanji).", field);
        if (required && kana.Length == 0) throw new DomainRuleException(field, $"{name} is required.", field);
        if (kana.Length > max)
            throw new DomainRuleException(field, $"{name} is at most {max} half-width characters in a bank file (voiced kana count twice): {kana.Length}.", field);
        return kana;
    }
}
