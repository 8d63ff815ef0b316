using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>福祉状況 (生活保護 開始/廃止, ひとり親 …): one open period per kind and person at a time.</summary>
public class WelfareStatusTests : HouseholdSpec
{
    private static readonly DateOnly Start = new(2026, 4, 1);

    private static WelfareStatusStarted AssistanceStarted() => new(HouseholdId, WelfareKind.PublicAssistance, Start, null);

    [Fact]
    public void when_welfare_starts_the_household_has_an_open_period()
    {
        var given = Given(Family());

        var state = Then(given, given.StartWelfare(WelfareKind.PublicAssistance, Start, null));

        var period = state.Welfare.ShouldHaveSingleItem();
        period.Kind.ShouldBe(WelfareKind.PublicAssistance);
        period.IsOpen.ShouldBeTrue();
        period.CoversDate(new DateOnly(2030, 1, 1)).ShouldBeTrue();
        period.CoversDate(new DateOnly(2026, 3, 31)).ShouldBeFalse();
    }

    [Fact]
    public void when_the_same_kind_is_already_open_a_second_period_is_refused()
    {
        var error = ShouldBreakRule(
            () => Given([.. Family(), AssistanceStarted()]).StartWelfare(WelfareKind.PublicAssistance, new DateOnly(2026, 6, 1), null),
            "registry.welfare-already-open");

        error.Field.ShouldBe("kind");
    }

    [Fact]
    public void when_another_kind_is_open_a_different_kind_can_start() =>
        Given([.. Family(), AssistanceStarted()]).StartWelfare(WelfareKind.SingleParent, Start, null).Kind.ShouldBe(WelfareKind.SingleParent);

    [Fact]
    public void when_the_same_kind_is_open_for_another_member_it_can_start_for_this_one() =>
        Given([.. Family(), new WelfareStatusStarted(HouseholdId, WelfareKind.HomeDisability, Start, Child)])
            .StartWelfare(WelfareKind.HomeDisability, Start, Mother).PersonId.ShouldBe(Mother);

    [Fact]
    public void when_the_person_is_not_a_member_welfare_cannot_start_for_them() =>
        ShouldBreakRule(() => Given(Family()).StartWelfare(WelfareKind.HomeDisability, Start, Stranger), "registry.not-a-member");

    [Fact]
    public void when_welfare_ends_the_period_is_closed_on_that_date()
    {
        var given = Given([.. Family(), AssistanceStarted()]);

        var state = Then(given, given.EndWelfare(WelfareKind.PublicAssistance, new DateOnly(2027, 3, 31), null));

        var period = state.Welfare.ShouldHaveSingleItem();
        period.EndDate.ShouldBe(new DateOnly(2027, 3, 31));
        period.IsOpen.ShouldBeFalse();
        period.CoversDate(new DateOnly(2027, 3, 31)).ShouldBeTrue();
        period.CoversDate(new DateOnly(2027, 4, 1)).ShouldBeFalse();
    }

    [Fact]
    public void when_the_end_is_before_the_start_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => Given([.. Family(), AssistanceStarted()]).EndWelfare(WelfareKind.PublicAssistance, new DateOnly(2026, 3, 31), null),
            "registry.welfare-end-before-start");

        error.Field.ShouldBe("date");
    }

    [Fact]
    public void when_the_end_is_the_start_day_it_is_allowed() =>
        Given([.. Family(), AssistanceStarted()]).EndWelfare(WelfareKind.PublicAssistance, Start, null).EndDate.ShouldBe(Start);

    [Fact]
    public void when_no_period_of_that_kind_is_open_ending_it_is_refused() =>
        ShouldBreakRule(() => Given(Family()).EndWelfare(WelfareKind.PublicAssistance, Start, null), "registry.welfare-not-open");

    [Fact]
    public void when_a_period_has_ended_a_new_one_of_the_same_kind_can_start()
    {
        var given = Given([.. Family(), AssistanceStarted(), new WelfareStatusEnded(HouseholdId, WelfareKind.PublicAssistance, new DateOnly(2026, 9, 30), null)]);

        var state = Then(given, given.StartWelfare(WelfareKind.PublicAssistance, new DateOnly(2027, 1, 1), null));

        state.Welfare.Count.ShouldBe(2);
        state.Welfare.Count(w => w.IsOpen).ShouldBe(1);
    }
}
