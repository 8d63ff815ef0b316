using KosodateShien.Domain.Registry;
using Marten.Events.Projections;

namespace KosodateShien.Projections.Registry;

/// <summary>
/// Which household a person belongs to now (世帯員の所属), keyed by person id. Built from the household
/// streams so a person's file can find its household without scanning them.
/// </summary>
public sealed record PersonMembership(Guid Id, Guid? HouseholdId, HouseholdRole? Role, string? Relationship, DateOnly Since);

public sealed partial class PersonMembershipProjection : MultiStreamProjection<PersonMembership, Guid>
{
    public PersonMembershipProjection()
    {
        Identity<HouseholdMemberJoined>(e => e.PersonId);
        Identity<HouseholdMemberLeft>(e => e.PersonId);
    }

    public static PersonMembership Create(HouseholdMemberJoined e) => new(e.PersonId, e.HouseholdId, e.Role, e.Relationship, e.EffectiveDate);

    public PersonMembership Apply(HouseholdMemberJoined e, PersonMembership current) => new(e.PersonId, e.HouseholdId, e.Role, e.Relationship, e.EffectiveDate);

    // A 世帯変更 appends "left the old household" before "joined the new one"; only clear the link if it still points at the household left.
    public PersonMembership Apply(HouseholdMemberLeft e, PersonMembership current) =>
        current.HouseholdId == e.HouseholdId ? current with { HouseholdId = null, Role = null, Relationship = null, Since = e.EffectiveDate } : current;
}
