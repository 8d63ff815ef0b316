using System.Globalization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>
/// Reads a 全銀 口座振替 file: CRLF-separated 120-byte records, a header first, data records, a trailer whose totals agree
/// with the data, an end record last. Every fault is collected with its line and field before the file is refused.
/// </summary>
internal sealed class DebitFileParser
{
    private readonly List<FileLineError> errors = [];

    public static DebitFile Parse(ReadOnlySpan<byte> bytes, bool withResults)
    {
        var parser = new DebitFileParser();
        var file = parser.Read(SplitLines(bytes, parser.errors), withResults);
        MalformedFileException.ThrowIfAny(DebitFile.MalformedRule, parser.errors);
        return file!;
    }

    private static List<byte[]> SplitLines(ReadOnlySpan<byte> bytes, List<FileLineError> errors)
    {
        var lines = new List<byte[]>();
        if (bytes.IsEmpty)
        {
            errors.Add(new FileLineError(1, "file", "is empty."));
            return lines;
        }
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf("\r\n"u8);
            if (end < 0)
            {
                errors.Add(new FileLineError(lines.Count + 1, "record", "does not end with CRLF (every 120-byte record is followed by CR LF)."));
                lines.Add(bytes.ToArray());
                break;
            }
            lines.Add(bytes[..end].ToArray());
            bytes = bytes[(end + 2)..];
        }
        return lines;
    }

    private DebitFile? Read(List<byte[]> lines, bool withResults)
    {
        if (lines.Count == 0) return null;
        DebitConsignor? consignor = null;
        int month = 0, day = 0;
        var records = new List<DebitFileRecord>();
        DebitFileTotals? trailer = null;
        var trailerLine = 0;
        var ended = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (line.Length != ZenginLayout.RecordLength)
            {
                Error(number, "record", $"is {line.Length} bytes; a 全銀 record is exactly {ZenginLayout.RecordLength} bytes before its CRLF.");
                continue;
            }
            var type = (char)line[0];
            if (ended)
            {
                Error(number, "recordType (データ区分)", "comes after the end record (データ区分 9); nothing may follow it.");
                continue;
            }
            var layout = type switch { '1' => ZenginLayout.Header, '2' => ZenginLayout.Data, '8' => ZenginLayout.Trailer, '9' => ZenginLayout.End, _ => null };
            if (layout is null)
            {
                Error(number, "recordType (データ区分)", $"is '{(char)line[0]}'; a record is 1 (header), 2 (data), 8 (trailer) or 9 (end).");
                continue;
            }
            var expected = number == 1 ? '1' : trailer is not null ? '9' : '2';
            if (type != expected && !(expected == '2' && type == '8'))
            {
                Error(number, "recordType (データ区分)", $"is {type}; expected {Describe(expected)} here (header, data records, trailer, end).");
                continue;
            }
            if (Fields(number, line, layout) is not { } values) continue;
            switch (type)
            {
                case '1':
                    (consignor, month, day) = ReadHeader(number, values);
                    break;
                case '2':
                    if (ReadData(number, values, withResults) is { } record) records.Add(record);
                    break;
                case '8':
                    trailer = new DebitFileTotals(Int(values[1]), Long(values[2]), Int(values[3]), Long(values[4]), Int(values[5]), Long(values[6]));
                    trailerLine = number;
                    break;
                default:
                    ended = true;
                    break;
            }
        }
        if (lines.Count > 0 && !ended) Error(lines.Count, "recordType (データ区分)", "the file has no end record (データ区分 9) last.");
        if (trailer is null) Error(Math.Max(1, lines.Count), "recordType (データ区分)", "the file has no trailer record (データ区分 8).");
        else if (errors.Count == 0) CheckTotals(trailerLine, trailer, DebitFileTotals.Of(records, withResults), withResults);
        return consignor is null ? null : new DebitFile(consignor, month, day, records, withResults);
    }

    private static string Describe(char type) => type switch { '1' => "the header (1)", '9' => "the end record (9)", _ => "a data record (2) or the trailer (8)" };

    /// <summary>The record's fields as text, or null (with errors) when a byte is not a 全銀 character or a field breaks its kind.</summary>
    private string[]? Fields(int number, byte[] line, ZenginField[] layout)
    {
        var values = new string[layout.Length];
        var at = 0;
        var ok = true;
        for (var f = 0; f < layout.Length; f++)
        {
            var field = layout[f];
            var readable = true;
            var chars = new char[field.Length];
            for (var k = 0; k < field.Length; k++)
            {
                if (BankKana.FromByte(line[at + k]) is { } c) chars[k] = c;
                else
                {
                    Error(number, field.Label, $"byte 0x{line[at + k]:X2} at position {at + k + 1} is not a 全銀 character (Shift_JIS half-width kana, upper-case letters, digits, space).");
                    readable = false;
                    chars[k] = '?';
                }
            }
            at += field.Length;
            var value = new string(chars);
            values[f] = value;
            if (!readable)
            {
                ok = false;
                continue;
            }
            var fault = field.Kind switch
            {
                ZenginFieldKind.Fixed when value != field.Value => $"is '{value}'; it must be '{field.Value}'.",
                ZenginFieldKind.Number when !value.All(char.IsAsciiDigit) => $"is '{value.TrimEnd()}'; it must be {field.Length} digits.",
                ZenginFieldKind.Kana when !value.All(BankKana.IsAllowed) => $"'{value.TrimEnd()}' holds a character a 全銀 name field does not allow.",
                _ => null,
            };
            if (fault is not null)
            {
                Error(number, field.Label, fault);
                ok = false;
            }
        }
        return ok ? values : null;
    }

    private (DebitConsignor, int, int) ReadHeader(int number, string[] v)
    {
        var (month, day) = (Int(v[5][..2]), Int(v[5][2..]));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2024, month)) Error(number, "debitDate (引落日)", $"'{v[5]}' is not a date (MMDD).");
        var accountType = Int(v[10]);
        if (!Enum.IsDefined((AccountType)accountType)) Error(number, "accountType (預金種目(委託者))", $"'{v[10]}' is not 1, 2, 4 or 9.");
        return (new DebitConsignor(v[3], v[4].TrimEnd(), v[6], v[7].TrimEnd(), v[8], v[9].TrimEnd(), (AccountType)accountType, v[11]), month, day);
    }

    private DebitFileRecord? ReadData(int number, string[] v, bool withResults)
    {
        var ok = true;
        var accountType = Int(v[6]);
        if (!Enum.IsDefined((AccountType)accountType))
        {
            Error(number, "accountType (預金種目)", $"'{v[6]}' is not 1, 2, 4 or 9.");
            ok = false;
        }
        var amount = Long(v[9]);
        if (amount == 0)
        {
            Error(number, "amount (引落金額)", "is zero; a data record draws at least 1 yen.");
            ok = false;
        }
        var newCode = Int(v[10]);
        if (newCode is not (0 or 1 or 2))
        {
            Error(number, "newCode (新規コード)", $"is {newCode}; it is 1 (第1回), 2 (変更) or 0 (その他).");
            ok = false;
        }
        var code = (DebitResultCode)Int(v[12]);
        if (!withResults && code != DebitResultCode.Debited)
        {
            Error(number, "resultCode (振替結果コード)", "must be 0 in a request file.");
            ok = false;
        }
        if (!ok) return null;
        var account = new BankAccount(v[1], v[3], (AccountType)accountType, v[7], v[8].TrimEnd(), v[2].TrimEnd(), v[4].TrimEnd());
        return new DebitFileRecord(account, amount, newCode, v[11], code);
    }

    private void CheckTotals(int number, DebitFileTotals stated, DebitFileTotals counted, bool withResults)
    {
        Compare("totalCount (合計件数)", stated.Count, counted.Count);
        Compare("totalAmount (合計金額)", stated.Amount, counted.Amount);
        if (!withResults) return;
        Compare("debitedCount (振替済件数)", stated.DebitedCount, counted.DebitedCount);
        Compare("debitedAmount (振替済金額)", stated.DebitedAmount, counted.DebitedAmount);
        Compare("failedCount (振替不能件数)", stated.FailedCount, counted.FailedCount);
        Compare("failedAmount (振替不能金額)", stated.FailedAmount, counted.FailedAmount);

        void Compare(string field, long inFile, long fromRecords)
        {
            if (inFile != fromRecords) Error(number, field, $"says {inFile}; the data records add up to {fromRecords}.");
        }
    }

    private void Error(int line, string field, string message) => errors.Add(new FileLineError(line, field, message));

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    private static long Long(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
