using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>A generated household member as the other generators need it.</summary>
/// <param name="JoinedOn">the day the person joined the household (異動日)</param>
internal sealed record DemoPerson(Guid Id, DateOnly BirthDate, Sex Sex, HouseholdRole Role, string Relationship, DateOnly JoinedOn);

/// <summary>A generated household: its members and the facts that shape its tax and certifications.</summary>
/// <param name="Guardians">保護者, 世帯主 first</param>
/// <param name="Children">児童, eldest first</param>
/// <param name="OnPublicAssistance">生活保護 at some time since the household was registered</param>
/// <param name="SingleParent">ひとり親世帯</param>
/// <param name="MovedOutOn">転出: the whole household left the ward on this day</param>
/// <param name="Address">the household's 住所 (from <see cref="DemoAddressBook"/>, so its postal code names the 町)</param>
internal sealed record DemoFamily(
    Guid HouseholdId,
    Address Address,
    RegistryChangeReason RegistrationReason,
    DateOnly RegisteredOn,
    IReadOnlyList<DemoPerson> Guardians,
    IReadOnlyList<DemoPerson> Children,
    IReadOnlyList<DemoPerson> Others,
    bool OnPublicAssistance,
    bool SingleParent,
    DateOnly? MovedOutOn)
{
    public IReadOnlyList<Guid> GuardianIds => [.. Guardians.Select(g => g.Id)];

    public int PersonCount => Guardians.Count + Children.Count + Others.Count;
}
