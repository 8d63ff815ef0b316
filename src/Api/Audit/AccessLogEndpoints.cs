using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Audit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Audit;

/// <summary>A page of the access log, newest first; <c>before</c> (the last record's id) asks for the next page.</summary>
public sealed record AccessLogPage(IReadOnlyList<AccessRecord> Records, int Limit, long? Before);

public static class AccessLogEndpoints
{
    public const int MaxLimit = 1_000;

    /// <summary>
    /// 個人情報アクセス記録 for auditors: who read whose data, when, through which endpoint, for what purpose and with what
    /// result, newest first. Filters: <c>user</c>, <c>subject</c> (a person's or household's id), <c>from</c>/<c>to</c>
    /// (dates in JST, inclusive); <c>limit</c> 1–1,000 (default 100); <c>before</c> pages on from the last record's id. The
    /// log is append-only: no endpoint changes or deletes it.
    /// </summary>
    [Tags("Audit 監査")]
    [Authorize(Policy = Policies.ReadAccessLog)]
    [WolverineGet("/api/access-log", OperationId = "GetAccessLog")]
    public static async Task<AccessLogPage> List(string? user, Guid? subject, DateOnly? from, DateOnly? to, int? limit, long? before, IQuerySession session,
        CancellationToken ct)
    {
        var size = limit ?? 100;
        if (size is < 1 or > MaxLimit) throw new InvalidRequestException("limit", $"limit must be between 1 and {MaxLimit}.");
        if (to < from) throw new InvalidRequestException("to", "must not be before from.");
        var query = session.Query<AccessRecord>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(user)) query = query.Where(r => r.User == user);
        if (subject is { } id) query = query.Where(r => r.SubjectIds.Contains(id));
        if (from is { } first) query = query.Where(r => r.At >= JapaneseDates.StartOfDayJst(first));
        if (to is { } last) query = query.Where(r => r.At < JapaneseDates.StartOfDayJst(last.AddDays(1)));
        if (before is { } earlier) query = query.Where(r => r.Id < earlier);
        var records = await query.OrderByDescending(r => r.Id).Take(size).ToListAsync(ct);
        return new AccessLogPage(records, size, records.Count == size ? records[^1].Id : null);
    }
}
