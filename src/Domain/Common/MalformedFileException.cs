namespace KosodateShien.Domain.Common;

/// <summary>One fault of an imported file: the line (1-based), the field and what is wrong.</summary>
public sealed record FileLineError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}

/// <summary>
/// An imported file (a bank's 振替結果, a receipt list) that cannot be taken as it is: it is refused as a whole, naming every
/// line and field at fault (up to <see cref="MaxErrors"/>), and nothing of it is recorded. The API answers 422.
/// </summary>
public sealed class MalformedFileException(string rule, IReadOnlyList<FileLineError> errors)
    : Exception($"The file was refused as a whole; nothing was imported. {errors.Count} fault(s), first: {errors[0]}")
{
    public const int MaxErrors = 100;

    public string Rule { get; } = rule;
    public IReadOnlyList<FileLineError> Errors { get; } = errors;

    /// <summary>Throws when there is any error.</summary>
    public static void ThrowIfAny(string rule, IReadOnlyList<FileLineError> errors)
    {
        if (errors.Count > 0) throw new MalformedFileException(rule, [.. errors.Take(MaxErrors)]);
    }
}
