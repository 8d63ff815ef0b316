namespace KosodateShien.Projections;

/// <summary>
/// A key from a base64 setting. Unset, it is null outside production (the caller's fixed development key stands in) and refused in
/// production; malformed or of the wrong length, it is refused everywhere.
/// </summary>
public static class SecretSetting
{
    public static byte[]? Read(string setting, string? base64, int minBytes, int maxBytes, bool production)
    {
        var length = minBytes == maxBytes ? $"{minBytes} bytes" : $"at least {minBytes} bytes";
        if (string.IsNullOrWhiteSpace(base64))
            return production ? throw new InvalidOperationException($"{setting} is not configured: production needs its own key ({length}, base64).") : null;
        byte[] key;
        try { key = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{setting} is not base64."); }
        return key.Length >= minBytes && key.Length <= maxBytes ? key : throw new InvalidOperationException($"{setting} must be {length}; it is {key.Length}.");
    }
}
