namespace KosodateShien.Domain.Tests.Certification;

using KosodateShien.Domain.Certification;

/// <summary>
/// REFERENCE.md §15 acceptance example 14 and §2 保育必要量 (府令4条): a guardian below the municipal
/// lower limit (48–64h) has no 保育必要性; from the limit to under 120h → 短時間; 120h or more → 標準時間;
/// the household takes the lower level of its guardians.
/// </summary>
public class CareLevelByHoursTests : CertificationSpec
{
    [Fact]
    public void when_mother_works_100h_and_father_170h_household_gets_short_care()
    {
        // §15 ex. 14, 上田市 (64h): both eligible; mother < 120h → household 短時間.
        var assessment = Assess(PreschoolerBirth, April2027, BothWork(100, 170));

        assessment.CareLevel.ShouldBe(CareLevel.Short);
        assessment.PrimaryReason.ShouldBe(CareNeedReason.Employment);
        assessment.Basis.Guardians.Select(g => (g.GuardianId, g.CareLevel)).ToArray().ShouldBe(
            new[] { (Mother, CareLevel.Short), (Father, CareLevel.Standard) });
    }

    [Fact]
    public void when_mother_works_50h_under_a_64h_lower_limit_she_is_not_eligible()
    {
        // §15 ex. 14, 上田市: 50h < 64h → not eligible.
        var error = ShouldBreakRule(() => Assess(PreschoolerBirth, April2027, BothWork(50, 170)), "certification.below-minimum-hours");

        error.Field.ShouldBe("needs[0].monthlyHours");
    }

    [Fact]
    public void when_the_guardian_below_the_limit_is_listed_second_the_error_names_index_one()
    {
        var error = ShouldBreakRule(
            () => Assess(PreschoolerBirth, April2027, [Works(Father, 170), Works(Mother, 50)]), "certification.below-minimum-hours");

        error.Field.ShouldBe("needs[1].monthlyHours");
    }

    [Fact]
    public void when_mother_works_50h_under_a_48h_lower_limit_household_gets_short_care()
    {
        // §15 ex. 14, 宮津市 (48h): 50h ≥ 48h → eligible, 短時間.
        var miyazu = CertificationRuleSet.Default with { MinimumMonthlyHours = 48 };

        var assessment = Assess(PreschoolerBirth, April2027, BothWork(50, 170), rules: miyazu);

        assessment.Category.ShouldBe(CertificationCategory.Category2);
        assessment.CareLevel.ShouldBe(CareLevel.Short);
    }

    [Theory]
    // §2: lower limit (64h, 上田市) ≤ hours < 120h → 短時間; ≥ 120h → 標準時間 (越前/松江 split).
    [InlineData(64, CareLevel.Short)]
    [InlineData(119, CareLevel.Short)]
    [InlineData(120, CareLevel.Standard)]
    [InlineData(275, CareLevel.Standard)]
    public void when_both_guardians_work_the_same_hours_the_level_follows_the_thresholds(int hours, CareLevel expected) =>
        Assess(PreschoolerBirth, April2027, BothWork(hours, hours)).CareLevel.ShouldBe(expected);

    [Fact]
    public void when_a_guardian_works_63h_one_hour_under_the_limit_the_household_is_not_eligible() =>
        ShouldBreakRule(() => Assess(PreschoolerBirth, April2027, BothWork(63, 170)), "certification.below-minimum-hours");

    [Fact]
    public void when_the_standard_threshold_is_raised_to_160h_a_150h_household_gets_short_care()
    {
        var stricter = CertificationRuleSet.Default with { StandardCareMonthlyHours = 160 };

        Assess(PreschoolerBirth, April2027, BothWork(150, 170), rules: stricter).CareLevel.ShouldBe(CareLevel.Short);
    }

    [Fact]
    public void when_assessed_the_basis_records_the_rule_set_version_and_age()
    {
        var basis = Assess(PreschoolerBirth, April2027, BothWork(100, 170)).Basis;

        basis.RuleSetId.ShouldBe("certification-rules/1");
        basis.RuleSetVersion.ShouldBe(1);
        basis.AssessedOn.ShouldBe(April2027);
        basis.AgeOnAssessment.ShouldBe(4);
        basis.ChildBirthDate.ShouldBe(PreschoolerBirth);
    }
}
