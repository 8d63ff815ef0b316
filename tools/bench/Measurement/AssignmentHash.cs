using System.Security.Cryptography;
using System.Text;

namespace KosodateShien.Bench.Measurement;

public static class AssignmentHash
{
    /// <summary>First 16 hex digits of the SHA-256 over "child=facility" lines in ordinal child order ("-" when unplaced).</summary>
    public static string Of(IReadOnlyDictionary<string, string?> assignments)
    {
        var children = assignments.Keys.ToArray();
        Array.Sort(children, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var child in children)
        {
            line.Clear().Append(child).Append('=').Append(assignments[child] ?? "-").Append('\n');
            sha.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
