using System.Globalization;
using System.Text;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.Receipts;

/// <summary>The character encoding of a receipt file.</summary>
public enum ReceiptFileEncoding
{
    /// <summary>UTF-8 (a BOM is allowed)</summary>
    Utf8,
    /// <summary>Shift_JIS (Windows code page 932, as older bank and 収納代行 systems write it)</summary>
    ShiftJis,
}

/// <summary>One receipt of a file: a payment (収納) on the charge with this 徴収番号.</summary>
/// <param name="Line">the line of the file (1-based; the header is line 1)</param>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Amount">金額 (納付額)</param>
/// <param name="Channel">収納経路 (納付書 when the file does not say)</param>
/// <param name="ReceiptNumber">領収番号 (収納番号) given by the bank or the 収納代行業者</param>
public sealed record ReceiptLine(int Line, string CollectionNumber, DateOnly PaidOn, DateOnly BookedOn, long Amount, PaymentChannel Channel, string? ReceiptNumber);

/// <summary>
/// What a receipt file holds: the receipts that could be read, every fault found (nothing may be imported while there is
/// one), and the 徴収番号 of every line, faulty or not, so that each can be looked up.
/// </summary>
public sealed record ReceiptFileReading(IReadOnlyList<ReceiptLine> Lines, IReadOnlyList<FileLineError> Errors, IReadOnlyDictionary<int, string> CollectionNumbers);

/// <summary>
/// 納付書・コンビニ収納データ: a CSV file of receipts (from the 指定金融機関, the 収納代行業者 of the convenience stores and Pay
/// apps, or the treasury's own 日計). A header row names the columns, in English or Japanese, in any order:
/// <c>collectionNumber</c> (徴収番号), <c>paidOn</c> (納付日), <c>bookedOn</c> (日計日), <c>amount</c> (金額) and, optionally,
/// <c>channel</c> (収納経路) and <c>receiptNumber</c> (領収番号/収納番号). Dates are YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD;
/// amounts whole yen. Lines end with CRLF or LF; blank lines are passed over. Every fault is collected with its line and field.
/// </summary>
public static class ReceiptFile
{
    public const string MalformedRule = "receipts.malformed";

    /// <summary>The largest amount one receipt may carry (as a payment entered by hand).</summary>
    public const long MaxAmount = 100_000_000;

    public const int MaxReceiptNumberLength = 50;

    /// <summary>The columns, each with its field name in errors and the header names it is known by.</summary>
    private static readonly (string Name, string Field, bool Required, string[] Aliases)[] Columns =
    [
        ("collectionNumber", "collectionNumber (徴収番号)", true, ["徴収番号"]),
        ("paidOn", "paidOn (納付日)", true, ["納付日", "収納日"]),
        ("bookedOn", "bookedOn (日計日)", true, ["日計日"]),
        ("amount", "amount (金額)", true, ["金額", "納付額", "収納額"]),
        ("channel", "channel (収納経路)", false, ["収納経路", "納付経路"]),
        ("receiptNumber", "receiptNumber (領収番号)", false, ["領収番号", "収納番号"]),
    ];

    /// <summary>The 収納経路 a file may name, in English or Japanese. 口座振替 comes in the bank's 振替結果, not here.</summary>
    private static readonly Dictionary<string, PaymentChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["slip"] = PaymentChannel.Slip, ["納付書"] = PaymentChannel.Slip, ["金融機関"] = PaymentChannel.Slip,
        ["counter"] = PaymentChannel.Counter, ["窓口"] = PaymentChannel.Counter,
        ["convenience"] = PaymentChannel.Convenience, ["コンビニ"] = PaymentChannel.Convenience, ["コンビニ収納"] = PaymentChannel.Convenience,
        ["mobilePay"] = PaymentChannel.MobilePay, ["pay"] = PaymentChannel.MobilePay, ["スマホ決済"] = PaymentChannel.MobilePay,
        ["スマートフォン決済"] = PaymentChannel.MobilePay,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy/M/d"];

    static ReceiptFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the file, refusing it as a whole (<see cref="MalformedFileException"/>) when anything is wrong.</summary>
    public static IReadOnlyList<ReceiptLine> Parse(ReadOnlySpan<byte> bytes, ReceiptFileEncoding encoding, DateOnly today)
    {
        var reading = Read(bytes, encoding, today);
        MalformedFileException.ThrowIfAny(MalformedRule, reading.Errors);
        return reading.Lines;
    }

    /// <summary>Reads the file, collecting every fault; <paramref name="today"/> is the last 納付日 and 日計日 a receipt may have.</summary>
    public static ReceiptFileReading Read(ReadOnlySpan<byte> bytes, ReceiptFileEncoding encoding, DateOnly today)
    {
        var errors = new List<FileLineError>();
        var lines = new List<ReceiptLine>();
        var numbers = new Dictionary<int, string>();
        var text = Decode(bytes, encoding, errors);
        if (errors.Count > 0) return new ReceiptFileReading(lines, errors, numbers);
        var rows = text.Select((t, i) => (Line: i + 1, Text: t)).Where(r => !string.IsNullOrWhiteSpace(r.Text)).ToList();
        if (rows.Count == 0)
        {
            errors.Add(new FileLineError(1, "file", "is empty; a receipt file has a header row and a line per receipt."));
            return new ReceiptFileReading(lines, errors, numbers);
        }
        var header = Header(rows[0].Line, rows[0].Text, errors);
        if (header is null) return new ReceiptFileReading(lines, errors, numbers);
        if (rows.Count == 1) errors.Add(new FileLineError(rows[0].Line, "file", "has a header but no receipts."));
        var receiptNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (number, row) in rows.Skip(1))
        {
            var fields = Split(row, out var unterminated);
            if (unterminated)
            {
                errors.Add(new FileLineError(number, "columns", "has a quote (\") that is not closed on the line."));
                continue;
            }
            if (fields.Count != header.Count)
            {
                errors.Add(new FileLineError(number, "columns", $"has {fields.Count} field(s); the header has {header.Count}."));
                continue;
            }
            if (Receipt(number, header, fields, today, receiptNumbers, errors) is { } receipt) lines.Add(receipt);
            if (fields[header["collectionNumber"]].Trim().Normalize(NormalizationForm.FormKC) is { Length: > 0 } collectionNumber) numbers[number] = collectionNumber;
        }
        return new ReceiptFileReading(lines, errors, numbers);
    }

    /// <summary>The lines of the file as text; a BOM is dropped, CR before LF too.</summary>
    private static List<string> Decode(ReadOnlySpan<byte> bytes, ReceiptFileEncoding encoding, List<FileLineError> errors)
    {
        if (encoding == ReceiptFileEncoding.Utf8 && bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var decoder = encoding == ReceiptFileEncoding.ShiftJis
            ? Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
            : new UTF8Encoding(false, throwOnInvalidBytes: true);
        var lines = new List<string>();
        // LF (0x0A) and CR (0x0D) never occur inside a multi-byte character in UTF-8 or Shift_JIS, so the bytes split safely.
        while (true)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            try
            {
                lines.Add(decoder.GetString(line));
            }
            catch (DecoderFallbackException)
            {
                errors.Add(new FileLineError(lines.Count + 1, "file", encoding == ReceiptFileEncoding.ShiftJis
                    ? "is not valid Shift_JIS."
                    : "is not valid UTF-8 (send a Shift_JIS file with ?encoding=shift_jis)."));
                lines.Add("");
            }
            if (end < 0) break;
            bytes = bytes[(end + 1)..];
        }
        return lines;
    }

    /// <summary>The column index of each known column, or null when the header row is missing or wrong.</summary>
    private static Dictionary<string, int>? Header(int line, string text, List<FileLineError> errors)
    {
        var before = errors.Count;
        var names = Split(text, out var unterminated);
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            var column = Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase) || c.Aliases.Contains(name, StringComparer.Ordinal));
            if (column.Name is null) unknown.Add(name);
            else if (!found.TryAdd(column.Name, i)) errors.Add(new FileLineError(line, "header", $"names {column.Field} twice."));
        }
        if (unterminated)
        {
            errors.Add(new FileLineError(line, "header", "has a quote (\") that is not closed on the line."));
            return null;
        }
        if (found.Count == 0)
        {
            errors.Add(new FileLineError(line, "header", "is missing: the first line must name the columns (collectionNumber,paidOn,bookedOn,amount"
                + "[,channel][,receiptNumber], or 徴収番号,納付日,日計日,金額[,収納経路][,領収番号])."));
            return null;
        }
        foreach (var name in unknown)
            errors.Add(new FileLineError(line, "header", name.Length == 0
                ? "has a column without a name."
                : $"names '{name}', which is not a column of a receipt file (collectionNumber, paidOn, bookedOn, amount, channel, receiptNumber)."));
        foreach (var column in Columns.Where(c => c.Required && !found.ContainsKey(c.Name)))
            errors.Add(new FileLineError(line, "header", $"has no {column.Field} column."));
        return errors.Count > before ? null : found;
    }

    private static ReceiptLine? Receipt(int line, Dictionary<string, int> header, List<string> fields, DateOnly today, Dictionary<string, int> receiptNumbers,
        List<FileLineError> errors)
    {
        var before = errors.Count;
        string Value(string column) => header.TryGetValue(column, out var i) ? fields[i].Trim() : "";
        void Error(string column, string message) => errors.Add(new FileLineError(line, Columns.First(c => c.Name == column).Field, message));

        var collectionNumber = Value("collectionNumber").Normalize(NormalizationForm.FormKC);
        if (collectionNumber.Length == 0) Error("collectionNumber", "is required.");
        var paidOn = Date(Value("paidOn"), "paidOn", Error);
        var bookedOn = Date(Value("bookedOn"), "bookedOn", Error);
        if (paidOn > today) Error("paidOn", $"{paidOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        if (bookedOn > today) Error("bookedOn", $"{bookedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd}).");
        if (bookedOn < paidOn) Error("bookedOn", $"日計日 {bookedOn:yyyy-MM-dd} is before 納付日 {paidOn:yyyy-MM-dd}.");
        var amount = Amount(Value("amount"), Error);
        var channelText = Value("channel");
        var channel = PaymentChannel.Slip;
        if (channelText.Length > 0 && !Channels.TryGetValue(channelText.Normalize(NormalizationForm.FormKC), out channel))
            Error("channel", $"is '{channelText}'; a 収納経路 here is slip (納付書), counter (窓口), convenience (コンビニ) or mobilePay (スマホ決済); 口座振替 comes in the bank's 振替結果.");
        var receiptNumber = Value("receiptNumber");
        if (receiptNumber.Length > MaxReceiptNumberLength) Error("receiptNumber", $"is longer than {MaxReceiptNumberLength} characters.");
        else if (receiptNumber.Length > 0 && !receiptNumbers.TryAdd(receiptNumber, line))
            Error("receiptNumber", $"{receiptNumber} is also on line {receiptNumbers[receiptNumber]}; a receipt is in the file once.");
        return errors.Count > before
            ? null
            : new ReceiptLine(line, collectionNumber, paidOn!.Value, bookedOn!.Value, amount!.Value, channel, receiptNumber.Length > 0 ? receiptNumber : null);
    }

    private static DateOnly? Date(string text, string column, Action<string, string> error)
    {
        if (text.Length == 0)
        {
            error(column, "is required.");
            return null;
        }
        if (DateOnly.TryParseExact(text.Normalize(NormalizationForm.FormKC), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        error(column, $"is '{text}'; a date is YYYY-MM-DD or YYYYMMDD.");
        return null;
    }

    /// <summary>Whole yen, with or without thousands separators; 1 yen up to <see cref="MaxAmount"/>.</summary>
    private static long? Amount(string text, Action<string, string> error)
    {
        var normal = text.Normalize(NormalizationForm.FormKC);
        var digits = normal.Replace(",", "", StringComparison.Ordinal);
        var grouped = !normal.Contains(',', StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(normal, @"^\d{1,3}(,\d{3})+$");
        if (text.Length == 0)
        {
            error("amount", "is required.");
            return null;
        }
        if (!grouped || digits.Length is 0 or > 12 || !digits.All(char.IsAsciiDigit))
        {
            error("amount", $"is '{text}'; an amount is a whole number of yen (e.g. 30000).");
            return null;
        }
        var amount = long.Parse(digits, CultureInfo.InvariantCulture);
        if (amount is >= 1 and <= MaxAmount) return amount;
        error("amount", $"is {amount}; a receipt is from 1 to {MaxAmount:N0} yen.");
        return null;
    }

    /// <summary>The fields of a CSV line (RFC 4180 quoting: "a, b" and "" inside quotes).</summary>
    private static List<string> Split(string line, out bool unterminated)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        unterminated = quoted;
        return fields;
    }
}
