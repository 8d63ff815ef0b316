using System.Security.Cryptography;
using System.Text;

namespace KosodateShien.Projections.Privacy;

/// <summary>
/// The key that wraps every data subject's key in the key table, so a copy of the database (a backup, a stolen disk) does not
/// carry readable keys. It comes from configuration (<c>PersonalData:MasterKey</c>, base64 of 32 bytes) or the environment;
/// outside production a fixed development key stands in.
/// </summary>
public sealed class MasterKey
{
    public const string ConfigurationKey = "PersonalData:MasterKey";
    public const string EnvironmentVariable = "PersonalData__MasterKey";

    private MasterKey(byte[] key, bool isDevelopmentKey) => (Key, IsDevelopmentKey) = (key, isDevelopmentKey);

    public byte[] Key { get; }
    public bool IsDevelopmentKey { get; }

    public static MasterKey Development { get; } =
        new(SHA256.HashData(Encoding.UTF8.GetBytes("KosodateShien development master key: dummy data only, never production")), true);

    /// <summary>The configured key; without one, the development key unless <paramref name="production"/>, which refuses.</summary>
    public static MasterKey From(string? base64, bool production) =>
        SecretSetting.Read(ConfigurationKey, base64, 32, 32, production) is { } key ? new MasterKey(key, false) : Development;

    public static MasterKey FromEnvironment() => From(Environment.GetEnvironmentVariable(EnvironmentVariable), production: false);

    internal byte[] Wrap(Guid subject, byte[] subjectKey)
    {
        var wrapped = new byte[12 + subjectKey.Length + 16];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        using var aes = new AesGcm(Key, 16);
        aes.Encrypt(wrapped.AsSpan(0, 12), subjectKey, wrapped.AsSpan(12, subjectKey.Length), wrapped.AsSpan(12 + subjectKey.Length), subject.ToByteArray());
        return wrapped;
    }

    internal byte[] Unwrap(Guid subject, byte[] wrapped)
    {
        var key = new byte[wrapped.Length - 28];
        using var aes = new AesGcm(Key, 16);
        aes.Decrypt(wrapped.AsSpan(0, 12), wrapped.AsSpan(12, key.Length), wrapped.AsSpan(12 + key.Length), key, subject.ToByteArray());
        return key;
    }
}
