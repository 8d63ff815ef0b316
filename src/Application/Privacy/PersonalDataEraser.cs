using KosodateShien.Application.Rules;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Privacy;
using Marten;

namespace KosodateShien.Application.Privacy;

/// <summary>
/// 消去の実施 (crypto-shredding): checks the person's records against the retention rules in force, notes their former values (to
/// search for afterwards, never stored), deletes their key (and their households' where no one else is left), records the erasure on
/// the erasure, person and household streams, then searches every table for the former values and records what it found.
/// </summary>
public static class PersonalDataEraser
{
    public static Task EnsureDefaultRulesAsync(IDocumentStore store, CancellationToken ct) => RuleSetStore.EnsureDefaultAsync(store, RetentionRules.Default, ct);

    /// <summary>The retention rules in force on a day.</summary>
    public static async Task<RetentionRules> RulesInForceAsync(IDocumentStore store, DateOnly asOf, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return RuleSetVersions.InForceOn(await session.AllVersionsAsync<RetentionRules>(ct), asOf, "retention rule set");
    }

    /// <summary>The retention check for one person on a day, under the rules in force.</summary>
    public static async Task<RetentionDecision> AssessAsync(IDocumentStore store, Guid personId, DateOnly asOf, CancellationToken ct)
    {
        var rules = await RulesInForceAsync(store, asOf, ct);
        var records = await PersonRecords.ForAsync(store, [personId], asOf, ct);
        return RetentionAssessment.Assess(personId, records.GetValueOrDefault(personId) ?? [], rules, asOf);
    }

    /// <summary>Approves and carries out a pending erasure. <paramref name="expectedVersion"/> guards against a concurrent decision.</summary>
    public static async Task<Erasure> EraseAsync(IDocumentStore store, Guid erasureId, int? expectedVersion, string approvedBy, TimeProvider clock, CancellationToken ct)
    {
        var shredded = await ShredAsync(store, erasureId, expectedVersion, approvedBy, null, clock, ct);
        await RecordSearchAsync(store, [shredded], clock, ct);
        await using var session = store.QuerySession();
        return (await session.LoadAsync<Erasure>(erasureId, ct))!;
    }

    /// <summary>An erasure carried out (its version now) and the former values to search every table for.</summary>
    public sealed record Shredded(Guid ErasureId, int Version, IReadOnlyList<string> Sought);

    /// <summary>
    /// Deletes the keys and records the erasure. The retention check is made today unless the caller (a retention run) made it
    /// already for the day it runs on.
    /// </summary>
    public static async Task<Shredded> ShredAsync(IDocumentStore store, Guid erasureId, int? expectedVersion, string approvedBy, RetentionDecision? checkedRetention,
        TimeProvider clock, CancellationToken ct)
    {
        var today = clock.TodayJst();
        var keys = store.PersonalDataKeys();
        await using var session = store.LightweightSession();
        var stream = expectedVersion is { } version
            ? await session.Events.FetchForWriting<Erasure>(erasureId, version, ct)
            : await session.Events.FetchForWriting<Erasure>(erasureId, ct);
        var erasure = stream.Aggregate ?? throw new InvalidOperationException($"Erasure {erasureId} does not exist.");
        var person = await session.LoadAsync<Person>(erasure.PersonId, ct)
            ?? throw new DomainRuleException("erasure.person-unknown", $"Person {erasure.PersonId} does not exist.", "personId");
        person.EnsureNotErased();

        var retention = checkedRetention ?? await AssessAsync(store, person.Id, today, ct);
        erasure.EnsureApprovable(approvedBy, retention);

        var households = await session.Query<Household>().Where(h => h.Members.Any(m => m.PersonId == person.Id)).ToListAsync(ct);
        var others = households.SelectMany(h => h.Members.Select(m => m.PersonId)).Where(id => id != person.Id).Distinct().ToList();
        var stillKept = (await session.LoadManyAsync<Person>(ct, others)).Where(p => p.ErasedOn is null).Select(p => p.Id).ToHashSet();
        var emptied = households.Where(h => h.Members.All(m => !stillKept.Contains(m.PersonId))).ToList();
        var sought = await FormerValuesAsync(session, person.Id, emptied, ct);

        var subjects = new List<ErasedSubject> { Subject(await keys.ShredAsync(person.Id, erasureId, ct), DataSubjectKind.Person) };
        foreach (var household in emptied) subjects.Add(Subject(await keys.ShredAsync(household.Id, erasureId, ct), DataSubjectKind.Household));

        IReadOnlyList<string> items = emptied.Count > 0 ? [.. Erasure.PersonDataItems, .. Erasure.HouseholdDataItems] : Erasure.PersonDataItems;
        stream.AppendOne(new PersonalDataErased(erasureId, person.Id, today, approvedBy, subjects, items, retention));
        session.Events.Append(person.Id, person.Version + 1, new PersonErased(person.Id, erasureId, today));
        foreach (var household in emptied) session.Events.Append(household.Id, household.Version + 1, new HouseholdAddressErased(household.Id, erasureId, today));
        await session.SaveChangesAsync(ct);
        return new Shredded(erasureId, erasure.Version + 1, sought);
    }

    /// <summary>
    /// 残存確認 for erasures just carried out: one search of every table for all their former values together (a run's erasures
    /// cost one scan, not one each); only if something is found is each searched on its own, so the residue is told per erasure.
    /// </summary>
    public static async Task RecordSearchAsync(IDocumentStore store, IReadOnlyList<Shredded> erasures, TimeProvider clock, CancellationToken ct)
    {
        if (erasures.Count == 0) return;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // Answers kept for idempotency keys (a day at most) may repeat a name the person had: forget those, as the keys forgot it.
        await PlaintextSearch.DeleteHoldingAsync(connection, Projections.IdempotencyTable.QualifiedName(store.Options.DatabaseSchemaName),
            [.. erasures.SelectMany(e => e.Sought).Distinct()], ct);
        var together = await PlaintextSearch.SearchAsync(connection, [.. erasures.SelectMany(e => e.Sought).Distinct()], ct);
        await using var session = store.LightweightSession();
        foreach (var erasure in erasures)
        {
            var search = together.Residue.Count == 0 || erasures.Count == 1 ? together : await PlaintextSearch.SearchAsync(connection, erasure.Sought, ct);
            session.Events.Append(erasure.ErasureId, erasure.Version + 1,
                new ErasureVerified(erasure.ErasureId, clock.GetUtcNow(), erasure.Sought.Count, search.TablesSearched, search.Residue));
        }
        await session.SaveChangesAsync(ct);
    }

    private static ErasedSubject Subject(ShreddedKey key, DataSubjectKind kind) => new(key.SubjectId, kind, key.Fingerprint, key.KeyCreatedAt, key.ErasedAt);

    /// <summary>
    /// Every value the person's (and the emptied households') personal data ever had: 氏名, フリガナ, 連絡先, 住所, 口座名義. Postal
    /// codes and account numbers are left out: short digit strings turn up in unrelated rows, so a search for them proves nothing.
    /// </summary>
    private static async Task<IReadOnlyList<string>> FormerValuesAsync(IDocumentSession session, Guid personId, IReadOnlyList<Household> households, CancellationToken ct)
    {
        var values = new HashSet<string>();
        foreach (var e in await session.Events.FetchStreamAsync(personId, token: ct))
        {
            switch (e.Data)
            {
                case PersonRegistered r: values.Add(r.Name); values.Add(r.Kana); break;
                case PersonDetailsChanged c: values.Add(c.Name); values.Add(c.Kana); break;
                case ContactDetailsRecorded c: values.Add(c.Value); break;
            }
        }
        foreach (var household in households)
            foreach (var e in await session.Events.FetchStreamAsync(household.Id, token: ct))
                if (e.Data is HouseholdRegistered { Address: var registered }) values.Add(registered.Text);
                else if (e.Data is HouseholdAddressChanged { Address: var changed }) values.Add(changed.Text);
        foreach (var mandate in await session.Query<DirectDebitMandate>().Where(m => m.PayerId == personId).ToListAsync(ct))
            values.Add(mandate.Account.HolderKana);
        return [.. values.Where(v => v.Length >= 3 && !PersonalData.IsErased(v))];
    }
}
