using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Registry;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using KosodateShien.Projections.Contracts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Contracts;

/// <summary>減免申請: the child, 種類 (災害, 失業, 所得激減, 休園, 自粛), 申請年月日, the period asked for, 休園日数・自粛日数, and why.</summary>
public sealed record ApplyForReductionRequest(Guid ChildId, FeeReductionKind Kind, DateOnly AppliedOn, DateOnly RequestedFrom, string Reason,
    DateOnly? RequestedTo = null, int? DaysAffected = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("childId", ChildId);
        errors.Required("reason", Reason, 500);
        if (DaysAffected is { } days) errors.Range("daysAffected", days, 1, 31);
        if (RequestedTo is { } to && to < RequestedFrom) errors.Add("requestedTo", "must not be before requestedFrom.");
    }
}

/// <summary>減免の決定: grant (適用期間 and 負担額減免率 分子/分母 — the share waived) or reject (棄却理由).</summary>
public sealed record ReductionDecisionRequest(DateOnly DecidedOn, bool Approve, int Version, DateOnly? From = null, DateOnly? To = null,
    int? Numerator = null, int? Denominator = null, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Approve)
        {
            if (From is null) errors.Add("from", "is required to grant (減免適用開始年月日).");
            if (To is null) errors.Add("to", "is required to grant (減免適用終了年月日).");
            if (Numerator is null) errors.Add("numerator", "is required to grant (負担額減免率 分子).");
            if (Denominator is null) errors.Add("denominator", "is required to grant (負担額減免率 分母).");
        }
        else errors.Required("reason", Reason, 500);
    }
}

/// <summary>The new reduction's id, 減免申請連番 and version.</summary>
public sealed record ReductionCreated(Guid Id, string Number, int Version) : CreationResponse($"/api/fee-reductions/{Id}");

public static class FeeReductionEndpoints
{
    /// <summary>Receive a 減免申請 for a child's 利用者負担額.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/fee-reductions", OperationId = "ApplyForFeeReduction")]
    public static async Task<ReductionCreated> Apply(ApplyForReductionRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.AppliedOn, clock, "appliedOn");
        var child = await session.PersonInHouseholdAsync(request.ChildId, "childId", ct);
        if (child.Membership.Role != HouseholdRole.Child)
            throw new DomainRuleException("reduction.not-a-child", "減免 is applied for a child (児童).", "childId");
        var id = Guid.CreateVersion7();
        var number = $"R{JapaneseDates.FiscalYearOf(request.AppliedOn):D4}{await session.NextAsync(ContractStoreConfiguration.ReductionNumberSequence, ct):D6}";
        session.Events.StartStream<FeeReduction>(id, new FeeReductionApplied(id, number, request.ChildId, child.Household.Id, request.Kind, request.AppliedOn,
            request.RequestedFrom, request.RequestedTo, request.DaysAffected, request.Reason.Trim()));
        return new ReductionCreated(id, number, 1);
    }

    /// <summary>Grant (減免決定) or reject (棄却) a 減免; a grant re-determines the fees of every month it covers up to now.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/fee-reductions/{id}/decision", OperationId = "DecideFeeReduction")]
    public static (UpdatedAggregate, Events, OutgoingMessages) Decide(ReductionDecisionRequest request, [WriteAggregate] FeeReduction reduction, TimeProvider clock)
    {
        reduction.AtVersion(request.Version);
        DateChecks.NotInFuture(request.DecidedOn, clock, "decidedOn");
        if (!request.Approve)
            return (new UpdatedAggregate(), new Events([reduction.Reject(request.DecidedOn, request.Reason!.Trim())]), []);
        var granted = reduction.Grant(request.DecidedOn, request.From!.Value, request.To!.Value, request.Numerator!.Value, request.Denominator!.Value);
        var from = FeeDeterminations.MonthOf(granted.From);
        var current = FeeDeterminations.CurrentMonth(clock);
        var to = FeeDeterminations.MonthOf(granted.To) < current ? FeeDeterminations.MonthOf(granted.To) : current;
        return (new UpdatedAggregate(), new Events([granted]),
            to < from ? [] : [new DetermineHouseholdFees(reduction.HouseholdId, from, to, FeeChangeReason.CircumstancesChanged)]);
    }

    /// <summary>A 減免 with its decision.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/fee-reductions/{id}", OperationId = "GetFeeReduction")]
    public static Task<FeeReduction?> Get(Guid id, IQuerySession session, CancellationToken ct) => session.LoadAsync<FeeReduction>(id, ct);

    /// <summary>A child's 減免, newest first.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/fee-reductions", OperationId = "ListFeeReductions")]
    public static async Task<IReadOnlyList<FeeReduction>> List(Guid childId, IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<FeeReduction>().Where(r => r.ChildId == childId).ToListAsync(ct)).OrderByDescending(r => r.AppliedOn)];

    /// <summary>The 減免's events with who recorded them.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/fee-reductions/{id}/history", OperationId = "GetFeeReductionHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<FeeReduction>(id, ct);
}
