namespace KosodateShien.Api.Http;

/// <summary>A query or body value that is malformed rather than against a business rule: answered 400 naming the field.</summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
