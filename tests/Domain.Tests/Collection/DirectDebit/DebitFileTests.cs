namespace KosodateShien.Domain.Tests.Collection.DirectDebit;

using System.Text;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;

/// <summary>The 全銀 口座振替 file: 120-byte records with CRLF, written and read back; a bank's answer with every 振替結果コード; faulty files refused whole.</summary>
public class DebitFileTests
{
    public static readonly DebitConsignor Consignor = new("1310400001", "ｼﾝｼﾞﾕｸｸ ﾎｲｸｶ", "0001", "ﾐｽﾞﾎ", "001", "ﾄｳｷﾖｳ", AccountType.Ordinary, "1234567");

    private static DebitFileRecord Record(int i, long amount, DebitResultCode code = DebitResultCode.Debited) =>
        new(BankAccount.Of("0005", "123", AccountType.Ordinary, $"{1000 + i}", $"テスト　タロウ{i}"[..^1] + "ウ", "ミツビシ", "シブヤ"), amount, 0, $"{i:D20}", code);

    private static DebitFile Request(params long[] amounts) => new(Consignor, 4, 27, [.. amounts.Select((a, i) => Record(i + 1, a))], false);

    private static string[] Lines(byte[] bytes) => Encoding.Latin1.GetString(bytes).Split("\r\n");

    [Fact]
    public void a_request_file_is_header_data_trailer_and_end_each_120_bytes_and_crlf()
    {
        var bytes = Request(61_000, 4_500).ToBytes();

        bytes.Length.ShouldBe(5 * 122);
        var lines = Lines(bytes);
        lines.Length.ShouldBe(6);           // the last CRLF leaves an empty tail
        lines[5].ShouldBeEmpty();
        lines[..5].ShouldAllBe(l => l.Length == 120);
        lines[0][..4].ShouldBe("1910");
        lines[0][4..14].ShouldBe("1310400001");
        lines[0][54..58].ShouldBe("0427");                   // 引落日 MMDD
        lines[1][0].ShouldBe('2');
        lines[1][1..5].ShouldBe("0005");
        lines[1][42].ShouldBe('1');                         // 預金種目 普通
        lines[1][43..50].ShouldBe("0001001");                // 口座番号, zero-padded to 7
        lines[1][80..90].ShouldBe("0000061000");             // 引落金額
        lines[1][91..111].ShouldBe("00000000000000000001");  // 顧客番号
        lines[1][111].ShouldBe('0');                         // 振替結果コード: 0 in a request
        lines[3][..19].ShouldBe("8000002000000065500");      // 合計件数 2, 合計金額 65,500
        lines[4][0].ShouldBe('9');
        bytes[1 * 122 + 50].ShouldBe((byte)0xC3);            // 預金者名 starts with ﾃ (0xC3), one byte
    }

    [Fact]
    public void a_file_reads_back_as_it_was_written()
    {
        var request = Request(61_000, 4_500, 12_345);
        var read = DebitFile.Parse(request.ToBytes(), withResults: false);

        read.Consignor.ShouldBe(Consignor);
        (read.DebitMonth, read.DebitDay).ShouldBe((4, 27));
        read.Records.ShouldBe(request.Records);
    }

    [Fact]
    public void a_result_file_carries_every_result_code_and_trailer_totals_of_debited_and_failed()
    {
        var codes = Enum.GetValues<DebitResultCode>();
        var result = new DebitFile(Consignor, 4, 27, [.. codes.Select((c, i) => Record(i + 1, 1_000 * (i + 1), c))], true);

        var read = DebitFile.Parse(result.ToBytes());

        read.Records.Select(r => r.ResultCode).ShouldBe(codes);
        // 0 振替済 is the first record (1,000 yen); the other nine (2,000 … 10,000) failed.
        read.Totals.ShouldBe(new DebitFileTotals(10, 55_000, 1, 1_000, 9, 54_000));
        Lines(result.ToBytes())[11][..55].ShouldBe("8000010000000055000000001000000001000000009000000054000");
    }

    [Fact]
    public void a_record_of_the_wrong_length_is_named_by_its_line()
    {
        var lines = Lines(Request(61_000, 4_500).ToBytes()).ToList();
        lines[2] = lines[2][..118];
        var error = Should.Throw<MalformedFileException>(() => DebitFile.Parse(Encoding.Latin1.GetBytes(string.Join("\r\n", lines))));

        error.Rule.ShouldBe("zengin.malformed");
        error.Errors.ShouldContain(e => e.Line == 3 && e.Field == "record" && e.Message.Contains("118 bytes"));
    }

    [Fact]
    public void faults_in_several_lines_are_all_named_with_their_fields()
    {
        var bytes = new DebitFile(Consignor, 4, 27, [Record(1, 61_000), Record(2, 4_500, DebitResultCode.InsufficientFunds)], true).ToBytes();
        bytes[1 * 122 + 50] = 0x88;                        // line 2, 預金者名: a kanji's first byte
        bytes[2 * 122 + 111] = (byte)'X';                  // line 3, 振替結果コード not a digit
        bytes[3 * 122 + 1] = (byte)'9';                    // line 4, 合計件数 says 900002

        var error = Should.Throw<MalformedFileException>(() => DebitFile.Parse(bytes));

        error.Errors.ShouldContain(e => e.Line == 2 && e.Field == "holderName (預金者名)" && e.Message.Contains("0x88"));
        error.Errors.ShouldContain(e => e.Line == 3 && e.Field == "resultCode (振替結果コード)");
        // Totals are checked only once every record reads; the faulty ones above would make them disagree anyway.
        error.Errors.Count.ShouldBe(2);
    }

    [Fact]
    public void trailer_totals_that_do_not_add_up_are_refused()
    {
        var bytes = new DebitFile(Consignor, 4, 27, [Record(1, 61_000), Record(2, 4_500, DebitResultCode.NoMandate)], true).ToBytes();
        bytes[3 * 122 + 6] = (byte)'3';                    // 合計件数 000003 for two records

        var error = Should.Throw<MalformedFileException>(() => DebitFile.Parse(bytes));

        error.Errors.ShouldHaveSingleItem().ShouldBe(new FileLineError(4, "totalCount (合計件数)", "says 3; the data records add up to 2."));
    }

    [Fact]
    public void a_file_without_end_record_or_crlf_or_in_the_wrong_order_is_refused()
    {
        var lines = Lines(Request(61_000).ToBytes());
        Should.Throw<MalformedFileException>(() => DebitFile.Parse(Encoding.Latin1.GetBytes(string.Join("\r\n", lines[..3]) + "\r\n")))
            .Errors.ShouldContain(e => e.Field == "recordType (データ区分)" && e.Message.Contains("no end record"));
        Should.Throw<MalformedFileException>(() => DebitFile.Parse(Encoding.Latin1.GetBytes(string.Join("\n", lines))))
            .Errors.ShouldContain(e => e.Line == 1 && e.Message.Contains("CRLF"));
        Should.Throw<MalformedFileException>(() => DebitFile.Parse(Encoding.Latin1.GetBytes(string.Join("\r\n", new[] { lines[1], lines[0], lines[2], lines[3], "" }))))
            .Errors.ShouldContain(e => e.Line == 1 && e.Message.Contains("expected the header"));
        Should.Throw<MalformedFileException>(() => DebitFile.Parse([])).Errors.ShouldHaveSingleItem().Field.ShouldBe("file");
    }
}
