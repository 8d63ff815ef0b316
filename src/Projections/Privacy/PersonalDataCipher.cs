using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KosodateShien.Projections.Privacy;

/// <summary>
/// How one personal-data text is sealed with its subject's key: <c>pd1:&lt;subject&gt;:&lt;base64url(nonce | ciphertext | tag)&gt;</c>,
/// AES-256-GCM with the subject id as associated data. The nonce is derived from the text (an HMAC under a second key), so the same
/// text under the same key seals to the same string: rebuilt read models compare equal to the live ones, and the only thing it
/// shows is that two of one person's fields are equal.
/// </summary>
public static class PersonalDataCipher
{
    private const string Prefix = "pd1:";
    private const int NonceSize = 12, TagSize = 16;

    public static string Seal(Guid subject, SubjectKey key, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var nonce = HMACSHA256.HashData(key.NonceKey, data).AsSpan(0, NonceSize);
        var sealedBytes = new byte[NonceSize + data.Length + TagSize];
        nonce.CopyTo(sealedBytes);
        using var aes = new AesGcm(key.EncryptionKey, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize, data.Length), sealedBytes.AsSpan(NonceSize + data.Length), subject.ToByteArray());
        return $"{Prefix}{subject:N}:{Base64Url.EncodeToString(sealedBytes)}";
    }

    /// <summary>Whether <paramref name="text"/> is a sealed value, and whose.</summary>
    public static bool TryReadSubject(string text, out Guid subject)
    {
        subject = default;
        return text.Length > Prefix.Length + 33 && text.StartsWith(Prefix, StringComparison.Ordinal) && text[Prefix.Length + 32] == ':'
            && Guid.TryParseExact(text.AsSpan(Prefix.Length, 32), "N", out subject);
    }

    /// <summary>The plaintext, or null when the value does not open with this key (tampered, or another key).</summary>
    public static string? Open(Guid subject, SubjectKey key, string text)
    {
        byte[] sealedBytes;
        try { sealedBytes = Base64Url.DecodeFromChars(text.AsSpan(Prefix.Length + 33)); }
        catch (FormatException) { return null; }
        if (sealedBytes.Length < NonceSize + TagSize) return null;

        var length = sealedBytes.Length - NonceSize - TagSize;
        var data = new byte[length];
        using var aes = new AesGcm(key.EncryptionKey, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), data, subject.ToByteArray());
        }
        catch (AuthenticationTagMismatchException) { return null; }
        return Encoding.UTF8.GetString(data);
    }
}

/// <summary>A data subject's key, as the two keys derived from it: one seals, one derives nonces.</summary>
public sealed class SubjectKey
{
    public SubjectKey(byte[] key)
    {
        EncryptionKey = HKDF.Expand(HashAlgorithmName.SHA256, key, 32, "kosodate personal data: encryption"u8.ToArray());
        NonceKey = HKDF.Expand(HashAlgorithmName.SHA256, key, 32, "kosodate personal data: nonce"u8.ToArray());
    }

    public byte[] EncryptionKey { get; }
    public byte[] NonceKey { get; }
}
