using KosodateShien.Domain.Registry;
using Marten;

namespace KosodateShien.Api.Http;

/// <summary>
/// A per-record read names its record in the route (<c>/api/children/{id}/fees</c>): when there is no such record the
/// answer is 404, not an empty 200 that looks like a record with nothing in it.
/// </summary>
public static class RecordChecks
{
    /// <summary>404 unless a <typeparamref name="T"/> document has the id; checked without loading (or decrypting) it.</summary>
    public static async Task RequireAsync<T>(this IQuerySession session, Guid id, string what, CancellationToken ct) where T : notnull
    {
        if (!await session.CheckExistsAsync<T>(id, ct)) throw new NotFoundException($"There is no {what} {id}.");
    }

    /// <summary>404 unless the id is a registered person (住民): a child, a guardian, a payer (納入義務者).</summary>
    public static Task RequirePersonAsync(this IQuerySession session, Guid id, string what, CancellationToken ct) =>
        session.RequireAsync<Person>(id, $"{what} (registered person)", ct);
}
