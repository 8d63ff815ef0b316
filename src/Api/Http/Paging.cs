namespace KosodateShien.Api.Http;

/// <summary>One page of results.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>Query-string paging: <c>page</c> 1–1,000,000, <c>pageSize</c> 1–200 (default 50).</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    /// <summary>Far past any list's end, and low enough that the rows skipped ((page − 1) × pageSize) stay a 32-bit offset.</summary>
    public const int MaxPage = 1_000_000;

    public static (int Page, int Size) From(int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? 50;
        if (number is < 1 or > MaxPage) throw new InvalidRequestException("page", $"page must be between 1 and {MaxPage}.");
        if (size is < 1 or > MaxPageSize) throw new InvalidRequestException("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return (number, size);
    }

    /// <summary>A query-string enum value by its camelCase name; 400 naming the field otherwise.</summary>
    public static T ParseEnum<T>(string value, string field) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidRequestException(field, $"{field} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
}
