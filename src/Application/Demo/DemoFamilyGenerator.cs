using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>
/// Writes one household's 住民記録 through the <see cref="Household"/> aggregate: the household stream
/// (登録 by 転入 or 出生, 世帯員の加入, 福祉状況, sometimes 転出 of everyone), and a person stream per member
/// (宛名 plus a mobile number for each guardian).
/// </summary>
internal sealed class DemoFamilyGenerator(DemoRandom random, DemoRegistryNumbers numbers, DemoAddressBook addresses, DateOnly today)
{
    private static readonly string[] MobilePrefixes = ["090", "090", "080", "080", "070"];

    private readonly DemoFamilyMembers _members = new(random, today);
    private readonly DemoWelfareStatuses _welfare = new(random, today);

    public DemoFamily Generate(ICollection<DemoStream> streams)
    {
        var singleParent = random.Chance(0.10);
        var (guardianDrafts, childDrafts, otherDrafts) = _members.Draw(singleParent);
        var eldestBirth = childDrafts[0].BirthDate;
        var head = guardianDrafts[0];

        var bornHere = random.Chance(0.15);
        var reason = bornHere ? RegistryChangeReason.Birth : RegistryChangeReason.MoveIn;
        var registeredOn = bornHere ? head.BirthDate : MoveInDate(guardianDrafts, eldestBirth);

        var joins = new List<(DemoMemberDraft Member, DateOnly Date, RegistryChangeReason Reason)>();
        foreach (var guardian in guardianDrafts)
        {
            joins.Add(guardian == head
                ? (guardian, registeredOn, reason)
                : (guardian, bornHere ? MarriageDate(guardianDrafts, eldestBirth) : registeredOn, RegistryChangeReason.MoveIn));
        }
        foreach (var child in childDrafts)
        {
            joins.Add(child.BirthDate >= registeredOn ? (child, child.BirthDate, RegistryChangeReason.Birth) : (child, registeredOn, RegistryChangeReason.MoveIn));
        }
        foreach (var other in otherDrafts)
        {
            var from = Later(registeredOn, eldestBirth);
            joins.Add((other, !bornHere && random.Chance(0.7) ? registeredOn : random.Date(from, Later(from, today.AddDays(-30))), RegistryChangeReason.MoveIn));
        }

        var household = new DemoStreamBuilder<Household>(random.NextGuid(), Household.Evolve);
        var householdNumber = numbers.NextHouseholdNumber();
        var address = addresses.Next();
        household.Append(Household.Register(household.Id, householdNumber, address, registeredOn, reason));
        var timeline = new DemoTimeline<Household>();
        foreach (var (member, date, joinReason) in joins)
        {
            timeline.Add(date, h => h.Join(member.Id, member.Role, member.Relationship, date, joinReason));
        }

        var people = joins.Select(j => ToPerson(j.Member, j.Date)).ToList();
        var guardians = people.Where(p => p.Role == HouseholdRole.Guardian).ToList();
        var children = people.Where(p => p.Role == HouseholdRole.Child).ToList();
        var welfare = _welfare.Plan(timeline, people, registeredOn, singleParent);
        var movedOutOn = random.Chance(0.01) ? PlanMoveOut(timeline, people, welfare) : null;
        timeline.Play(household);
        streams.Add(household.ToStream());

        foreach (var (member, date, _) in joins)
        {
            streams.Add(PersonStream(member, member.Role == HouseholdRole.Guardian ? Later(date, eldestBirth) : null));
        }

        return new DemoFamily(household.Id, address, reason, registeredOn, guardians, children, [.. people.Where(p => p.Role == HouseholdRole.Other)],
            welfare.Any(w => w.Kind == WelfareKind.PublicAssistance), singleParent, movedOutOn);
    }

    /// <summary>
    /// 転出 of the whole household within the last ten months, after everything else on the register and once the
    /// youngest child is a few months old: ongoing 福祉状況 end that day and every member leaves. Null if no such day fits.
    /// </summary>
    private DateOnly? PlanMoveOut(DemoTimeline<Household> timeline, IReadOnlyList<DemoPerson> people, IReadOnlyList<DemoWelfarePeriod> welfare)
    {
        var lastRecorded = people.Select(p => p.JoinedOn).Concat(welfare.Select(w => w.End ?? w.Start)).Max();
        var earliest = Later(Later(lastRecorded.AddDays(30), today.AddDays(-300)), people.Where(p => p.Role == HouseholdRole.Child).Max(c => c.BirthDate).AddDays(120));
        var latest = today.AddDays(-10);
        if (earliest > latest) return null;

        var movedOutOn = random.Date(earliest, latest);
        foreach (var period in welfare.Where(w => w.End is null))
        {
            timeline.Add(movedOutOn, h => h.EndWelfare(period.Kind, movedOutOn, period.PersonId));
        }
        foreach (var person in people)
        {
            timeline.Add(movedOutOn, h => h.Leave(person.Id, movedOutOn, RegistryChangeReason.MoveOut));
        }
        return movedOutOn;
    }

    /// <summary>転入: some time between six years before the eldest child's birth and a month ago, once the guardians are adults.</summary>
    private DateOnly MoveInDate(IReadOnlyList<DemoMemberDraft> guardians, DateOnly eldestBirth)
    {
        var latest = today.AddDays(-30);
        var earliest = Later(eldestBirth.AddYears(-6), guardians.Max(g => g.BirthDate).AddYears(22));
        return random.Date(earliest < latest ? earliest : latest, latest);
    }

    /// <summary>The spouse of a head born in the ward joins by 転入 (婚姻) before the first child is born.</summary>
    private DateOnly MarriageDate(IReadOnlyList<DemoMemberDraft> guardians, DateOnly eldestBirth)
    {
        var latest = eldestBirth.AddDays(-30);
        var earliest = Later(eldestBirth.AddYears(-5), guardians.Max(g => g.BirthDate).AddYears(20));
        return random.Date(earliest < latest ? earliest : latest, latest);
    }

    private DemoStream PersonStream(DemoMemberDraft member, DateOnly? mobileSince)
    {
        var (name, kana) = JapaneseNames.FullName(member.Surname, member.GivenName);
        var person = new DemoStreamBuilder<Person>(member.Id, Person.Evolve);
        person.Append(new PersonRegistered(member.Id, numbers.NextPersonNumber(), name, kana, member.BirthDate, member.Sex));
        if (mobileSince is { } since)
        {
            var mobile = $"{random.Pick(MobilePrefixes)}{random.Faker.Phone.PhoneNumber("-####-####")}";
            person.Append(new ContactDetailsRecorded(member.Id, ContactKind.Mobile, mobile, since));
        }
        return person.ToStream();
    }

    private static DemoPerson ToPerson(DemoMemberDraft member, DateOnly joinedOn) =>
        new(member.Id, member.BirthDate, member.Sex, member.Role, member.Relationship, joinedOn);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
