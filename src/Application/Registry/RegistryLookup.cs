using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Application.Registry;

/// <summary>A person with the household they belong to now, as other areas need them.</summary>
public sealed record PersonInHousehold(Person Person, Household Household, HouseholdMember Membership);

/// <summary>Reads registry facts (宛名・世帯) that other areas decide with.</summary>
public static class RegistryLookup
{
    /// <summary>The person and their current household; a rule error naming <paramref name="field"/> if either is missing.</summary>
    public static async Task<PersonInHousehold> PersonInHouseholdAsync(this IQuerySession session, Guid personId, string field, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(personId, ct)
            ?? throw new DomainRuleException("registry.person-not-found", $"No person {personId} is registered.", field);
        var link = await session.LoadAsync<PersonMembership>(personId, ct);
        var household = link?.HouseholdId is { } householdId ? await session.LoadAsync<Household>(householdId, ct) : null;
        var membership = household?.CurrentMember(personId)
            ?? throw new DomainRuleException("registry.no-household", $"Person {personId} does not belong to a household now (転出?).", field);
        return new PersonInHousehold(person, household, membership);
    }
}
