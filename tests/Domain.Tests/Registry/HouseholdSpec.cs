using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>Given household events folded with <see cref="Household.Evolve"/>.</summary>
public abstract class HouseholdSpec
{
    protected static readonly Guid HouseholdId = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    protected static readonly Guid Mother = Guid.Parse("a0000000-0000-0000-0000-000000000002");
    protected static readonly Guid Father = Guid.Parse("a0000000-0000-0000-0000-000000000003");
    protected static readonly Guid Child = Guid.Parse("a0000000-0000-0000-0000-000000000004");
    protected static readonly Guid Stranger = Guid.Parse("a0000000-0000-0000-0000-000000000005");

    protected static readonly DateOnly RegisteredOn = new(2024, 4, 1);

    protected static HouseholdRegistered Registered() =>
        Household.Register(HouseholdId, "H-0001", new Address("160-8484", "東京都新宿区歌舞伎町1-4-1"), RegisteredOn, RegistryChangeReason.MoveIn);

    protected static HouseholdMemberJoined Joined(Guid person, HouseholdRole role, string relationship, DateOnly? on = null) =>
        new(HouseholdId, person, role, relationship, on ?? RegisteredOn, RegistryChangeReason.MoveIn);

    /// <summary>A registered household with mother, father (both 保護者) and a child.</summary>
    protected static object[] Family() =>
    [
        Registered(),
        Joined(Mother, HouseholdRole.Guardian, "世帯主"),
        Joined(Father, HouseholdRole.Guardian, "夫"),
        Joined(Child, HouseholdRole.Child, "子", new DateOnly(2024, 5, 10)),
    ];

    protected static Household Given(params object[] events) =>
        events.Aggregate((Household?)null, Household.Evolve) ?? throw new InvalidOperationException("The history must start with HouseholdRegistered.");

    protected static Household Then(Household given, params object[] newEvents) =>
        newEvents.Aggregate((Household?)given, Household.Evolve)!;
}
