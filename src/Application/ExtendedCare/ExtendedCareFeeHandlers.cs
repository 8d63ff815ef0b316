using JasperFx.Events;
using KosodateShien.Application.Charges;
using KosodateShien.Application.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Projections.ExtendedCare;
using Marten;
using Wolverine;

namespace KosodateShien.Application.ExtendedCare;

/// <summary>
/// Appends to extended-care streams through one <c>FetchForWriting</c> handle per contract for a whole job, keeping the state it
/// has appended so far (a concurrent writer still fails the commit on the version read).
/// </summary>
public sealed class ExtendedCareWriter(IDocumentSession session)
{
    private readonly Dictionary<Guid, (IEventStream<ExtendedCareContract> Stream, ExtendedCareContract? State)> streams = [];

    public async Task<ExtendedCareContract?> StateAsync(Guid contractId, CancellationToken ct)
    {
        if (!streams.TryGetValue(contractId, out var entry))
        {
            var stream = await session.Events.FetchForWriting<ExtendedCareContract>(contractId, ct);
            streams[contractId] = entry = (stream, stream.Aggregate);
        }
        return entry.State;
    }

    public async Task AppendAsync(Guid contractId, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await StateAsync(contractId, ct);
        var (stream, state) = streams[contractId];
        foreach (var e in events)
        {
            stream.AppendOne(e);
            state = ExtendedCareContract.Evolve(state, e);
        }
        streams[contractId] = (stream, state);
    }
}

public static class DetermineExtendedCareFeesHandler
{
    public static async Task<OutgoingMessages> Handle(DetermineExtendedCareFees message, IDocumentSession session, CancellationToken ct)
    {
        var writer = new ExtendedCareWriter(session);
        if (await writer.StateAsync(message.ContractId, ct) is not { } contract) return [];
        var events = await ExtendedCareFeeDeterminations.DetermineAsync(contract, message.FromMonth, message.ToMonth, message.Reason, new ExtendedCareFeeContext(session), ct);
        await writer.AppendAsync(message.ContractId, events, ct);
        return ChargeFollowUp.After(contract.HouseholdId, events.Select(e => e.Month));
    }
}

public static class DetermineMonthlyExtendedCareFeesHandler
{
    /// <summary>Recorded as the user on events of a run nobody started by hand.</summary>
    public const string SystemUser = "system:monthly-extended-care-run";

    /// <summary>
    /// Every contract of the month's 年度 that covers the month, or was charged for it before (利用終了 brought forward), gets the
    /// month determined. Months that cannot be computed yet (日単位 without 利用実績, no 利用者負担額決定) are left for later.
    /// </summary>
    public static async Task Handle(DetermineMonthlyExtendedCareFees message, IDocumentSession session, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(session.LastModifiedBy)) session.LastModifiedBy = SystemUser;
        var month = FeeDeterminations.MonthOf(message.Month);
        var writer = new ExtendedCareWriter(session);
        var context = new ExtendedCareFeeContext(session);
        foreach (var candidate in await session.ContractsForMonthAsync(month, null, ct))
        {
            if (!candidate.CoversMonth(month) && candidate.FeeFor(month) is null) continue;
            if (await writer.StateAsync(candidate.Id, ct) is not { } contract) continue;
            var events = await ExtendedCareFeeDeterminations.DetermineAsync(contract, month, month, ExtendedCareFeeReason.MonthlyRun, context, ct);
            await writer.AppendAsync(contract.Id, events, ct);
        }
    }
}
