using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Privacy;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Privacy;

/// <summary>The erasure recorded: its id and version.</summary>
public sealed record ErasureCreated(Guid Id, int Version) : CreationResponse($"/api/erasures/{Id}");

public static class ErasureEndpoints
{
    /// <summary>
    /// 消去請求の受付: records a request to erase a person's personal data (氏名, フリガナ, 連絡先, 住所, 口座). Nothing is erased
    /// until a supervisor other than the clerk approves it.
    /// </summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/erasures", OperationId = "RequestErasure")]
    public static async Task<ErasureCreated> Request(ErasureRequestBody body, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(body.ReceivedOn, clock, "receivedOn");
        await using var session = store.LightweightSession();
        var person = await session.LoadAsync<Person>(body.PersonId, ct)
            ?? throw new DomainRuleException("erasure.person-unknown", $"Person {body.PersonId} does not exist.", "personId");
        person.EnsureNotErased("personId");
        if (await session.Query<Erasure>().AnyAsync(e => e.PersonId == body.PersonId && e.Status == ErasureStatus.Requested, ct))
            throw new DomainRuleException("erasure.pending-exists", "An erasure request for this person is already awaiting a decision.", "personId");

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Erasure>(id, Erasure.Request(id, person.Id, ErasureGround.LawfulRequest, body.LegalBasis, body.Reason, body.ReceivedOn,
            user.Identity?.Name ?? throw new UnauthorizedAccessException()));
        await session.SaveChangesAsync(ct);
        return new ErasureCreated(id, 1);
    }

    /// <summary>Erasures, newest first: all, or those in one status (<c>requested</c>, <c>rejected</c>, <c>erased</c>).</summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.ReadErasures)]
    [WolverineGet("/api/erasures", OperationId = "ListErasures")]
    public static async Task<IReadOnlyList<Erasure>> List(ErasureStatus? status, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<Erasure>().AsQueryable();
        if (status is { } wanted) query = query.Where(e => e.Status == wanted);
        return await query.OrderByDescending(e => e.Id).Take(1_000).ToListAsync(ct);
    }

    /// <summary>One erasure: the request, the decision, the keys deleted and the check.</summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.ReadErasures)]
    [WolverineGet("/api/erasures/{id}", OperationId = "GetErasure")]
    public static async Task<Erasure> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Erasure>(id, ct) ?? throw new NotFoundException($"Erasure {id} does not exist.");

    /// <summary>電子データ消去報告書 of a carried-out erasure (404 until it is carried out).</summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.ReadErasures)]
    [WolverineGet("/api/erasures/{id}/report", OperationId = "GetErasureReport")]
    public static async Task<ErasureReport> Report(Guid id, IQuerySession session, CancellationToken ct)
    {
        var erasure = await session.LoadAsync<Erasure>(id, ct);
        if (erasure?.Erased is null) throw new NotFoundException($"Erasure {id} does not exist or has not been carried out.");
        var person = await session.LoadAsync<Person>(erasure.PersonId, ct);
        return ErasureReport.From(erasure, person?.PersonNumber ?? "");
    }

    /// <summary>
    /// 承認と実施: a supervisor other than the clerk who recorded the request approves it, and the person's keys are deleted at once.
    /// Refused (422) while a record naming the person is still open (未納の調定, 在園中, 認定期間中, 口座振替中).
    /// </summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/erasures/{id}/approval", OperationId = "ApproveErasure")]
    public static async Task<Erasure> Approve(Guid id, ErasureApprovalBody body, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        await Existing(store, id, ct);
        return await PersonalDataEraser.EraseAsync(store, id, body.Version, user.Identity?.Name ?? throw new UnauthorizedAccessException(), clock, ct);
    }

    /// <summary>不承認 of a pending erasure request, with the reason.</summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/erasures/{id}/rejection", OperationId = "RejectErasure")]
    public static async Task<Erasure> Reject(Guid id, ErasureRejectionBody body, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        await Existing(store, id, ct);
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Erasure>(id, body.Version, ct);
        stream.AppendOne(stream.Aggregate!.Reject(clock.TodayJst(), user.Identity?.Name ?? throw new UnauthorizedAccessException(), body.Reason));
        await session.SaveChangesAsync(ct);
        return (await session.LoadAsync<Erasure>(id, ct))!;
    }

    /// <summary>保存期間の確認 for one person today: erasable, or the records that still hold their data and until when.</summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.ReadErasures)]
    [WolverineGet("/api/people/{id}/retention", OperationId = "GetPersonRetention")]
    public static async Task<RetentionDecision> Retention(Guid id, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using (var session = store.QuerySession())
            if (await session.LoadAsync<Person>(id, ct) is null) throw new NotFoundException($"Person {id} does not exist.");
        return await PersonalDataEraser.AssessAsync(store, id, clock.TodayJst(), ct);
    }

    /// <summary>
    /// 保存期間満了による消去: erases everyone whose records are all closed and past the retention period on the day given, each by an erasure
    /// approved by the supervisor running it (ground 保存期間満了).
    /// </summary>
    [Tags("Privacy 個人情報")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/erasures/retention-runs", OperationId = "RunRetentionErasure")]
    public static Task<RetentionRunResult> RunRetention(RetentionRunBody body, IDocumentStore store, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(body.AsOf, clock, "asOf");
        return RetentionRun.RunAsync(store, body.AsOf, user.Identity?.Name ?? throw new UnauthorizedAccessException(), clock, ct);
    }

    private static async Task Existing(IDocumentStore store, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Erasure>(id, ct) is null) throw new NotFoundException($"Erasure {id} does not exist.");
    }
}
