using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>収納 for the payer as a whole: 納付額, 納付日, 日計日 (the day the treasury books it; 納付日 when left out) and 収納経路 (窓口 when left out).</summary>
/// <param name="Amount">納付額</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Channel">収納経路</param>
public sealed record PayerPaymentRequest(long Amount, DateOnly PaidOn, DateOnly? BookedOn = null, PaymentChannel? Channel = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("amount", Amount, 1, 100_000_000);
        if (BookedOn < PaidOn) errors.Add("bookedOn", "日計日 cannot be before 納付日 (paidOn).");
    }
}

/// <summary>One charge a payer's payment paid into.</summary>
/// <param name="ChargeId">the 調定</param>
/// <param name="CollectionNumber">徴収番号</param>
/// <param name="Subject">科目</param>
/// <param name="Month">賦課年月 (first day)</param>
/// <param name="DueDate">納期限</param>
/// <param name="PaymentId">the payment recorded on the charge</param>
/// <param name="Amount">納付額 recorded on the charge (what was applied, plus the excess on the charge that holds it)</param>
/// <param name="Applied">充当額: what the payment paid of what the charge owed</param>
/// <param name="Outstanding">未納額 left on the charge</param>
/// <param name="LateFee">延滞金 raised because the payment paid the charge off after 納期限 (0: none)</param>
/// <param name="LateFeeChargeId">the 延滞金 charge raised</param>
public sealed record PayerPaymentPart(Guid ChargeId, string CollectionNumber, CollectionSubject Subject, DateOnly Month, DateOnly DueDate, Guid PaymentId, long Amount,
    long Applied, long Outstanding, long LateFee, Guid? LateFeeChargeId);

/// <summary>
/// A payer's payment as recorded: how it was spread (収納充当) over the payer's charges, in the order of the collection rule
/// version in force on 納付日, and what was beyond everything owed. The payer's account is at <c>url</c>.
/// </summary>
/// <param name="AllocationId">names the payments the parts became (each charge's payment carries it)</param>
/// <param name="PayerId">納入義務者</param>
/// <param name="Amount">納付額</param>
/// <param name="PaidOn">納付日</param>
/// <param name="BookedOn">日計日</param>
/// <param name="Channel">収納経路</param>
/// <param name="RuleVersion">the collection rule version whose 収納充当順位 was used</param>
/// <param name="Order">収納充当順位</param>
/// <param name="Parts">every charge paid into, in the order paid</param>
/// <param name="Excess">過誤納額: received beyond everything owed on 納付日, settled in the same transaction: <paramref name="Appropriated"/> + <paramref name="Refunded"/></param>
/// <param name="ExcessChargeId">the charge holding the excess (the last paid into, or the newest when nothing was owed)</param>
/// <param name="Appropriated">充当額: of the excess, what was applied to the payer's other unpaid charges (each counting as paid on its 充当適状日)</param>
/// <param name="Refunded">還付額: of the excess, what is to be refunded (listed under the payer's refunds)</param>
public sealed record PayerPaymentRecorded(Guid AllocationId, Guid PayerId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel, int RuleVersion,
    PaymentAllocationOrder Order, IReadOnlyList<PayerPaymentPart> Parts, long Excess, Guid? ExcessChargeId, long Appropriated, long Refunded)
    : CreationResponse($"/api/payers/{PayerId}/account");

public static class PayerPaymentEndpoints
{
    /// <summary>
    /// Record a payment for the payer as a whole (収納充当): it pays the payer's charges owing on 納付日 (assessed by then,
    /// neither cancelled nor written off) in the 収納充当順位 of the collection rules in force on 納付日 — by default 本税 by
    /// oldest 納期限 first, then 延滞金 and 督促手数料; within one 納期限 by 徴収番号. Each charge paid into gets a payment of
    /// its own naming the allocation and the rule version; a charge paid off after 納期限 gets its 延滞金. An amount beyond
    /// everything owed stays on the last charge paid into (the newest charge when nothing was owed) as a 過誤納, applied to
    /// the payer's other charges or refunded in the same transaction; a payer with no charge to hold it is 422. Payments
    /// arriving together are all recorded, one after another.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/payers/{payerId}/payments", OperationId = "RecordPayerPayment")]
    public static async Task<PayerPaymentRecorded> Pay(Guid payerId, PayerPaymentRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.PaidOn, clock, "paidOn");
        if (await session.LoadAsync<Person>(payerId, ct) is null) throw new NotFoundException($"No payer (納入義務者) {payerId}.");
        var received = await PayerPayments.ReceiveAsync(session, payerId, request.Amount, request.PaidOn, request.BookedOn ?? request.PaidOn,
            request.Channel ?? PaymentChannel.Counter, clock.TodayJst(), ct);
        var a = received.Allocation;
        var lateFees = received.LateFees.ToDictionary(f => f.ChargeId);
        var parts = a.Parts.Select(p => new PayerPaymentPart(p.ChargeId, p.CollectionNumber, p.Subject, p.Month, p.DueDate, p.PaymentId, p.Amount, p.Applied, p.Outstanding,
            lateFees.GetValueOrDefault(p.ChargeId)?.Amount ?? 0, lateFees.GetValueOrDefault(p.ChargeId)?.LateFeeChargeId)).ToList();
        return new PayerPaymentRecorded(a.AllocationId, payerId, a.Amount, a.PaidOn, a.BookedOn, a.Channel, a.RuleVersion, a.Order, parts, a.Excess, a.ExcessChargeId,
            received.Appropriated, received.Refunded);
    }
}
