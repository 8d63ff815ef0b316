using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>督促状発行日.</summary>
public sealed record DunningRequest(DateOnly IssuedOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
    }
}

/// <summary>The 督促 recorded: 指定期限, whether it was issued within the rules' days after 納期限, the renewed 時効完成日 and the 督促手数料 charge if any.</summary>
public sealed record DunningIssued(Guid ChargeId, int Version, DateOnly IssuedOn, DateOnly DesignatedDeadline, bool WithinPeriod, DateOnly PrescriptionDate,
    Guid? FeeChargeId);

/// <summary>What a 督促 run issued.</summary>
/// <param name="Considered">charges whose 納期限 fell within the rules' days before the issue date</param>
/// <param name="Stopped">charges passed by because 督促・催告 was stopped on the issue date</param>
public sealed record DunningRunResult(DateOnly IssuedOn, int Considered, int Issued, IReadOnlyList<DunningIssued> Notices, int Stopped);

public static class DunningEndpoints
{
    /// <summary>Issue the 督促状 for one charge (once, after 納期限, while something is owed, not while 督促停止); it renews the 時効.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/dunning", OperationId = "IssueDunning")]
    public static async Task<DunningIssued> Dun(Guid id, DunningRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.IssuedOn, clock, "issuedOn");
        var stream = await session.Events.FetchForExclusiveWriting<Charge>(id, ct);
        var charge = stream.Aggregate ?? throw new NotFoundException($"No charge {id}.");
        return await IssueAsync(session, stream, charge, request.IssuedOn, await session.CollectionRulesInForceAsync(request.IssuedOn, ct), ct);
    }

    /// <summary>
    /// The 督促 run: a 督促状 for every charge still owing whose 納期限 passed within the rules' days (20 by default) before
    /// the issue date and that has none yet, except charges stopped (督促停止) on the issue date. Safe to repeat: a dunned charge
    /// is not dunned again.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/dunning-runs", OperationId = "RunDunning")]
    public static async Task<DunningRunResult> Run(DunningRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.IssuedOn, clock, "issuedOn");
        var rules = await session.CollectionRulesInForceAsync(request.IssuedOn, ct);
        var earliest = request.IssuedOn.AddDays(-rules.Dunning.WithinDays);
        var due = await session.Query<Charge>().Where(c => c.DueDate >= earliest && c.DueDate < request.IssuedOn).ToListAsync(ct);
        var issued = new List<DunningIssued>();
        var stopped = 0;
        foreach (var candidate in due.Where(c => c.Dunning is null && c.CancelledOn is null && c.AsOf(request.IssuedOn).Outstanding > 0).OrderBy(c => c.CollectionNumber))
        {
            if (candidate.IsStoppedOn(request.IssuedOn))
            {
                stopped++;
                continue;
            }
            var stream = await session.Events.FetchForWriting<Charge>(candidate.Id, candidate.Version, ct);
            issued.Add(await IssueAsync(session, stream, candidate, request.IssuedOn, rules, ct));
        }
        return new DunningRunResult(request.IssuedOn, due.Count, issued.Count, issued, stopped);
    }

    private static async Task<DunningIssued> IssueAsync(IDocumentSession session, JasperFx.Events.IEventStream<Charge> stream, Charge charge, DateOnly issuedOn,
        CollectionRuleSet rules, CancellationToken ct)
    {
        var dunning = charge.Dun(issuedOn, rules);
        stream.AppendOne(dunning);
        if (dunning.FeeChargeId is not null)
        {
            var fee = charge.DunningFeeCharge(dunning, await session.NextCollectionNumberAsync(charge.FiscalYear, ct))!;
            session.Events.StartStream<Charge>(fee.ChargeId, fee);
        }
        var after = Charge.Evolve(charge, dunning)!;
        return new DunningIssued(charge.Id, charge.Version + 1, issuedOn, dunning.DesignatedDeadline, dunning.WithinPeriod, after.PrescriptionDate, dunning.FeeChargeId);
    }
}
