namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §2 (府令8条4号ロ): a 求職活動 certification lasts 90 days (宮津/矢巾/岡崎), counting the
/// first day; a municipality may run it to the end of that month. 求職 → 原則標準時間 (三島).
/// </summary>
public class JobSeekingPeriodTests : CertificationSpec
{
    private static readonly CareNeed[] MotherSeeksWork = [new(Mother, CareNeedReason.JobSeeking, null), new(Father, CareNeedReason.Employment, 170)];

    [Fact]
    public void when_job_seeking_starts_2027_04_01_the_90_days_end_on_2027_06_29() =>
        CertificationAssessment.JobSeekingEnd(April2027, Rules).ShouldBe(new DateOnly(2027, 6, 29));

    [Fact]
    public void when_the_period_runs_to_month_end_job_seeking_from_2027_04_01_ends_on_2027_06_30() =>
        CertificationAssessment.JobSeekingEnd(April2027, Rules with { JobSeekingEndsAtMonthEnd = true }).ShouldBe(new DateOnly(2027, 6, 30));

    [Fact]
    public void when_a_guardian_seeks_work_the_certification_ends_after_90_days()
    {
        var assessment = Assess(PreschoolerBirth, April2027, MotherSeeksWork);

        assessment.ValidTo.ShouldBe(new DateOnly(2027, 6, 29));
        assessment.CareLevel.ShouldBe(CareLevel.Standard);
        assessment.PrimaryReason.ShouldBe(CareNeedReason.JobSeeking);
    }

    [Fact]
    public void when_the_municipality_runs_job_seeking_to_month_end_the_certification_ends_on_30_june() =>
        Assess(PreschoolerBirth, April2027, MotherSeeksWork, rules: Rules with { JobSeekingEndsAtMonthEnd = true })
            .ValidTo.ShouldBe(new DateOnly(2027, 6, 30));

    [Fact]
    public void when_the_municipality_sets_60_days_job_seeking_from_2027_04_01_ends_on_2027_05_30() =>
        CertificationAssessment.JobSeekingEnd(April2027, Rules with { JobSeekingValidityDays = 60 }).ShouldBe(new DateOnly(2027, 5, 30));

    [Fact]
    public void when_a_toddler_is_certified_for_job_seeking_the_90_days_end_before_reaching_three_so_there_is_no_continuation()
    {
        var assessment = Assess(ToddlerBirth, new DateOnly(2027, 1, 10), MotherSeeksWork);

        assessment.Category.ShouldBe(CertificationCategory.Category3);
        assessment.ValidTo.ShouldBe(new DateOnly(2027, 4, 9));
        assessment.ContinuesAsCategory2Until.ShouldBeNull();
    }

    [Fact]
    public void when_a_toddler_reaches_three_during_job_seeking_the_2号_continuation_ends_with_the_90_days()
    {
        var assessment = Assess(ToddlerBirth, April2027, MotherSeeksWork);

        assessment.ValidTo.ShouldBe(new DateOnly(2027, 5, 8));
        assessment.ContinuesAsCategory2Until.ShouldBe(new DateOnly(2027, 6, 29));
    }
}
