namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 保育必要性の事由 (府令1条の5) and 保育必要量: every current 保護者 must need care; hour-based
/// 事由 need hours; per-事由 levels after 三島市 (妊娠出産/災害/求職/虐待 → 標準, 育休継続 → 短時間).
/// </summary>
public class GuardianNeedTests : CertificationSpec
{
    [Fact]
    public void when_a_guardian_has_no_need_the_household_cannot_be_certified_for_care()
    {
        var error = ShouldBreakRule(() => Assess(PreschoolerBirth, April2027, [Works(Mother, 170)]), "certification.guardian-without-need");

        error.Field.ShouldBe("needs");
        error.Message.ShouldContain(Father.ToString());
    }

    [Fact]
    public void when_a_single_guardian_has_a_need_the_household_is_certified() =>
        Assess(PreschoolerBirth, April2027, [Works(Mother, 170)], guardians: [Mother]).CareLevel.ShouldBe(CareLevel.Standard);

    [Fact]
    public void when_a_need_is_given_for_someone_who_is_not_a_guardian_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => Assess(PreschoolerBirth, April2027, [.. BothWork(100, 170), Works(Grandmother, 150)]), "certification.need-not-guardian");

        error.Field.ShouldBe("needs[2].guardianId");
    }

    [Fact]
    public void when_a_guardian_has_two_needs_it_is_refused()
    {
        var error = ShouldBreakRule(
            () => Assess(PreschoolerBirth, April2027, [Works(Mother, 100), Works(Mother, 40), Works(Father, 170)]), "certification.duplicate-need");

        error.Field.ShouldBe("needs[1].guardianId");
    }

    [Theory]
    [InlineData(CareNeedReason.Employment)]
    [InlineData(CareNeedReason.Care)]
    [InlineData(CareNeedReason.Study)]
    [InlineData(CareNeedReason.Other)]
    public void when_an_hour_based_reason_has_no_hours_it_is_refused(CareNeedReason reason)
    {
        var error = ShouldBreakRule(
            () => Assess(PreschoolerBirth, April2027, [new(Mother, reason, null), Works(Father, 170)]), "certification.hours-required");

        error.Field.ShouldBe("needs[0].monthlyHours");
    }

    [Fact]
    public void when_a_parent_is_on_parental_leave_the_household_gets_short_care_whatever_the_other_works()
    {
        // 事由9 育休継続 → 短時間 (§2 per-事由 defaults, 三島市).
        var assessment = Assess(PreschoolerBirth, April2027, [new(Mother, CareNeedReason.ParentalLeave, null), Works(Father, 200)]);

        assessment.CareLevel.ShouldBe(CareLevel.Short);
        assessment.PrimaryReason.ShouldBe(CareNeedReason.ParentalLeave);
    }

    [Theory]
    // 事由2 妊娠・出産, 3 疾病・障害, 5 災害復旧, 8 虐待・DV → 原則標準時間 (§2, 三島市), no hours needed.
    [InlineData(CareNeedReason.Pregnancy)]
    [InlineData(CareNeedReason.Illness)]
    [InlineData(CareNeedReason.Disaster)]
    [InlineData(CareNeedReason.Abuse)]
    public void when_a_reason_is_always_standard_the_guardian_gets_standard_care_without_hours(CareNeedReason reason)
    {
        var assessment = Assess(PreschoolerBirth, April2027, [new(Mother, reason, null), Works(Father, 170)]);

        assessment.CareLevel.ShouldBe(CareLevel.Standard);
        assessment.Basis.Guardians[0].CareLevel.ShouldBe(CareLevel.Standard);
    }

    [Fact]
    public void when_pregnancy_is_paired_with_short_work_the_household_takes_the_lower_level() =>
        Assess(PreschoolerBirth, April2027, [new(Mother, CareNeedReason.Pregnancy, null), Works(Father, 80)])
            .CareLevel.ShouldBe(CareLevel.Short);

    [Fact]
    public void when_care_of_a_relative_is_120h_the_guardian_gets_standard_care() =>
        // 事由4 介護・看護: split at 120h like work (§2, 三島市).
        CertificationAssessment.CareLevelFor(new CareNeed(Mother, CareNeedReason.Care, 120), Rules).Level.ShouldBe(CareLevel.Standard);

    [Fact]
    public void when_a_municipality_gives_job_seeking_short_care_the_rule_set_decides()
    {
        // 松江市 gives 求職活動 短時間 (§2: municipal!).
        var matsue = Rules with { Reasons = [new ReasonRule(CareNeedReason.JobSeeking, CareLevelRule.AlwaysShort)] };

        CertificationAssessment.CareLevelFor(new CareNeed(Mother, CareNeedReason.JobSeeking, null), matsue).Level.ShouldBe(CareLevel.Short);
    }

    [Fact]
    public void when_a_reason_is_missing_from_the_rule_set_it_is_assessed_by_hours() =>
        (Rules with { Reasons = [] }).RuleFor(CareNeedReason.Pregnancy).ShouldBe(CareLevelRule.ByHours);
}
