using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Registry;
using Marten;

namespace KosodateShien.Api.Registry;

/// <summary>
/// Adds members to a household: new persons get their own stream; an existing person (世帯変更)
/// leaves their current household in the same transaction.
/// </summary>
public static class HouseholdMembers
{
    public static async Task<IReadOnlyList<MemberRef>> JoinAsync(
        IDocumentSession session, Household household, IReadOnlyList<MemberInput> members, DateOnly effectiveDate,
        RegistryChangeReason reason, DateOnly today, List<object> householdEvents, CancellationToken ct)
    {
        var refs = new List<MemberRef>();
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var personId = member.PersonId is { } existing
                ? await MoveExistingPersonAsync(session, household.Id, existing, effectiveDate, $"members[{i}].personId", ct)
                : RegisterNewPerson(session, member, effectiveDate, today, $"members[{i}]");
            var joined = household.Join(personId, member.Role, member.Relationship.Trim(), effectiveDate, member.PersonId is null ? reason : RegistryChangeReason.HouseholdChange);
            household = Household.Evolve(household, joined)!;
            householdEvents.Add(joined);
            refs.Add(new MemberRef(member.PersonNumber, personId));
        }
        return refs;
    }

    private static Guid RegisterNewPerson(IDocumentSession session, MemberInput member, DateOnly effectiveDate, DateOnly today, string prefix)
    {
        if (member.BirthDate > today)
            throw new DomainRuleException("registry.birth-in-future", $"The birth date {member.BirthDate:yyyy-MM-dd} is in the future.", $"{prefix}.birthDate");
        var id = Guid.CreateVersion7();
        var events = new List<object> { new PersonRegistered(id, member.PersonNumber!, member.Name!.Trim(), member.Kana!.Trim(), member.BirthDate!.Value, member.Sex!.Value) };
        if (member.Contact is { } contact) events.Add(new ContactDetailsRecorded(id, contact.Kind, contact.Value.Trim(), effectiveDate));
        session.Events.StartStream<Person>(id, events);
        return id;
    }

    private static async Task<Guid> MoveExistingPersonAsync(IDocumentSession session, Guid targetHouseholdId, Guid personId, DateOnly effectiveDate, string field, CancellationToken ct)
    {
        if (await session.LoadAsync<Person>(personId, ct) is null)
            throw new DomainRuleException("registry.person-not-found", $"No person {personId} is registered.", field);
        var link = await session.LoadAsync<PersonMembership>(personId, ct);
        if (link?.HouseholdId is { } currentId && currentId != targetHouseholdId)
        {
            // Checked against the version read here: a concurrent change to the old household fails the whole move.
            var current = await session.Events.FetchForWriting<Household>(currentId, ct);
            current.AppendOne(current.Aggregate!.Leave(personId, effectiveDate, RegistryChangeReason.HouseholdChange));
        }
        return personId;
    }
}
