using Marten;

namespace KosodateShien.Projections.Audit;

/// <summary>
/// 個人情報アクセス記録: one read of personal data through the API: who (user and roles), when, which endpoint, the
/// people and households it concerned, the purpose the caller gave (<c>X-Purpose</c>), the answer's status and how many
/// records it returned. Written for every such request, refused or not; nothing in the API updates or deletes one.
/// </summary>
/// <param name="Id">the record's number, ascending in the order written (assigned on insert)</param>
/// <param name="At">日時 (UTC)</param>
/// <param name="User">利用者 (the token's name)</param>
/// <param name="Roles">the token's roles</param>
/// <param name="Endpoint">the route pattern, e.g. <c>GET /api/charges/{id}</c></param>
/// <param name="Path">the path and query as requested</param>
/// <param name="SubjectIds">対象者: ids of people and households in the route, the query and the answer (at most <see cref="MaxSubjects"/>)</param>
/// <param name="Purpose">利用目的 (<c>X-Purpose</c>)</param>
/// <param name="Status">the HTTP status answered</param>
/// <param name="ResultCount">件数: the items of a list answer, 1 for a record, 0 when nothing was returned</param>
/// <param name="TraceId">the request's trace id (as in its problem answers and logs)</param>
public sealed record AccessRecord(long Id, DateTimeOffset At, string User, IReadOnlyList<string> Roles, string Endpoint, string Path, IReadOnlyList<Guid> SubjectIds,
    string? Purpose, int Status, int ResultCount, string TraceId)
{
    public const int MaxSubjects = 500;
}

public static class AccessLogStoreConfiguration
{
    public static StoreOptions ConfigureAccessLog(this StoreOptions opts)
    {
        opts.Schema.For<AccessRecord>().Index(x => x.At).Index(x => x.User).GinIndexJsonData();
        return opts;
    }
}
