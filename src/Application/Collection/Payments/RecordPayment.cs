using KosodateShien.Domain.Collection;

namespace KosodateShien.Application.Collection.Payments;

/// <summary>収納 on one charge: 納付額, 納付日, 日計日, 収納経路 and, when the caller read one, the version it expects.</summary>
public sealed record RecordPayment(Guid ChargeId, long Amount, DateOnly PaidOn, DateOnly BookedOn, PaymentChannel Channel, int? Version = null);

/// <summary>A recorded payment: what the charge owes after it, what it paid beyond that and where that went (充当・還付).</summary>
public sealed record PaymentOutcome(Guid ChargeId, Guid PaymentId, int Version, long Outstanding, long Overpaid, long Appropriated, long Refunded);

/// <summary>Who and what request a command's events come from (the audit metadata every event carries).</summary>
/// <param name="Headers">event headers, such as the operation (<c>POST /api/charges/{id}/payments</c>)</param>
public sealed record EventMetadata(string? UserName, string? CorrelationId, string? CausationId, IReadOnlyDictionary<string, object> Headers);
