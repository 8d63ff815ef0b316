using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace KosodateShien.Bench.Generator;

/// <summary>
/// One household option (child id → facility id, null = not placed) backed by two small arrays. An XL instance
/// has about half a million options; a Dictionary per option would cost several times the memory.
/// The child id array is shared by all options of a household; enumeration follows the household's child order.
/// </summary>
public sealed class OptionTuple(string[] childIds, string?[] facilityIds) : IReadOnlyDictionary<string, string?>
{
    public int Count => childIds.Length;

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => childIds;

    public IEnumerable<string?> Values => facilityIds;

    public bool ContainsKey(string key) => Array.IndexOf(childIds, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        var index = Array.IndexOf(childIds, key);
        value = index >= 0 ? facilityIds[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < childIds.Length; i++) yield return new(childIds[i], facilityIds[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
