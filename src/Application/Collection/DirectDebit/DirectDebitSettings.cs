using KosodateShien.Domain.Collection.DirectDebit;
using Microsoft.Extensions.Configuration;

namespace KosodateShien.Application.Collection.DirectDebit;

/// <summary>
/// The 委託者 the ward is to its bank (委託者コード, 委託者名カナ, 取引銀行・支店, 口座), from configuration
/// (<c>Collection:DirectDebit:*</c>). The defaults are dummy values for development and tests, as the bank issues the real ones.
/// </summary>
public static class DirectDebitSettings
{
    public static DebitConsignor ConsignorFrom(IConfiguration configuration) => ConsignorFrom(configuration, "Collection:DirectDebit");

    /// <summary>The 委託者 from a configuration section (the 口座振替 one, or <c>FacilityPayments:Transfer</c> for the 総合振込).</summary>
    public static DebitConsignor ConsignorFrom(IConfiguration configuration, string sectionName)
    {
        var section = configuration.GetSection(sectionName);
        string Value(string key, string fallback) => section[key] ?? fallback;
        var nameKana = BankKana.From(Value("ConsignorName", "デモク　ホイクカ"))
            ?? throw new InvalidOperationException($"{sectionName}:ConsignorName must be katakana (it is written in a bank file).");
        var account = BankAccount.Of(Value("BankCode", "9999"), Value("BranchCode", "001"), Enum.Parse<AccountType>(Value("AccountType", "Ordinary")),
            Value("AccountNumber", "0000001"), nameKana, Value("BankName", "デモギンコウ"), Value("BranchName", "ホンテン"));
        var code = Value("ConsignorCode", "9999000001");
        if (code.Length != 10 || !code.All(char.IsAsciiDigit)) throw new InvalidOperationException($"{sectionName}:ConsignorCode is 10 digits.");
        return new DebitConsignor(code, nameKana, account.BankCode, account.BankNameKana, account.BranchCode, account.BranchNameKana, account.Type, account.Number);
    }
}
