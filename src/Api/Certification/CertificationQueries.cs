using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using KosodateShien.Projections.Certification;
using KosodateShien.Projections.Registry;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>作業一覧: an application waiting for documents or a decision, with its 30-day limit.</summary>
/// <param name="Queue">awaitingDocuments (未提出書類あり) or awaitingDecision (決定待ち)</param>
/// <param name="Deadline">onTime, nearDeadline (within the rule set's warning days) or overdue (処理期限超過)</param>
/// <param name="DaysLeft">days until the decision due date (negative when overdue)</param>
public sealed record CertificationQueueItem(
    Guid Id,
    Guid ChildId,
    string? ChildName,
    string? ChildKana,
    DateOnly ApplicationDate,
    DateOnly DecisionDueDate,
    int DaysLeft,
    string Queue,
    string Deadline,
    IReadOnlyList<string> MissingDocuments,
    int Version);

public static class CertificationQueryEndpoints
{
    /// <summary>認定詳細 with its full history; <c>asOf=YYYY-MM-DD</c> shows it as it was recorded at the end of that day (JST).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/certifications/{id}", OperationId = "GetCertification")]
    public static async Task<CertificationDetails?> Get(Guid id, DateOnly? asOf, IQuerySession session, CancellationToken ct) =>
        asOf is { } date
            ? await session.Events.AggregateStreamAsync<CertificationDetails>(id, timestamp: JapaneseDates.StartOfDayJst(date.AddDays(1)).ToUniversalTime(), token: ct)
            : await session.LoadAsync<CertificationDetails>(id, ct);

    /// <summary>The certification's events with who recorded them and when (監査).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/certifications/{id}/history", OperationId = "GetCertificationHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) =>
        session.HistoryAsync<CertificationState>(id, ct);

    /// <summary>Certifications, newest application first, optionally for one child or in one state (支給認定申請状態区分).</summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/certifications", OperationId = "ListCertifications")]
    public static async Task<Page<CertificationSummary>> List(Guid? childId, string? status, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = Paging.From(page, pageSize);
        IQueryable<CertificationState> query = session.Query<CertificationState>();
        if (childId is { } child) query = query.Where(c => c.ChildId == child);
        if (status is not null)
        {
            var parsed = Paging.ParseEnum<CertificationStatus>(status, "status");
            query = query.Where(c => c.Status == parsed);
        }
        var results = await query.OrderByDescending(c => c.ApplicationDate).ToPagedListAsync(number, size, ct);
        return new Page<CertificationSummary>([.. results.Select(CertificationSummary.From)], number, size, results.TotalItemCount);
    }

    /// <summary>
    /// Staff work queue (作業一覧): applications awaiting documents or a decision, earliest 30-day limit first.
    /// Filter with <c>queue</c> = awaitingDocuments | awaitingDecision | nearDeadline | overdue.
    /// </summary>
    [Tags("Certification 教育・保育給付認定")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/certification-queue", OperationId = "GetCertificationWorkQueue")]
    public static async Task<Page<CertificationQueueItem>> Queue(string? queue, int? page, int? pageSize, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (number, size) = Paging.From(page, pageSize);
        var today = clock.TodayJst();
        var warnDays = (await session.InForceOnAsync(today, ct)).NearDeadlineDays;
        var warnFrom = today.AddDays(warnDays);

        var query = session.Query<CertificationState>().Where(c => c.Status == CertificationStatus.Applied);
        query = queue switch
        {
            null or "" => query,
            "awaitingDocuments" => query.Where(c => c.MissingDocuments.Any()),
            "awaitingDecision" => query.Where(c => !c.MissingDocuments.Any()),
            "nearDeadline" => query.Where(c => c.DecisionDueDate >= today && c.DecisionDueDate <= warnFrom),
            "overdue" => query.Where(c => c.DecisionDueDate < today),
            _ => throw new InvalidRequestException("queue", "queue must be awaitingDocuments, awaitingDecision, nearDeadline or overdue."),
        };
        var results = await query.OrderBy(c => c.DecisionDueDate).ThenBy(c => c.ApplicationDate).ToPagedListAsync(number, size, ct);
        var children = (await session.LoadManyAsync<Person>(ct, results.Select(c => c.ChildId).Distinct())).ToDictionary(p => p.Id);

        return new Page<CertificationQueueItem>([.. results.Select(c =>
        {
            children.TryGetValue(c.ChildId, out var child);
            var daysLeft = c.DecisionDueDate.DayNumber - today.DayNumber;
            var deadline = daysLeft < 0 ? "overdue" : daysLeft <= warnDays ? "nearDeadline" : "onTime";
            return new CertificationQueueItem(c.Id, c.ChildId, child?.Name, child?.Kana, c.ApplicationDate, c.DecisionDueDate, daysLeft,
                c.MissingDocuments.Count > 0 ? "awaitingDocuments" : "awaitingDecision", deadline, c.MissingDocuments, c.Version);
        })], number, size, results.TotalItemCount);
    }
}
