using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace KosodateShien.Api.Http;

/// <summary>A request body that checks its own shape (required values, lengths, formats) before anything is loaded or stored.</summary>
public interface IValidatedRequest
{
    void Validate(FieldErrors errors);
}

/// <summary>Collects field errors named by their JSON path (e.g. <c>members[1].kana</c>).</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public FieldErrors Optional(string field, string? value, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    /// <summary>宛名番号 / 世帯識別番号 style identifiers: 1–20 ASCII letters or digits.</summary>
    public FieldErrors Identifier(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        if (!IdentifierPattern().IsMatch(value)) Add(field, "must be 1–20 ASCII letters or digits.");
        return this;
    }

    /// <summary>フリガナ: full-width katakana, with spaces between family and given name.</summary>
    public FieldErrors Kana(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required.");
        if (value.Length > 100 || !KanaPattern().IsMatch(value)) Add(field, "must be full-width katakana (フリガナ), at most 100 characters.");
        return this;
    }

    public FieldErrors NotEmpty(string field, Guid value)
    {
        if (value == Guid.Empty) Add(field, "is required.");
        return this;
    }

    public FieldErrors Range(string field, long value, long min, long max)
    {
        if (value < min || value > max) Add(field, $"must be between {min} and {max}.");
        return this;
    }

    /// <summary>A date in the body: between <see cref="DateChecks.Earliest"/> and <see cref="DateChecks.Latest"/>, like dates in routes and queries.</summary>
    public FieldErrors Date(string field, DateOnly? value)
    {
        if (value is { } date && DateChecks.OutOfRange(date, field) is { } message) Add(field, message);
        return this;
    }

    public FieldErrors Version(int version)
    {
        if (version < 1) Add("version", "must be the stream version you last read (1 or more).");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    [GeneratedRegex(@"^[A-Za-z0-9]{1,20}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[\u30A1-\u30FA\u30FC\u30FD\u30FE 　]+$")]
    private static partial Regex KanaPattern();
}

/// <summary>Wolverine middleware: runs <see cref="IValidatedRequest.Validate"/> and stops with 400 before the handler.</summary>
public static class RequestValidationMiddleware
{
    public static ProblemDetails Before(IValidatedRequest request)
    {
        var errors = new FieldErrors();
        request.Validate(errors);
        return errors.Any
            ? Problems.Create(StatusCodes.Status400BadRequest, "Invalid request", "One or more fields are invalid; see errors.", "request.invalid", errors.ToDictionary())
            : WolverineContinue.NoProblems;
    }
}
