namespace KosodateShien.Domain.Tests.Collection;

using System.Text;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.Receipts;
using KosodateShien.Domain.Common;

/// <summary>納付書・コンビニ収納データ (CSV): headers in English or Japanese, BOM, CRLF/LF, Shift_JIS; every faulty line and field named.</summary>
public class ReceiptFileTests
{
    private static readonly DateOnly Today = new(2025, 9, 30);

    private static IReadOnlyList<ReceiptLine> Parse(string text, ReceiptFileEncoding encoding = ReceiptFileEncoding.Utf8) =>
        ReceiptFile.Parse(encoding == ReceiptFileEncoding.Utf8 ? Encoding.UTF8.GetBytes(text) : ShiftJis.GetBytes(text), encoding, Today);

    private static Encoding ShiftJis
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932);
        }
    }

    private static IReadOnlyList<FileLineError> Refused(string text)
    {
        var error = Should.Throw<MalformedFileException>(() => Parse(text));
        error.Rule.ShouldBe(ReceiptFile.MalformedRule);
        return error.Errors;
    }

    [Fact]
    public void an_english_header_with_crlf_gives_one_receipt_per_line_slip_by_default()
    {
        var lines = Parse("collectionNumber,paidOn,bookedOn,amount,channel,receiptNumber\r\n"
            + "C20250000001,2025-07-25,2025-07-28,30000,convenience,CVS-0001\r\n"
            + "C20250000002,20250820,20250821,5000,,\r\n");

        lines.ShouldBe([
            new ReceiptLine(2, "C20250000001", new DateOnly(2025, 7, 25), new DateOnly(2025, 7, 28), 30_000, PaymentChannel.Convenience, "CVS-0001"),
            new ReceiptLine(3, "C20250000002", new DateOnly(2025, 8, 20), new DateOnly(2025, 8, 21), 5_000, PaymentChannel.Slip, null),
        ]);
    }

    [Fact]
    public void a_japanese_header_in_any_order_with_bom_lf_quotes_and_separators_is_read()
    {
        var lines = Parse("\uFEFF金額,日計日,納付日,徴収番号,収納経路\n\"1,234,000\",2025/08/01,2025/7/31,C20250000003,コンビニ\n\n");

        lines.ShouldHaveSingleItem().ShouldBe(new ReceiptLine(2, "C20250000003", new DateOnly(2025, 7, 31), new DateOnly(2025, 8, 1), 1_234_000,
            PaymentChannel.Convenience, null));
    }

    [Fact]
    public void a_shift_jis_file_is_read_with_its_encoding_and_refused_as_utf8()
    {
        const string text = "徴収番号,納付日,日計日,金額,収納経路,領収番号\r\nC20250000004,2025-09-01,2025-09-02,4500,スマホ決済,ﾍﾟｲ-01\r\n";

        Parse(text, ReceiptFileEncoding.ShiftJis).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            l => l.Channel.ShouldBe(PaymentChannel.MobilePay),
            l => l.ReceiptNumber.ShouldBe("ﾍﾟｲ-01"));
        var error = Should.Throw<MalformedFileException>(() => ReceiptFile.Parse(ShiftJis.GetBytes(text), ReceiptFileEncoding.Utf8, Today));
        error.Errors.ShouldContain(e => e.Line == 1 && e.Field == "file" && e.Message.Contains("shift_jis"));
    }

    [Fact]
    public void every_faulty_line_and_field_is_named()
    {
        var errors = Refused("collectionNumber,paidOn,bookedOn,amount,channel,receiptNumber\n"
            + "C1,2025-07-32,2025-08-01,1000,slip,R1\n"          // 2: no such day
            + "C2,2025-08-10,2025-08-09,1000,slip,R2\n"          // 3: 日計日 before 納付日
            + "C3,2025-10-01,2025-10-01,1000,slip,R3\n"          // 4: 納付日 and 日計日 in the future
            + "C4,2025-08-10,2025-08-10,0,slip,R4\n"             // 5: nothing paid
            + "C5,2025-08-10,2025-08-10,-500,slip,R5\n"          // 6: negative
            + "C6,2025-08-10,2025-08-10,1000.5,slip,R6\n"        // 7: not whole yen
            + "C7,2025-08-10,2025-08-10,1000,slip\n"             // 8: a field short
            + "C8,2025-08-10,2025-08-10,1000,directDebit,R8\n"   // 9: 口座振替 is not a receipt
            + ",2025-08-10,2025-08-10,1000,slip,R1\n");          // 10: no 徴収番号, 領収番号 of line 2 again

        errors.Select(e => $"{e.Line}: {e.Field}").ShouldBe([
            "2: paidOn (納付日)",
            "3: bookedOn (日計日)",
            "4: paidOn (納付日)",
            "4: bookedOn (日計日)",
            "5: amount (金額)",
            "6: amount (金額)",
            "7: amount (金額)",
            "8: columns",
            "9: channel (収納経路)",
            "10: collectionNumber (徴収番号)",
            "10: receiptNumber (領収番号)",
        ]);
        errors.Single(e => e.Line == 10 && e.Field.StartsWith("receiptNumber")).Message.ShouldContain("line 2");
    }

    [Fact]
    public void a_missing_header_missing_columns_or_an_empty_file_is_refused()
    {
        Refused("C1,2025-08-10,2025-08-10,1000\n").ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Field.ShouldBe("header"), e => e.Message.ShouldContain("is missing"));
        Refused("collectionNumber,paidOn,amount,memo\nC1,2025-08-10,1000,x\n").Select(e => (e.Line, e.Message)).ShouldBe([
            (1, "names 'memo', which is not a column of a receipt file (collectionNumber, paidOn, bookedOn, amount, channel, receiptNumber)."),
            (1, "has no bookedOn (日計日) column."),
        ]);
        Refused("\uFEFF\r\n  \r\n").ShouldHaveSingleItem().ShouldBe(new FileLineError(1, "file", "is empty; a receipt file has a header row and a line per receipt."));
        Refused("徴収番号,納付日,日計日,金額\r\n").ShouldHaveSingleItem().Message.ShouldBe("has a header but no receipts.");
    }

    [Fact]
    public void matching_names_every_collection_number_without_a_charge_even_on_lines_faulty_otherwise()
    {
        var reading = ReceiptFile.Read(Encoding.UTF8.GetBytes("徴収番号,納付日,日計日,金額\nC1,2025-08-10,2025-08-10,1000\nC9,2025-08-10,2025-08-10,x\nC1,2025-08-11,2025-08-11,2000\n"),
            ReceiptFileEncoding.Utf8, Today);
        var charge = Charge.Evolve(null, Charge.Assess("C1", Guid.NewGuid(), null, CollectionSubject.UserFee, new DateOnly(2025, 8, 1), 3_000, new DateOnly(2025, 8, 31),
            new DateOnly(2025, 7, 1), ChargeSource.Manual, 1))!;

        var error = Should.Throw<MalformedFileException>(() => ReceiptImport.Match(reading, new Dictionary<string, Charge> { ["C1"] = charge }));
        error.Errors.Select(e => $"{e.Line}: {e.Field}").ShouldBe(["3: amount (金額)", "3: collectionNumber (徴収番号)"]);

        var good = ReceiptFile.Read(Encoding.UTF8.GetBytes("徴収番号,納付日,日計日,金額\nC1,2025-08-10,2025-08-10,1000\nC1,2025-08-11,2025-08-11,2000\n"),
            ReceiptFileEncoding.Utf8, Today);
        ReceiptImport.Match(good, new Dictionary<string, Charge> { ["C1"] = charge }).Select(m => (m.Receipt.Amount, m.Charge.Id)).ShouldBe([(1_000L, charge.Id), (2_000L, charge.Id)]);
    }

    [Fact]
    public void the_same_file_gets_the_same_import_id()
    {
        var bytes = Encoding.UTF8.GetBytes("徴収番号,納付日,日計日,金額\nC1,2025-08-10,2025-08-10,1000\n");
        ReceiptImport.IdFor(ReceiptImport.Hash(bytes)).ShouldBe(ReceiptImport.IdFor(ReceiptImport.Hash((byte[])bytes.Clone())));
        ReceiptImport.IdFor(ReceiptImport.Hash(bytes)).ShouldNotBe(ReceiptImport.IdFor(ReceiptImport.Hash([.. bytes, (byte)'\n'])));
    }
}
