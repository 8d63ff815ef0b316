using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>催告: the issue date and the date to pay by.</summary>
/// <param name="IssuedOn">催告書発行日</param>
/// <param name="PayBy">催告書納付期限</param>
/// <param name="Version">the stream version read (optional: 409 when the charge moved on)</param>
public sealed record ReminderRequest(DateOnly IssuedOn, DateOnly PayBy, int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (PayBy <= IssuedOn) errors.Add("payBy", "催告書納付期限 must come after the issue date (issuedOn).");
        errors.OptionalVersion(Version);
    }
}

/// <summary>The 催告 run: the issue date and the date every 催告書 asks payment by.</summary>
/// <param name="IssuedOn">催告書発行日</param>
/// <param name="PayBy">催告書納付期限</param>
public sealed record ReminderRunRequest(DateOnly IssuedOn, DateOnly PayBy) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (PayBy <= IssuedOn) errors.Add("payBy", "催告書納付期限 must come after the issue date (issuedOn).");
    }
}

/// <summary>A 催告 the run issued.</summary>
/// <param name="Outstanding">未納額 on the issue date</param>
public sealed record ReminderSent(Guid ChargeId, string CollectionNumber, Guid PayerId, int Version, long Outstanding);

/// <summary>What a 催告 run issued.</summary>
/// <param name="Considered">dunned charges whose 督促 指定期限 passed before the issue date</param>
/// <param name="Stopped">of those, passed by because 督促・催告 was stopped on the issue date</param>
public sealed record ReminderRunResult(DateOnly IssuedOn, DateOnly PayBy, int Considered, int Issued, int Stopped, IReadOnlyList<ReminderSent> Reminders);

public static class ReminderEndpoints
{
    /// <summary>
    /// Issue a 催告 for one charge: after 納期限, while something is owed and the claim stands, not while collection is stopped;
    /// one per charge and issue date. A 催告 renews no 時効.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/charges/{id}/reminders", OperationId = "IssueReminder")]
    public static Task<ChargeView> Remind(Guid id, ReminderRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        DateChecks.NotInFuture(request.IssuedOn, clock, "issuedOn");
        return ChargeChanges.ApplyAsync(session, id, request.Version, clock, charge => charge.Remind(request.IssuedOn, request.PayBy), ct);
    }

    /// <summary>
    /// The 催告 run: a 催告 for every charge still owing whose 督促 指定期限 (for a returned 督促状, the one counted from its 公示送達)
    /// passed before the issue date, except charges stopped (督促・催告停止) on that day, cancelled, written off, paid or whose claim
    /// is extinguished. Safe to repeat: a charge reminded on the issue date is not reminded again.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/reminder-runs", OperationId = "RunReminders")]
    public static async Task<ReminderRunResult> Run(ReminderRunRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var day = request.IssuedOn;
        DateChecks.NotInFuture(day, clock, "issuedOn");
        var dunned = await session.Query<Charge>().Where(c => c.Dunning != null && c.DueDate < day).ToListAsync(ct);
        var lapsed = dunned.Where(c => c.AsOf(day).Dunning?.DeadlineInForce < day).ToList();
        var sent = new List<ReminderSent>();
        var stopped = 0;
        foreach (var charge in lapsed.OrderBy(c => c.CollectionNumber, StringComparer.Ordinal))
        {
            var then = charge.AsOf(day);
            if (charge.CancelledOn is not null || charge.WriteOff is not null || then.Outstanding == 0 || charge.Extinction(day) is not null) continue;
            if ((charge.Reminders ?? []).Any(r => r.IssuedOn == day)) continue;
            if (charge.IsStoppedOn(day))
            {
                stopped++;
                continue;
            }
            var stream = await session.Events.FetchForWriting<Charge>(charge.Id, charge.Version, ct);
            stream.AppendOne(charge.Remind(day, request.PayBy));
            sent.Add(new ReminderSent(charge.Id, charge.CollectionNumber, charge.PayerId, charge.Version + 1, then.Outstanding));
        }
        return new ReminderRunResult(day, request.PayBy, lapsed.Count, sent.Count, stopped, sent);
    }
}
