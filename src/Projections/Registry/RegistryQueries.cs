using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Projections.Registry;

/// <summary>Composes the registry screens from the inline snapshots in one or two round trips.</summary>
public static class RegistryQueries
{
    /// <summary>生年月日 by person id (the JSON field alone: no personal data is opened).</summary>
    public static async Task<IReadOnlyDictionary<Guid, DateOnly>> BirthDatesAsync(this IQuerySession session, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, DateOnly>();
        return (await session.Query<Person>().Where(p => ids.Contains(p.Id)).Select(p => new PersonBirth(p.Id, p.BirthDate)).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => p.BirthDate);
    }

    private sealed record PersonBirth(Guid Id, DateOnly BirthDate);

    public static async Task<HouseholdView?> HouseholdViewAsync(this IQuerySession session, Guid id, CancellationToken ct)
    {
        var household = await session.LoadAsync<Household>(id, ct);
        if (household is null) return null;
        var members = await MemberViewsAsync(session, household.Members, ct);
        return new HouseholdView(household.Id, household.HouseholdNumber, household.Address, household.Version,
            [.. members.Where(m => m.Until is null)], [.. members.Where(m => m.Until is not null)], household.Welfare);
    }

    public static async Task<ChildFile?> ChildFileAsync(this IQuerySession session, Guid id, DateOnly today, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var personTask = batch.Load<Person>(id);
        var linkTask = batch.Load<PersonMembership>(id);
        var certificationsTask = batch.Query<CertificationState>().Where(c => c.ChildId == id).ToList();
        await batch.Execute(ct);

        var person = await personTask;
        if (person is null) return null;
        var link = await linkTask;
        var household = link?.HouseholdId is { } householdId ? await session.LoadAsync<Household>(householdId, ct) : null;
        var membership = household?.CurrentMember(id);
        if (membership is { Role: not HouseholdRole.Child }) return null;
        var guardians = household is null ? [] : await MemberViewsAsync(session, [.. household.CurrentMembers.Where(m => m.Role == HouseholdRole.Guardian)], ct);

        return new ChildFile(person.Id, person.PersonNumber, person.Name, person.Kana, person.BirthDate, person.Sex,
            JapaneseDates.LegalAgeOn(person.BirthDate, today), JapaneseDates.ClassAge(person.BirthDate, JapaneseDates.FiscalYearOf(today)),
            household is null || membership is null ? null : new ChildHousehold(household.Id, household.HouseholdNumber, household.Address, membership.Relationship, household.Version),
            guardians, household?.Welfare ?? [],
            [.. (await certificationsTask).OrderByDescending(c => c.ApplicationDate).Select(CertificationSummary.From)]);
    }

    private static async Task<IReadOnlyList<MemberView>> MemberViewsAsync(IQuerySession session, IReadOnlyList<HouseholdMember> members, CancellationToken ct)
    {
        var ids = members.Select(m => m.PersonId).Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var personsTask = batch.LoadMany<Person>().ById(ids);
        var taxTask = batch.Query<TaxYear>().Where(t => ids.Contains(t.PersonId)).ToList();
        await batch.Execute(ct);
        var persons = (await personsTask).ToDictionary(p => p.Id);
        var taxByPerson = (await taxTask).ToLookup(t => t.PersonId);

        return [.. members.Where(m => persons.ContainsKey(m.PersonId)).Select(m =>
        {
            var p = persons[m.PersonId];
            return new MemberView(p.Id, p.PersonNumber, p.Name, p.Kana, p.BirthDate, p.Sex, m.Role, m.Relationship, m.Since, m.Until, p.Version, p.Contacts,
                [.. taxByPerson[p.Id].OrderByDescending(t => t.FiscalYear).Select(TaxYearView.From)]);
        })];
    }
}
