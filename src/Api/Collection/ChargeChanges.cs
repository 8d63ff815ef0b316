using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using Marten;

namespace KosodateShien.Api.Collection;

/// <summary>One decision on one charge, taken under the stream's lock so that it sees every write before it.</summary>
internal static class ChargeChanges
{
    /// <summary>
    /// Locks the charge, checks the version when the client sent one (409 when it moved on), appends what
    /// <paramref name="decide"/> returns and answers the charge as it then stands today.
    /// </summary>
    public static async Task<ChargeView> ApplyAsync(IDocumentSession session, Guid id, int? version, TimeProvider clock, Func<Charge, object> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<Charge>(id, ct);
        var charge = stream.Aggregate ?? throw new NotFoundException($"No charge {id}.");
        if (version is { } expected) charge.AtVersion(expected);
        var e = decide(charge);
        stream.AppendOne(e);
        var after = Charge.Evolve(charge, e)!;
        after.Version = charge.Version + 1;
        return ChargeView.Of(after, clock.TodayJst());
    }

    /// <summary>A version, when sent, is a stream version (1 or more).</summary>
    public static void OptionalVersion(this FieldErrors errors, int? version)
    {
        if (version is { } v) errors.Version(v);
    }
}
