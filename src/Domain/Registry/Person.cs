using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
namespace KosodateShien.Domain.Registry;

/// <summary>宛名: the write model of a person stream.</summary>
/// <param name="PersonNumber">宛名番号</param>
/// <param name="Name">氏名</param>
/// <param name="Kana">フリガナ</param>
/// <param name="BirthDate">生年月日</param>
/// <param name="Sex">性別</param>
/// <param name="Contacts">連絡先 (latest per kind)</param>
/// <param name="ErasedOn">消去日: the personal data was erased (氏名, フリガナ and 連絡先 read as erased)</param>
public sealed record Person([property: DataSubject] Guid Id, string PersonNumber, [property: PersonalData] string Name, [property: PersonalData] string Kana, DateOnly BirthDate, Sex Sex, IReadOnlyList<Contact> Contacts,
    DateOnly? ErasedOn = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ContactDetailsRecorded),
        typeof(PersonDetailsChanged),
        typeof(Privacy.PersonErased),
        typeof(PersonRegistered),
    ];

    public static Person? Evolve(Person? state, object @event) => (state, @event) switch
    {
        (null, PersonRegistered e) => new Person(e.PersonId, e.PersonNumber, e.Name, e.Kana, e.BirthDate, e.Sex, []),
        (not null, PersonDetailsChanged e) => state with { Name = e.Name, Kana = e.Kana, BirthDate = e.BirthDate, Sex = e.Sex },
        (not null, ContactDetailsRecorded e) => state with
        {
            Contacts = [.. state.Contacts.Where(c => c.Kind != e.Kind), new Contact(e.Kind, e.Value, e.EffectiveDate)],
        },
        (not null, PersonErased e) => state with
        {
            Name = PersonalData.Erased, Kana = PersonalData.Erased, ErasedOn = e.ErasedOn,
            Contacts = [.. state.Contacts.Select(c => c with { Value = PersonalData.Erased })],
        },
        _ => state,
    };

    /// <summary>An erasure is recorded once: a person already erased is refused.</summary>
    public void EnsureNotErased(string? field = null)
    {
        if (ErasedOn is { } erasedOn)
            throw new DomainRuleException("erasure.already-erased", $"The person's personal data was erased on {erasedOn:yyyy-MM-dd}.", field);
    }
}

/// <summary>保護者連絡先 with its 連絡先区分.</summary>
public sealed record Contact(ContactKind Kind, [property: PersonalData] string Value, DateOnly Since);
