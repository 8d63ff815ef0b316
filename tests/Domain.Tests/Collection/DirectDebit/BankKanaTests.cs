namespace KosodateShien.Domain.Tests.Collection.DirectDebit;

using KosodateShien.Domain.Collection.DirectDebit;

/// <summary>Names as a bank file writes them: half-width katakana, voiced marks apart, small kana large, one Shift_JIS byte each.</summary>
public class BankKanaTests
{
    [Theory]
    [InlineData("ヤマダ　タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ")]
    [InlineData("すずき　じょうじ", "ｽｽﾞｷ ｼﾞﾖｳｼﾞ")]
    [InlineData("ガッコウ", "ｶﾞﾂｺｳ")]
    [InlineData("パーク", "ﾊﾟ-ｸ")]
    [InlineData("ｻﾄｳ ﾊﾅｺ", "ｻﾄｳ ﾊﾅｺ")]
    [InlineData("ヴィクター　ｊｒ．", "ｳﾞｲｸﾀ- JR.")]
    public void names_become_zengin_characters(string name, string expected) => BankKana.From(name).ShouldBe(expected);

    [Theory]
    [InlineData("山田")]
    [InlineData("ヤマダ＠")]
    [InlineData("ヤマダ、タロウ")]
    public void a_name_with_a_character_no_bank_file_holds_is_refused(string name) => BankKana.From(name).ShouldBeNull();

    [Fact]
    public void half_width_katakana_are_the_single_bytes_a1_to_df_and_back()
    {
        BankKana.ToByte('ｱ').ShouldBe((byte)0xB1);
        BankKana.ToByte('ﾞ').ShouldBe((byte)0xDE);
        BankKana.ToByte('A').ShouldBe((byte)0x41);
        BankKana.FromByte(0xB1).ShouldBe('ｱ');
        BankKana.FromByte(0xDF).ShouldBe('ﾟ');
        BankKana.FromByte(0x88).ShouldBeNull();   // first byte of a double-byte kanji
        BankKana.FromByte(0x0D).ShouldBeNull();
    }
}
