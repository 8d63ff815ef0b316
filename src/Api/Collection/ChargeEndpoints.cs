using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Collection;
using KosodateShien.Application.Collection.Payments;
using KosodateShien.Api.Http.Idempotency;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Collection;

/// <summary>
/// 調定 entered by hand: 納入義務者, 科目, 賦課年度, 賦課年月 (<c>YYYY-MM</c>), 調定額 and, when the collection rules' 納期限
/// should not apply, 納期限.
/// </summary>
public sealed record CreateChargeRequest(Guid PayerId, CollectionSubject Subject, int FiscalYear, string Month, long Amount, DateOnly? DueDate = null,
    Guid? HouseholdId = null, string? FacilityNumber = null) : IValidatedRequest
{
    public DateOnly? FirstDay => MonthText.FirstDay(Month);

    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("payerId", PayerId);
        errors.Range("amount", Amount, 1, 100_000_000);
        errors.Optional("facilityNumber", FacilityNumber, 20);
        if (FirstDay is not { } month) errors.Add("month", "must be a month, YYYY-MM.");
        else if (JapaneseDates.FiscalYearOf(month) != FiscalYear) errors.Add("fiscalYear", $"must be the 年度 of the month ({JapaneseDates.FiscalYearOf(month)} for {Month}).");
    }
}

/// <summary>収納: 納付額, 納付日, 日計日 (the day the treasury books it; 納付日 when left out), 収納経路 and, optionally, the version read.</summary>
public sealed record PaymentRequest(long Amount, DateOnly PaidOn, DateOnly? BookedOn = null, PaymentChannel? Channel = null, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("amount", Amount, 1, 100_000_000);
        if (BookedOn < PaidOn) errors.Add("bookedOn", "日計日 cannot be before 納付日 (paidOn).");
        if (Version is { } version) errors.Version(version);
    }
}

/// <summary>更正: the new 調定額, 更正年月日 and 事由.</summary>
public sealed record ChargeCorrectionRequest(long Amount, DateOnly CorrectedOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("amount", Amount, 0, 100_000_000);
        errors.Required("reason", Reason, 500);
        errors.Version(Version);
    }
}

/// <summary>調定取消: 取消年月日 and 事由.</summary>
public sealed record ChargeCancellationRequest(DateOnly CancelledOn, string Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("reason", Reason, 500);
        errors.Version(Version);
    }
}

/// <summary>The new charge's id, 徴収番号 and version.</summary>
public sealed record ChargeCreated(Guid Id, string CollectionNumber, int Version) : CreationResponse($"/api/charges/{Id}");

/// <summary>A recorded payment, with what the charge owes after it, and what it paid beyond that and where that went.</summary>
/// <param name="Version">the stream version after the payment and the 充当・還付 it led to</param>
/// <param name="Outstanding">未納額 left on the charge</param>
/// <param name="Overpaid">過誤納額 the payment left on the charge, settled in the same transaction: <paramref name="Appropriated"/> + <paramref name="Refunded"/></param>
/// <param name="Appropriated">充当額: of the 過誤納, what was applied to the payer's other unpaid charges (each counting as paid on its 充当適状日)</param>
/// <param name="Refunded">還付額: of the 過誤納, what is to be refunded (listed under the payer's refunds)</param>
public sealed record PaymentRecorded(Guid ChargeId, Guid PaymentId, int Version, long Outstanding, long Overpaid, long Appropriated, long Refunded);

public static class ChargeEndpoints
{
    /// <summary>Raise a 調定 by hand (the monthly 調定 from the fee notices needs no call). One charge per payer × 賦課年度 × month × 科目: another for the same key is 409; correct it instead.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges", OperationId = "CreateCharge")]
    public static async Task<ChargeCreated> Create(CreateChargeRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var month = request.FirstDay!.Value;
        if (await session.LoadAsync<Person>(request.PayerId, ct) is null)
            throw new DomainRuleException("charge.unknown-payer", "The payer (納入義務者) is not a registered person.", "payerId");
        var rules = request.DueDate is null ? await session.CollectionRulesInForceAsync(month, ct) : null;
        var today = clock.TodayJst();
        var assessed = Charge.Assess(await session.NextCollectionNumberAsync(request.FiscalYear, ct), request.PayerId, request.HouseholdId, request.Subject, month,
            request.Amount, request.DueDate ?? rules!.DueDateFor(request.Subject, month), today, ChargeSource.Manual, rules?.Version, request.FacilityNumber?.Trim());
        session.Events.StartStream<Charge>(assessed.ChargeId, assessed);
        return new ChargeCreated(assessed.ChargeId, assessed.CollectionNumber, 1);
    }

    /// <summary>A 調定 as it stood at the end of <c>asOf</c> (today by default): status, amounts, 納期限, 時効完成日, corrections and payments up to that day.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/charges/{id}", OperationId = "GetCharge")]
    public static async Task<ChargeView> Get(Guid id, DateOnly? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var charge = await session.LoadAsync<Charge>(id, ct) ?? throw new NotFoundException($"No charge {id}.");
        return ChargeView.Of(charge, asOf ?? clock.TodayJst());
    }

    /// <summary>A charge's events (調定, 更正, 収納, 取消) with who recorded them.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/charges/{id}/history", OperationId = "GetChargeHistory")]
    public static Task<IReadOnlyList<EventRecord>?> History(Guid id, IQuerySession session, CancellationToken ct) => session.HistoryAsync<Charge>(id, ct);

    /// <summary>
    /// Record a payment (収納). Any positive amount is taken, also beyond what is owed: the excess (過誤納) is applied (充当)
    /// to the payer's other unpaid charges or refunded (還付) in the same transaction, so the next read shows it. Without
    /// <c>version</c> payments arriving together are all recorded, one after another; with it, a charge that moved on is
    /// 409. A payment whose excess would be applied to a charge being written at the same moment may be refused (409).
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/payments", OperationId = "RecordPayment")]
    public static async Task<PaymentRecorded> Pay(Guid id, PaymentRequest request, IDocumentSession session, PaymentBatches payments, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.PaidOn, clock, "paidOn");
        var command = new RecordPayment(id, request.Amount, request.PaidOn, request.BookedOn ?? request.PaidOn, request.Channel ?? PaymentChannel.Counter, request.Version);
        // A request with an Idempotency-Key writes in the transaction that keeps its answer, so it cannot share a batch's.
        var outcome = IdempotencyScope.Current is not null
            ? await PaymentRecording.RecordAsync(session, command, clock.TodayJst(), ct)
            : await payments.RecordAsync(command, session.EventMetadata());
        return new PaymentRecorded(outcome.ChargeId, outcome.PaymentId, outcome.Version, outcome.Outstanding, outcome.Overpaid, outcome.Appropriated, outcome.Refunded);
    }

    /// <summary>更正 of the 調定額 (a decrease below what was paid leaves a 過誤納, applied to the payer's other charges or refunded in the same transaction).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/corrections", OperationId = "CorrectCharge")]
    public static Task<(UpdatedAggregate, Events)> Correct(ChargeCorrectionRequest request, [WriteAggregate] Charge charge, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        Then(session, charge, charge.AtVersion(request.Version).Correct(request.Amount, request.CorrectedOn, request.Reason.Trim()), clock, ct);

    /// <summary>調定取消 (what was paid on it becomes a 過誤納, applied to the payer's other charges or refunded in the same transaction).</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/cancellation", OperationId = "CancelCharge")]
    public static Task<(UpdatedAggregate, Events)> Cancel(ChargeCancellationRequest request, [WriteAggregate] Charge charge, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        Then(session, charge, charge.AtVersion(request.Version).Cancel(request.CancelledOn, request.Reason.Trim()), clock, ct);

    /// <summary>The event (if any), followed by the 充当・還付 of the 過誤納 it leaves (the other charges' side is appended by the settlement).</summary>
    private static async Task<(UpdatedAggregate, Events)> Then(IDocumentSession session, Charge charge, object? e, TimeProvider clock, CancellationToken ct)
    {
        if (e is null) return (new UpdatedAggregate(), new Events([]));
        var settled = await OverpaymentSettlements.SettleAsync(session, [Charge.Evolve(charge, e)!], clock.TodayJst(), ct);
        return (new UpdatedAggregate(), new Events([e, .. settled.For(charge.Id)]));
    }

    /// <summary>
    /// A payer's account (収納状況): every charge with the totals owed, paid and overpaid, as of <c>asOf</c> (today by default).
    /// A registered person with no charges has an empty account; an id that is no registered person is 404.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/payers/{id}/account", OperationId = "GetPayerAccount")]
    public static async Task<PayerAccount> Account(Guid id, DateOnly? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var day = asOf ?? clock.TodayJst();
        var charges = await session.Query<Charge>().Where(c => c.PayerId == id).ToListAsync(ct);
        if (charges.Count == 0 && !await session.Query<Person>().AnyAsync(p => p.Id == id, ct)) throw new NotFoundException($"No payer (納入義務者) {id}.");
        var views = charges.Where(c => c.AssessedOn <= day).OrderBy(c => c.DueDate).ThenBy(c => c.Subject).Select(c => ChargeView.Of(c, day)).ToList();
        return new PayerAccount(id, day, views.Sum(v => v.CancelledOn is null ? v.Amount : 0), views.Sum(v => v.Paid), views.Sum(v => v.Outstanding),
            views.Sum(v => v.Overpaid), views.Sum(v => v.RefundDue), views);
    }

}
