using System.Security.Cryptography;
using System.Text;

namespace KosodateShien.Domain.Common;

/// <summary>A UUID derived from a name (version 5 layout over SHA-256): the same name gives the same stream id on every node and run.</summary>
public static class NameBasedGuid
{
    public static Guid For(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)(hash[6] & 0x0F | 0x50);
        hash[8] = (byte)(hash[8] & 0x3F | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
