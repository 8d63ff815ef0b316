namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §0/§2: thresholds are municipal and effective-dated; the version in force on a date is the
/// latest whose 適用開始日 is on or before it. Default = 上田市-style 64h, 120h split, 求職 90日, 30-day decisions.
/// </summary>
public class RuleSetTests
{
    private static readonly CertificationRuleSet Version1 = CertificationRuleSet.Default;

    private static readonly CertificationRuleSet Version2 = CertificationRuleSet.Default with
    {
        Id = CertificationRuleSet.DocumentId(2), Version = 2, EffectiveFrom = new DateOnly(2027, 4, 1), MinimumMonthlyHours = 48,
    };

    [Fact]
    public void when_the_default_set_is_used_it_has_the_reference_thresholds()
    {
        Version1.MinimumMonthlyHours.ShouldBe(64);
        Version1.StandardCareMonthlyHours.ShouldBe(120);
        Version1.JobSeekingValidityDays.ShouldBe(90);
        Version1.JobSeekingEndsAtMonthEnd.ShouldBeFalse();
        Version1.DecisionDeadlineDays.ShouldBe(30);
        Version1.Id.ShouldBe("certification-rules/1");
    }

    [Theory]
    // 三島市 per-事由 defaults (§2); 介護・就学 split at 120h.
    [InlineData(CareNeedReason.Employment, CareLevelRule.ByHours)]
    [InlineData(CareNeedReason.Pregnancy, CareLevelRule.AlwaysStandard)]
    [InlineData(CareNeedReason.Disaster, CareLevelRule.AlwaysStandard)]
    [InlineData(CareNeedReason.JobSeeking, CareLevelRule.AlwaysStandard)]
    [InlineData(CareNeedReason.Abuse, CareLevelRule.AlwaysStandard)]
    [InlineData(CareNeedReason.ParentalLeave, CareLevelRule.AlwaysShort)]
    [InlineData(CareNeedReason.Care, CareLevelRule.ByHours)]
    [InlineData(CareNeedReason.Study, CareLevelRule.ByHours)]
    public void when_a_reason_is_looked_up_in_the_default_set_it_has_the_reference_rule(CareNeedReason reason, CareLevelRule expected) =>
        Version1.RuleFor(reason).ShouldBe(expected);

    [Fact]
    public void when_the_date_is_the_day_before_a_new_version_the_old_version_is_in_force() =>
        CertificationRuleSet.InForceOn([Version1, Version2], new DateOnly(2027, 3, 31)).Version.ShouldBe(1);

    [Fact]
    public void when_the_date_is_the_new_versions_effective_date_the_new_version_is_in_force() =>
        CertificationRuleSet.InForceOn([Version2, Version1], new DateOnly(2027, 4, 1)).MinimumMonthlyHours.ShouldBe(48);

    [Fact]
    public void when_no_version_has_started_yet_none_is_in_force() =>
        ShouldBreakRule(() => CertificationRuleSet.InForceOn([Version1, Version2], new DateOnly(2015, 3, 31)), "rules.none-in-force");
}
