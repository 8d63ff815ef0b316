using System.Text;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>BENEFITS.md §7 E11: the 全銀 総合振込 file (種別コード 21) byte for byte, checked against .NET's own Shift_JIS encoder.</summary>
public class TransferFileTests
{
    private static readonly DebitConsignor Ward = new("1234567890", "ｼﾝｼﾞﾕｸｸ", "0123", "ﾃｽﾄｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝ", AccountType.Ordinary, "1234567");

    private static readonly BankAccount TestNursery = BankAccount.Of("0456", "012", AccountType.Ordinary, "7654321", "ﾌｸ)ﾃｽﾄﾎｲｸｶｲ", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "ｼﾝｼﾞﾕｸ");
    private static readonly BankAccount SecondFacility = BankAccount.Of("0789", "345", AccountType.Current, "0012345", "ｶ)ｻﾝﾌﾟﾙｺﾄﾞﾓｴﾝ", "ﾐﾎﾝｷﾞﾝｺｳ", "ﾖﾂﾔ");

    static TransferFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Spaces(int n) => new(' ', n);

    [Fact]
    public void e11_two_facility_payments_on_june_20_are_written_as_the_bank_expects()
    {
        var file = new TransferFile(Ward, new DateOnly(2026, 6, 20),
            [new TransferRecord(TestNursery, 5_947_680, "2026060001"), new TransferRecord(SecondFacility, 5_089_380, "2026060002")]);

        string[] expected =
        [
            $"12101234567890ｼﾝｼﾞﾕｸｸ{Spaces(33)}06200123ﾃｽﾄｷﾞﾝｺｳ{Spaces(7)}001ﾎﾝﾃﾝ{Spaces(11)}11234567{Spaces(17)}",
            $"20456ｻﾝﾌﾟﾙｷﾞﾝｺｳ{Spaces(5)}012ｼﾝｼﾞﾕｸ{Spaces(9)}{Spaces(4)}17654321ﾌｸ)ﾃｽﾄﾎｲｸｶｲ{Spaces(19)}000594768002026060001{Spaces(10)}7{Spaces(8)}",
            $"20789ﾐﾎﾝｷﾞﾝｺｳ{Spaces(7)}345ﾖﾂﾔ{Spaces(12)}{Spaces(4)}20012345ｶ)ｻﾝﾌﾟﾙｺﾄﾞﾓｴﾝ{Spaces(17)}000508938002026060002{Spaces(10)}7{Spaces(8)}",
            $"8000002000011037060{Spaces(101)}",
            $"9{Spaces(119)}",
        ];
        var shiftJis = Encoding.GetEncoding("shift_jis");
        expected.ShouldAllBe(line => shiftJis.GetByteCount(line) == 120);

        file.ToBytes().ShouldBe(shiftJis.GetBytes(string.Concat(expected.Select(line => line + "\r\n"))));
        file.TotalAmount.ShouldBe(11_037_060);
    }

    [Fact]
    public void an_amount_the_format_cannot_carry_is_refused_naming_the_record() =>
        ShouldBreakRule(() => new TransferFile(Ward, new DateOnly(2026, 6, 20), [new TransferRecord(TestNursery, 0, "1")]).ToBytes(), "transfer.amount")
            .Field.ShouldBe("records[0].amount");

    [Fact]
    public void a_character_outside_the_zengin_set_is_refused_rather_than_written_as_a_wrong_byte() =>
        ShouldBreakRule(() => new TransferFile(Ward, new DateOnly(2026, 6, 20), [new TransferRecord(TestNursery, 1, "請求1")]).ToBytes(), "zengin.character");
}
