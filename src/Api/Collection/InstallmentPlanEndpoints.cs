using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>分納誓約: 誓約日, the charges covered, and the 期別 (納付額, 納期限).</summary>
public sealed record InstallmentPlanRequest(DateOnly AgreedOn, IReadOnlyList<Guid> ChargeIds, IReadOnlyList<Installment> Installments) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (ChargeIds is null || ChargeIds.Count == 0) errors.Add("chargeIds", "name at least one charge.");
        else if (ChargeIds.Distinct().Count() != ChargeIds.Count) errors.Add("chargeIds", "must not repeat a charge.");
        if (Installments is null || Installments.Count == 0) errors.Add("installments", "give at least one installment.");
        else if (Installments.Count > 120) errors.Add("installments", "at most 120 installments.");
    }
}

/// <summary>The new plan's id and version.</summary>
public sealed record InstallmentPlanCreated(Guid Id, Guid PayerId, int Version, long Total) : CreationResponse($"/api/payers/{PayerId}/installment-plans");

/// <summary>One 期別 as it stands: amount, 納期限, paid / due / missed.</summary>
public sealed record InstallmentView(int Number, long Amount, DateOnly DueDate, InstallmentStatus Status);

/// <summary>A 分納誓約 as it stands on <paramref name="AsOf"/>; <paramref name="Missed"/> when an installment's 納期限 passed short.</summary>
public sealed record InstallmentPlanView(Guid Id, Guid PayerId, DateOnly AgreedOn, IReadOnlyList<Guid> ChargeIds, long Total, DateOnly AsOf, bool Missed,
    IReadOnlyList<InstallmentView> Installments);

public static class InstallmentPlanEndpoints
{
    /// <summary>Record a 分納誓約 for some of the payer's charges; it renews their 時効 (承認) from the next day.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/payers/{payerId}/installment-plans", OperationId = "AgreeInstallmentPlan")]
    public static async Task<InstallmentPlanCreated> Agree(Guid payerId, InstallmentPlanRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.AgreedOn, clock, "agreedOn");
        var charges = (await session.LoadManyAsync<Charge>(ct, request.ChargeIds)).ToList();
        if (charges.Count != request.ChargeIds.Count) throw new NotFoundException("A charge named in chargeIds does not exist.");
        var agreed = InstallmentPlan.Agree(payerId, request.AgreedOn, charges, request.Installments);
        session.Events.StartStream<InstallmentPlan>(agreed.PlanId, agreed);
        foreach (var charge in charges) session.Events.Append(charge.Id, charge.Version + 1, new InstallmentPlanAcknowledged(charge.Id, agreed.PlanId, request.AgreedOn));
        return new InstallmentPlanCreated(agreed.PlanId, payerId, 1, agreed.Total);
    }

    /// <summary>The payer's 分納誓約 with each installment paid, due or missed as of <c>asOf</c> (today by default).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/payers/{payerId}/installment-plans", OperationId = "ListInstallmentPlans")]
    public static async Task<IReadOnlyList<InstallmentPlanView>> List(Guid payerId, DateOnly? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        await session.RequirePersonAsync(payerId, "payer", ct);
        var day = asOf ?? clock.TodayJst();
        var plans = await session.Query<InstallmentPlan>().Where(p => p.PayerId == payerId).ToListAsync(ct);
        var charges = (await session.LoadManyAsync<Charge>(ct, plans.SelectMany(p => p.ChargeIds).Distinct())).ToDictionary(c => c.Id);
        return [.. plans.Where(p => p.AgreedOn <= day).OrderBy(p => p.AgreedOn).Select(plan =>
        {
            var statuses = plan.StatusOn(day, [.. plan.ChargeIds.Where(charges.ContainsKey).Select(id => charges[id])]);
            var installments = statuses.Select((s, i) => new InstallmentView(i + 1, s.Installment.Amount, s.Installment.DueDate, s.Status)).ToList();
            return new InstallmentPlanView(plan.Id, plan.PayerId, plan.AgreedOn, plan.ChargeIds, plan.Total, day, installments.Any(i => i.Status == InstallmentStatus.Missed),
                installments);
        })];
    }
}
