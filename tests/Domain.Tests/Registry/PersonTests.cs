using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>宛名: details are replaced on correction; the latest contact per 連絡先区分 is kept.</summary>
public class PersonTests
{
    private static readonly Guid PersonId = Guid.Parse("b0000000-0000-0000-0000-000000000001");

    private static Person Given(params object[] events) => events.Aggregate((Person?)null, Person.Evolve)!;

    private static PersonRegistered Registered() => new(PersonId, "P-0001", "新宿 花子", "シンジュク ハナコ", new DateOnly(1992, 7, 1), Sex.Female);

    [Fact]
    public void when_a_person_is_registered_they_have_their_details_and_no_contacts()
    {
        var person = Given(Registered());

        person.PersonNumber.ShouldBe("P-0001");
        person.Name.ShouldBe("新宿 花子");
        person.BirthDate.ShouldBe(new DateOnly(1992, 7, 1));
        person.Contacts.ShouldBeEmpty();
    }

    [Fact]
    public void when_the_name_changes_the_person_has_the_new_name()
    {
        var person = Given(Registered(),
            new PersonDetailsChanged(PersonId, "四谷 花子", "ヨツヤ ハナコ", new DateOnly(1992, 7, 1), Sex.Female, new DateOnly(2026, 5, 1), RegistryChangeReason.Correction));

        person.Name.ShouldBe("四谷 花子");
        person.Kana.ShouldBe("ヨツヤ ハナコ");
    }

    [Fact]
    public void when_a_contact_of_the_same_kind_is_recorded_again_only_the_latest_is_kept()
    {
        var person = Given(Registered(),
            new ContactDetailsRecorded(PersonId, ContactKind.Mobile, "090-0000-0001", new DateOnly(2026, 1, 1)),
            new ContactDetailsRecorded(PersonId, ContactKind.Email, "hanako@example.jp", new DateOnly(2026, 1, 1)),
            new ContactDetailsRecorded(PersonId, ContactKind.Mobile, "090-0000-0002", new DateOnly(2026, 6, 1)));

        person.Contacts.Count.ShouldBe(2);
        person.Contacts.Single(c => c.Kind == ContactKind.Mobile).Value.ShouldBe("090-0000-0002");
        person.Contacts.Single(c => c.Kind == ContactKind.Mobile).Since.ShouldBe(new DateOnly(2026, 6, 1));
    }
}
