namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 edge case: 3号→2号 changes by itself (no application) on 満3歳に達する日 with a new
/// 履歴番号. The toddler (born 2024-05-10) is 3号 2027-04-01 – 2027-05-08, then 2号 from 2027-05-09 to 2031-03-31.
/// </summary>
public class ChangeAtAgeThreeTests : CertificationSpec
{
    private static readonly DateOnly ReachesThree = new(2027, 5, 9);

    [Fact]
    public void when_certified_as_category_3_the_change_date_is_the_day_of_reaching_three() =>
        GivenCertified().AgeThreeChangeDate.ShouldBe(ReachesThree);

    [Fact]
    public void when_it_is_the_day_before_reaching_three_nothing_changes() =>
        GivenCertified().ChangeAtAgeThree(new DateOnly(2027, 5, 8)).ShouldBeEmpty();

    [Fact]
    public void when_it_is_the_day_of_reaching_three_the_certification_becomes_category_2()
    {
        var events = GivenCertified().ChangeAtAgeThree(ReachesThree);

        var changed = events.ShouldHaveSingleItem().ShouldBeOfType<CertificationCategoryChangedAtAgeThree>();
        changed.CertificationId.ShouldBe(CertificationId);
        changed.EffectiveDate.ShouldBe(ReachesThree);
        changed.From.ShouldBe(CertificationCategory.Category3);
        changed.To.ShouldBe(CertificationCategory.Category2);
        changed.ValidFrom.ShouldBe(ReachesThree);
        changed.ValidTo.ShouldBe(new DateOnly(2031, 3, 31));
        changed.HistoryNumber.ShouldBe(2);
    }

    [Fact]
    public void when_the_batch_runs_late_the_change_still_takes_effect_on_the_day_of_reaching_three()
    {
        var changed = GivenCertified().ChangeAtAgeThree(new DateOnly(2027, 6, 1)).ShouldHaveSingleItem()
            .ShouldBeOfType<CertificationCategoryChangedAtAgeThree>();

        changed.EffectiveDate.ShouldBe(ReachesThree);
        changed.ValidFrom.ShouldBe(ReachesThree);
    }

    [Fact]
    public void when_the_change_is_applied_the_state_is_category_2_to_the_day_before_school()
    {
        var given = GivenCertified();

        var state = Then(given, [.. given.ChangeAtAgeThree(ReachesThree)]);

        state.Category.ShouldBe(CertificationCategory.Category2);
        state.ValidFrom.ShouldBe(ReachesThree);
        state.ValidTo.ShouldBe(new DateOnly(2031, 3, 31));
        state.ContinuesAsCategory2Until.ShouldBeNull();
        state.HistoryNumber.ShouldBe(2);
        state.CareLevel.ShouldBe(CareLevel.Short);
        state.AgeThreeChangeDate.ShouldBeNull();
    }

    [Fact]
    public void when_the_change_has_been_applied_running_it_again_gives_nothing()
    {
        var given = GivenCertified();
        var state = Then(given, [.. given.ChangeAtAgeThree(ReachesThree)]);

        state.ChangeAtAgeThree(new DateOnly(2027, 5, 10)).ShouldBeEmpty();
    }

    [Fact]
    public void when_the_certification_was_cancelled_nothing_changes_at_age_three() =>
        GivenCertified(new CertificationCancelled(CertificationId, new DateOnly(2027, 4, 20), "転出"))
            .ChangeAtAgeThree(ReachesThree).ShouldBeEmpty();

    [Fact]
    public void when_the_certification_is_still_only_applied_for_nothing_changes_at_age_three() =>
        Given(Applied()).ChangeAtAgeThree(ReachesThree).ShouldBeEmpty();

    [Fact]
    public void when_the_3号_period_ends_before_reaching_three_nothing_changes()
    {
        var shortPeriod = Given(Applied(desiredTo: new DateOnly(2027, 4, 30)))
            .Approve(DecisionDate, "N-0002", Assess(ToddlerBirth, April2027, BothWork(100, 170), desiredTo: new DateOnly(2027, 4, 30)));

        Given(Applied(), shortPeriod).ChangeAtAgeThree(ReachesThree).ShouldBeEmpty();
    }

    [Fact]
    public void when_the_child_was_certified_as_category_2_nothing_changes_at_age_three()
    {
        var category2 = Given(Applied()).Approve(DecisionDate, "N-0003", Assess(PreschoolerBirth, April2027, BothWork(100, 170)));

        Given(Applied(), category2).ChangeAtAgeThree(new DateOnly(2027, 6, 1)).ShouldBeEmpty();
    }
}
