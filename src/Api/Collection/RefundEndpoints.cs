using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>還付日: the day the refund was paid out.</summary>
public sealed record RefundPayoutRequest(DateOnly PaidOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
    }
}

/// <summary>One 還付 of a payer: the charge whose 過誤納 it returns (科目, 賦課年月), 還付通知日, 還付額 and 還付日 once paid.</summary>
public sealed record PayerRefund(Guid RefundId, Guid ChargeId, string CollectionNumber, CollectionSubject Subject, DateOnly Month, long Amount, DateOnly NotifiedOn,
    DateOnly? PaidOn);

public static class RefundEndpoints
{
    /// <summary>A payer's 還付: what is left of each 過誤納 after 充当, paid out or still due.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/payers/{id}/refunds", OperationId = "ListPayerRefunds")]
    public static async Task<IReadOnlyList<PayerRefund>> List(Guid id, IQuerySession session, CancellationToken ct)
    {
        await session.RequirePersonAsync(id, "payer", ct);
        return [.. (await session.Query<Charge>().Where(c => c.PayerId == id).ToListAsync(ct))
            .SelectMany(c => c.Refunds.Select(r => new PayerRefund(r.RefundId, c.Id, c.CollectionNumber, c.Subject, c.Month, r.Amount, r.NotifiedOn, r.PaidOn)))
            .OrderBy(r => r.NotifiedOn).ThenBy(r => r.CollectionNumber, StringComparer.Ordinal)];
    }

    /// <summary>Record that a 還付 was paid out.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/payers/{id}/refunds/{refundId}/payout", OperationId = "PayOutRefund")]
    public static async Task<PayerRefund> PayOut(Guid id, Guid refundId, RefundPayoutRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.PaidOn, clock, "paidOn");
        var holder = (await session.Query<Charge>().Where(c => c.PayerId == id).ToListAsync(ct)).FirstOrDefault(c => c.Refunds.Any(r => r.RefundId == refundId))
            ?? throw new NotFoundException($"No refund {refundId} for payer {id}.");
        var stream = await session.Events.FetchForExclusiveWriting<Charge>(holder.Id, ct);
        var refund = stream.Aggregate!.Refunds.Single(r => r.RefundId == refundId);
        if (refund.PaidOn is { } paid) throw new DomainRuleException("refund.already-paid", $"The refund was paid out on {paid:yyyy-MM-dd}.");
        if (request.PaidOn < refund.NotifiedOn) throw new DomainRuleException("refund.before-notice", "還付日 cannot be before 還付通知日.", "paidOn");
        stream.AppendOne(new RefundPaid(holder.Id, refundId, request.PaidOn));
        return new PayerRefund(refundId, holder.Id, holder.CollectionNumber, holder.Subject, holder.Month, refund.Amount, refund.NotifiedOn, request.PaidOn);
    }
}
