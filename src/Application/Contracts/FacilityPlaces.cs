using KosodateShien.Application.Common;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Application.Contracts;

/// <summary>
/// The 利用定員 check of a new placement (<see cref="ClassPlaces"/>), serialised per facility: it locks the facility's stream
/// row in the session's transaction (an <c>Idempotency-Key</c> request's outer one, or one begun here) until the commit, and
/// only then reads the facility and counts its placements. A second placement into the same facility waits for the first to
/// commit or roll back and then counts it, so two never both take the last place; 利用定員 changes wait the same way (they
/// append to that stream). Call it before anything else in the command takes a row lock.
/// </summary>
public static class FacilityPlaces
{
    public static async Task<Facility> RequireFreeAsync(IDocumentSession session, Guid facilityId, int classAge, DateOnly startsOn, string facilityField,
        CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await StreamLocks.LockAsync(session, [facilityId], ct);
        var facility = await session.LoadAsync<Facility>(facilityId, ct)
            ?? throw new DomainRuleException("placement.unknown-facility", $"Facility {facilityId} is not registered.", facilityField);
        var yearEnd = new DateOnly(JapaneseDates.FiscalYearOf(startsOn) + 1, 3, 31);
        var placements = await session.Query<Placement>()
            .Where(p => p.FacilityId == facilityId && p.StartsOn <= yearEnd && (p.EndsOn == null || p.EndsOn >= startsOn))
            .ToListAsync(ct);
        ClassPlaces.RequireFree(facility, placements, await session.BirthDatesAsync(placements.Select(p => p.ChildId), ct), classAge, startsOn, facilityField);
        return facility;
    }
}
