using System.Security.Cryptography;
using System.Text;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 仮名化 (pseudonymisation) of operational ids for the analysts' tables: HMAC-SHA256 of the id under a secret key, cut to a
/// uuid. The same person, household or record gets the same pseudonym in every table, while without the key nobody can
/// go from a pseudonym back to the operational id (or test guesses against it).
/// </summary>
public sealed class Pseudonyms
{
    /// <summary>The configuration key of the secret (base64, at least 32 bytes).</summary>
    public const string KeySetting = "Analytics:PseudonymKey";

    private readonly byte[] key;

    public Pseudonyms(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The pseudonym key must be at least 32 bytes.", nameof(key));
        this.key = key;
    }

    /// <summary>
    /// A fixed key for development and tests only: pseudonyms made with it are not secret. Production refuses to start
    /// without a configured key (see the API's startup).
    /// </summary>
    public static Pseudonyms Development { get; } = new(SHA256.HashData(Encoding.UTF8.GetBytes("kosodate-shien development pseudonym key (not secret)")));

    /// <summary>The configured key; without one, the development key unless <paramref name="production"/>, which refuses.</summary>
    public static Pseudonyms From(string? base64, bool production) =>
        SecretSetting.Read(KeySetting, base64, 32, int.MaxValue, production) is { } key ? new Pseudonyms(key) : Development;

    public Guid Of(Guid id) => new(HMACSHA256.HashData(key, id.ToByteArray()).AsSpan(0, 16));

    public Guid? Of(Guid? id) => id is { } value ? Of(value) : null;
}
