using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>交渉経過: one contact with the payer; the staff user is the caller.</summary>
/// <param name="NegotiatedOn">交渉日</param>
/// <param name="Kind">交渉方法 (phone 電話, visit 訪問, counter 窓口, letter 文書, other その他)</param>
/// <param name="Content">交渉内容</param>
/// <param name="AcknowledgedChargeIds">債務承認: the payer's charges whose debt the payer acknowledged in this 納付相談 (民法152条); each has its 時効 renewed from the next day</param>
public sealed record NegotiationRequest(DateOnly NegotiatedOn, NegotiationKind Kind, string Content, IReadOnlyList<Guid>? AcknowledgedChargeIds = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("content", Content, 4000);
        if (AcknowledgedChargeIds is { } ids)
        {
            if (ids.Distinct().Count() != ids.Count) errors.Add("acknowledgedChargeIds", "must not repeat a charge.");
            if (ids.Count > 200) errors.Add("acknowledgedChargeIds", "at most 200 charges.");
            if (ids.Contains(Guid.Empty)) errors.Add("acknowledgedChargeIds", "must name charges (no empty id).");
        }
    }
}

/// <summary>One 交渉経過 entry.</summary>
/// <param name="NegotiatedOn">交渉日</param>
/// <param name="Kind">交渉方法</param>
/// <param name="Content">交渉内容</param>
/// <param name="StaffUser">担当者</param>
/// <param name="AcknowledgedChargeIds">債務承認 of these charges</param>
public sealed record NegotiationEntryView(Guid EntryId, DateOnly NegotiatedOn, NegotiationKind Kind, string Content, string StaffUser, IReadOnlyList<Guid> AcknowledgedChargeIds);

/// <summary>The recorded entry, with the log's version.</summary>
public sealed record NegotiationRecordedView(Guid LogId, Guid PayerId, Guid EntryId, int Version) : CreationResponse($"/api/payers/{PayerId}/negotiations");

/// <summary>A payer's 交渉経過, oldest first.</summary>
public sealed record NegotiationLogView(Guid PayerId, int Version, IReadOnlyList<NegotiationEntryView> Entries);

public static class NegotiationEndpoints
{
    /// <summary>
    /// Record a 交渉経過 entry for the payer. When the payer acknowledged the debt of some charges (債務承認 in a 納付相談), list
    /// them: each must be the payer's and still owing on the 交渉日, and each has its 時効 renewed (民法152条) from the next day.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/payers/{payerId}/negotiations", OperationId = "RecordNegotiation")]
    public static async Task<NegotiationRecordedView> Record(Guid payerId, NegotiationRequest request, IDocumentSession session, ClaimsPrincipal user, TimeProvider clock,
        CancellationToken ct)
    {
        DateChecks.NotInFuture(request.NegotiatedOn, clock, "negotiatedOn");
        var staff = user.Identity?.Name ?? throw new UnauthorizedAccessException();
        if (await session.LoadAsync<Person>(payerId, ct) is null) throw new NotFoundException($"No person {payerId}.");
        var ids = request.AcknowledgedChargeIds ?? [];
        var charges = (await session.LoadManyAsync<Charge>(ct, ids)).ToList();
        if (charges.Count != ids.Count)
            throw new Domain.Common.DomainRuleException("negotiation.unknown-charge", "A charge named in acknowledgedChargeIds does not exist.", "acknowledgedChargeIds");
        var (entry, acknowledgements) = NegotiationLog.Record(payerId, request.NegotiatedOn, request.Kind, request.Content, staff,
            [.. ids.Select(id => charges.Single(c => c.Id == id))]);
        var log = await session.Events.FetchForExclusiveWriting<NegotiationLog>(entry.LogId, ct);
        log.AppendOne(entry);
        foreach (var acknowledged in acknowledgements)
            session.Events.Append(acknowledged.ChargeId, charges.Single(c => c.Id == acknowledged.ChargeId).Version + 1, acknowledged);
        return new NegotiationRecordedView(entry.LogId, payerId, entry.EntryId, (log.Aggregate?.Version ?? 0) + 1);
    }

    /// <summary>The payer's 交渉経過, oldest first (empty when none was recorded).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/payers/{payerId}/negotiations", OperationId = "ListNegotiations")]
    public static async Task<NegotiationLogView> List(Guid payerId, IQuerySession session, CancellationToken ct)
    {
        await session.RequirePersonAsync(payerId, "payer", ct);
        var log = await session.LoadAsync<NegotiationLog>(NegotiationLog.IdFor(payerId), ct);
        return new NegotiationLogView(payerId, log?.Version ?? 0,
            [.. (log?.Entries ?? []).OrderBy(e => e.NegotiatedOn).Select(e => new NegotiationEntryView(e.EntryId, e.NegotiatedOn, e.Kind, e.Content, e.StaffUser, e.AcknowledgedChargeIds))]);
    }
}
