using System.Text;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>
/// 全銀 characters: the half-width katakana, upper-case letters, digits, space and the few symbols bank files allow, each one
/// Shift_JIS byte. Names arrive in full-width katakana or hiragana (as the registry keeps フリガナ); they are brought to that
/// set here: voiced kana split into kana + ﾞ/ﾟ, small kana written large (ｯ → ﾂ), as banks register 口座名義.
/// </summary>
public static class BankKana
{
    private const string Symbols = " ().-/";

    // Full-width katakana ァ (U+30A1) … ヶ (U+30F6) to their half-width spelling, in code point order.
    private static readonly string[] FromKatakana =
    [
        "ｱ", "ｱ", "ｲ", "ｲ", "ｳ", "ｳ", "ｴ", "ｴ", "ｵ", "ｵ", "ｶ", "ｶﾞ", "ｷ", "ｷﾞ", "ｸ", "ｸﾞ", "ｹ", "ｹﾞ", "ｺ", "ｺﾞ",
        "ｻ", "ｻﾞ", "ｼ", "ｼﾞ", "ｽ", "ｽﾞ", "ｾ", "ｾﾞ", "ｿ", "ｿﾞ", "ﾀ", "ﾀﾞ", "ﾁ", "ﾁﾞ", "ﾂ", "ﾂ", "ﾂﾞ", "ﾃ", "ﾃﾞ", "ﾄ", "ﾄﾞ",
        "ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ", "ﾊ", "ﾊﾞ", "ﾊﾟ", "ﾋ", "ﾋﾞ", "ﾋﾟ", "ﾌ", "ﾌﾞ", "ﾌﾟ", "ﾍ", "ﾍﾞ", "ﾍﾟ", "ﾎ", "ﾎﾞ", "ﾎﾟ",
        "ﾏ", "ﾐ", "ﾑ", "ﾒ", "ﾓ", "ﾔ", "ﾔ", "ﾕ", "ﾕ", "ﾖ", "ﾖ", "ﾗ", "ﾘ", "ﾙ", "ﾚ", "ﾛ", "ﾜ", "ﾜ", "ｲ", "ｴ", "ｦ", "ﾝ", "ｳﾞ", "ｶ", "ｹ",
    ];

    // Half-width small kana ｧ (U+FF67) … ｯ (U+FF6F) written large.
    private const string SmallToLarge = "ｱｲｳｴｵﾔﾕﾖﾂ";

    /// <summary>The text in 全銀 characters, or null when it holds a character that has none (kanji, lower-case, other symbols).</summary>
    public static string? From(string text)
    {
        var result = new StringBuilder(text.Length + 4);
        foreach (var raw in text.Normalize(NormalizationForm.FormC))
        {
            var c = raw;
            if (c is >= 'ぁ' and <= 'ゖ') c = (char)(c + ('ァ' - 'ぁ'));
            if (c is >= '！' and <= '～') c = (char)(c - ('！' - '!'));
            if (c == '　') c = ' ';
            if (c is >= 'a' and <= 'z') c = char.ToUpperInvariant(c);
            if (c is >= 'ァ' and <= 'ヶ') result.Append(FromKatakana[c - 'ァ']);
            else if (c is >= 'ｧ' and <= 'ｯ') result.Append(SmallToLarge[c - 'ｧ']);
            else if (c is 'ー' or '－' or '-' or 'ｰ') result.Append('-');
            else if (c is 'ﾞ' or 'ﾟ' or '゛' or '゜') result.Append(c is 'ﾞ' or '゛' ? 'ﾞ' : 'ﾟ');
            else if (IsAllowed(c)) result.Append(c);
            else return null;
        }
        return result.ToString();
    }

    /// <summary>Whether a character is one a 全銀 kana field may hold.</summary>
    public static bool IsAllowed(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'ｦ' and <= 'ﾟ' || Symbols.Contains(c);

    /// <summary>The Shift_JIS byte of a 全銀 character (ASCII as is, half-width katakana U+FF61–FF9F as 0xA1–0xDF).</summary>
    public static byte ToByte(char c) => c is >= '｡' and <= 'ﾟ' ? (byte)(c - '｡' + 0xA1) : (byte)c;

    /// <summary>The character of a Shift_JIS byte a 全銀 file may hold, or null for any other byte.</summary>
    public static char? FromByte(byte b) => b switch
    {
        >= 0x20 and <= 0x7E => (char)b,
        >= 0xA1 and <= 0xDF => (char)('｡' + (b - 0xA1)),
        _ => null,
    };
}
