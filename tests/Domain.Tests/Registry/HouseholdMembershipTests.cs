using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>世帯員の異動: members join and leave with 住民記録 dates; the history is kept.</summary>
public class HouseholdMembershipTests : HouseholdSpec
{
    [Fact]
    public void when_a_household_is_registered_it_has_no_members_yet()
    {
        var state = Given(Registered());

        state.HouseholdNumber.ShouldBe("H-0001");
        state.Address.PostalCode.ShouldBe("160-8484");
        state.Members.ShouldBeEmpty();
    }

    [Fact]
    public void when_a_guardian_joins_they_are_a_current_guardian()
    {
        var given = Given(Registered());

        var joined = given.Join(Mother, HouseholdRole.Guardian, "世帯主", RegisteredOn, RegistryChangeReason.MoveIn);
        var state = Then(given, joined);

        state.CurrentGuardianIds.ShouldBe(new[] { Mother });
        state.CurrentMember(Mother)!.Since.ShouldBe(RegisteredOn);
    }

    [Fact]
    public void when_the_family_has_joined_the_guardians_are_mother_and_father_but_not_the_child() =>
        Given(Family()).CurrentGuardianIds.ShouldBe(new[] { Mother, Father }, ignoreOrder: true);

    [Fact]
    public void when_a_current_member_joins_again_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => Given(Family()).Join(Mother, HouseholdRole.Guardian, "世帯主", new DateOnly(2025, 1, 1), RegistryChangeReason.MoveIn),
            "registry.already-member");

        error.Field.ShouldBe("personId");
    }

    [Fact]
    public void when_a_member_leaves_they_are_no_longer_current_but_stay_in_the_history()
    {
        var given = Given(Family());

        var left = given.Leave(Father, new DateOnly(2026, 3, 31), RegistryChangeReason.MoveOut);
        var state = Then(given, left);

        state.CurrentGuardianIds.ShouldBe(new[] { Mother });
        var father = state.Members.Single(m => m.PersonId == Father);
        father.Until.ShouldBe(new DateOnly(2026, 3, 31));
        father.LeftBecause.ShouldBe(RegistryChangeReason.MoveOut);
    }

    [Fact]
    public void when_someone_who_is_not_a_member_leaves_it_is_refused() =>
        ShouldBreakRule(() => Given(Family()).Leave(Stranger, new DateOnly(2026, 3, 31), RegistryChangeReason.MoveOut), "registry.not-a-member");

    [Fact]
    public void when_a_member_who_already_left_leaves_again_it_is_refused() =>
        ShouldBreakRule(
            () => Given([.. Family(), new HouseholdMemberLeft(HouseholdId, Father, new DateOnly(2026, 3, 31), RegistryChangeReason.MoveOut)])
                .Leave(Father, new DateOnly(2026, 4, 30), RegistryChangeReason.MoveOut),
            "registry.not-a-member");

    [Fact]
    public void when_the_departure_date_is_before_the_member_joined_it_is_refused()
    {
        // The child joined on 2024-05-10 (birth).
        var error = ShouldBreakRule(() => Given(Family()).Leave(Child, new DateOnly(2024, 5, 9), RegistryChangeReason.Correction), "registry.leave-before-join");

        error.Field.ShouldBe("date");
    }

    [Fact]
    public void when_the_member_leaves_on_the_day_they_joined_it_is_allowed() =>
        Given(Family()).Leave(Child, new DateOnly(2024, 5, 10), RegistryChangeReason.Correction).EffectiveDate.ShouldBe(new DateOnly(2024, 5, 10));

    [Theory]
    [InlineData(RegistryChangeReason.MoveIn)]
    [InlineData(RegistryChangeReason.Birth)]
    [InlineData(RegistryChangeReason.Relocation)]
    public void when_the_reason_is_not_a_reason_for_leaving_it_is_refused(RegistryChangeReason reason) =>
        ShouldBreakRule(() => Given(Family()).Leave(Father, new DateOnly(2026, 3, 31), reason), "registry.leave-reason");

    [Fact]
    public void when_a_member_who_left_joins_again_the_history_holds_both_periods()
    {
        var given = Given([.. Family(), new HouseholdMemberLeft(HouseholdId, Father, new DateOnly(2026, 3, 31), RegistryChangeReason.HouseholdChange)]);

        var state = Then(given, given.Join(Father, HouseholdRole.Guardian, "夫", new DateOnly(2026, 10, 1), RegistryChangeReason.HouseholdChange));

        state.Members.Count(m => m.PersonId == Father).ShouldBe(2);
        state.CurrentMember(Father)!.Since.ShouldBe(new DateOnly(2026, 10, 1));
    }

    [Fact]
    public void when_the_address_changes_the_household_has_the_new_address()
    {
        var given = Given(Family());
        var newAddress = new Address("169-0075", "東京都新宿区高田馬場1-1-1");

        Then(given, given.ChangeAddress(newAddress, new DateOnly(2026, 1, 15), RegistryChangeReason.Relocation)).Address.ShouldBe(newAddress);
    }
}
