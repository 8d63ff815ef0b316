using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>A household member before registration: who they are and their place in the household.</summary>
internal sealed record DemoMemberDraft(Guid Id, NamePart Surname, NamePart GivenName, DateOnly BirthDate, Sex Sex, HouseholdRole Role, string Relationship);

/// <summary>
/// Draws who lives in a household: 1–3 preschool children (0–5 years old on <c>today</c>, about 1.33 per
/// household), one or two guardians of plausible ages (about 10% single parents), sometimes a grandparent.
/// </summary>
internal sealed class DemoFamilyMembers(DemoRandom random, DateOnly today)
{
    private const int MinimumSiblingGapDays = 330;

    public (IReadOnlyList<DemoMemberDraft> Guardians, IReadOnlyList<DemoMemberDraft> Children, IReadOnlyList<DemoMemberDraft> Others) Draw(bool singleParent)
    {
        var surname = random.Pick(JapaneseNames.Surnames);
        var births = ChildBirthDates(random.Weighted<int>([(1, 0.70), (2, 0.27), (3, 0.03)]));
        var guardians = Guardians(surname, births[0], singleParent);
        var children = Children(surname, births);
        IReadOnlyList<DemoMemberDraft> others = random.Chance(0.06) ? [Grandparent(surname, guardians[^1].BirthDate)] : [];
        return (guardians, children, others);
    }

    private IReadOnlyList<DemoMemberDraft> Guardians(NamePart surname, DateOnly eldestBirth, bool singleParent)
    {
        var motherAgeAtFirstBirth = 22 + random.Int(0, 9) + random.Int(0, 9);
        var motherBirth = eldestBirth.AddYears(-motherAgeAtFirstBirth).AddDays(-random.Int(0, 364));
        var fatherBirth = motherBirth.AddDays(-random.Int(-730, 2190));

        if (singleParent)
        {
            var sex = random.Chance(0.88) ? Sex.Female : Sex.Male;
            return [Guardian(surname, sex, sex == Sex.Female ? motherBirth : fatherBirth, "世帯主")];
        }

        var father = (Birth: fatherBirth, Sex: Sex.Male);
        var mother = (Birth: motherBirth, Sex: Sex.Female);
        var (head, spouse) = random.Chance(0.85) ? (father, mother) : (mother, father);
        return
        [
            Guardian(surname, head.Sex, head.Birth, "世帯主"),
            Guardian(surname, spouse.Sex, spouse.Birth, spouse.Sex == Sex.Female ? "妻" : "夫"),
        ];
    }

    private DemoMemberDraft Guardian(NamePart surname, Sex sex, DateOnly birth, string relationship) =>
        new(random.NextGuid(), surname, random.Pick(JapaneseNames.ParentGivenNames(sex)), birth, sex, HouseholdRole.Guardian, relationship);

    private IReadOnlyList<DemoMemberDraft> Children(NamePart surname, IReadOnlyList<DateOnly> births)
    {
        var children = new List<DemoMemberDraft>();
        foreach (var birth in births)
        {
            var sex = random.Chance(0.51) ? Sex.Male : Sex.Female;
            NamePart givenName;
            do givenName = random.Pick(JapaneseNames.ChildGivenNames(sex));
            while (children.Any(c => c.GivenName.Kanji == givenName.Kanji));
            children.Add(new DemoMemberDraft(random.NextGuid(), surname, givenName, birth, sex, HouseholdRole.Child, "子"));
        }
        return children;
    }

    private DemoMemberDraft Grandparent(NamePart surname, DateOnly parentBirth)
    {
        var sex = random.Chance(0.65) ? Sex.Female : Sex.Male;
        var birth = parentBirth.AddYears(-random.Int(24, 36)).AddDays(-random.Int(0, 364));
        var ownSurname = random.Chance(0.5) ? surname : random.Pick(JapaneseNames.Surnames);
        return new DemoMemberDraft(random.NextGuid(), ownSurname, random.Pick(JapaneseNames.GrandparentGivenNames(sex)), birth, sex,
            HouseholdRole.Other, sex == Sex.Female ? "祖母" : "祖父");
    }

    /// <summary>Birth dates, eldest first, at least <see cref="MinimumSiblingGapDays"/> apart; fewer children if they do not fit.</summary>
    private List<DateOnly> ChildBirthDates(int count)
    {
        // 0–5 years old on today: not yet 満6歳 (the day before the 6th birthday), born at least two weeks ago.
        var earliest = today.AddDays(2).AddYears(-6);
        while (JapaneseDates.LegalAgeOn(earliest, today) > 5) earliest = earliest.AddDays(1);
        var latest = today.AddDays(-14);

        for (var wanted = count; wanted > 1; wanted--)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var births = Enumerable.Range(0, wanted).Select(_ => random.Date(earliest, latest)).Order().ToList();
                if (births.Zip(births.Skip(1)).All(pair => pair.Second.DayNumber - pair.First.DayNumber >= MinimumSiblingGapDays)) return births;
            }
        }
        return [random.Date(earliest, latest)];
    }
}
