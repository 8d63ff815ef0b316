using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>
/// Writes 全銀 records, whatever the 種別 (口座振替 91, 総合振込 21): each value into its field (digits zero-padded on the left,
/// text space-padded on the right), each record 120 bytes of Shift_JIS single-byte characters followed by CRLF.
/// </summary>
public static class ZenginRecords
{
    public static byte[] ToBytes(IReadOnlyList<(ZenginField[] Layout, string[] Values)> records)
    {
        var bytes = new byte[records.Count * (ZenginLayout.RecordLength + 2)];
        var at = 0;
        foreach (var (layout, values) in records)
        {
            for (var i = 0; i < layout.Length; i++)
            {
                var field = layout[i];
                var value = field.Kind == ZenginFieldKind.Number ? values[i].PadLeft(field.Length, '0') : values[i].PadRight(field.Length);
                if (value.Length > field.Length) throw new DomainRuleException("zengin.field-too-long", $"{field.Label} holds {field.Length} characters: '{value}'.");
                foreach (var c in value)
                {
                    if (!BankKana.IsAllowed(c))
                        throw new DomainRuleException("zengin.character", $"{field.Label} cannot hold '{c}' (全銀 characters only): '{value}'.");
                    bytes[at++] = BankKana.ToByte(c);
                }
            }
            bytes[at++] = (byte)'\r';
            bytes[at++] = (byte)'\n';
        }
        return bytes;
    }
}
