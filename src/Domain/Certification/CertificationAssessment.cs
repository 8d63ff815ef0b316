using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Certification;

/// <summary>The facts a certification decision is made from.</summary>
/// <param name="StartDate">the first day the certification would apply</param>
/// <param name="GuardianIds">the household's current 保護者: each needs a 保育必要性 for 2号/3号</param>
public sealed record AssessmentRequest(
    DateOnly ChildBirthDate,
    DateOnly StartDate,
    DateOnly? DesiredTo,
    bool WantsNurseryCare,
    IReadOnlyList<CareNeed> Needs,
    IReadOnlyCollection<Guid> GuardianIds);

/// <summary>The outcome: category, 保育必要量 and 有効期間, with the basis that explains them.</summary>
public sealed record Assessment(
    CertificationCategory Category,
    CareLevel? CareLevel,
    CareNeedReason? PrimaryReason,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    DateOnly? ContinuesAsCategory2Until,
    CertificationBasis Basis);

/// <summary>
/// 教育・保育給付認定 rules (REFERENCE.md §2): category from age and need (法19条), 保育必要量 from
/// hours against the municipality's thresholds, the household taking the lower of its guardians'
/// levels, and the 有効期間 limits (就学, 満3歳, 求職活動, the need's own end, the requested end).
/// </summary>
public static class CertificationAssessment
{
    public static Assessment Assess(AssessmentRequest request, CertificationRuleSet rules)
    {
        var start = request.StartDate;
        var birth = request.ChildBirthDate;
        if (start < birth)
            throw new DomainRuleException("certification.before-birth", $"The certification cannot start ({start:yyyy-MM-dd}) before the child's birth ({birth:yyyy-MM-dd}).", "desiredFrom");

        var schoolEntry = JapaneseDates.SchoolEntryDate(birth);
        if (start >= schoolEntry)
            throw new DomainRuleException("certification.school-age", $"The child enters school on {schoolEntry:yyyy-MM-dd}; no certification can start on {start:yyyy-MM-dd}.", "desiredFrom");

        var reachesThree = JapaneseDates.DateOfReachingAge(birth, 3);
        var overThree = reachesThree <= start;
        var explanation = new List<string>
        {
            $"基準日 {start:yyyy-MM-dd}: 満{JapaneseDates.LegalAgeOn(birth, start)}歳 (満3歳に達する日 {reachesThree:yyyy-MM-dd})",
            $"就学日 {schoolEntry:yyyy-MM-dd}: 認定は前日 {schoolEntry.AddDays(-1):yyyy-MM-dd} まで",
        };
        var limits = new List<(DateOnly Date, string Why)> { (schoolEntry.AddDays(-1), "就学前日") };
        if (request.DesiredTo is { } desiredTo) limits.Add((desiredTo, "希望期間終了日"));

        CertificationCategory category;
        CareLevel? careLevel = null;
        CareNeedReason? primaryReason = null;
        var guardianAssessments = new List<GuardianAssessment>();

        if (!request.WantsNurseryCare)
        {
            if (!overThree)
                throw new DomainRuleException("certification.under-three-needs-care", $"A child under 満3歳 on {start:yyyy-MM-dd} can only be certified for 保育 (3号), which needs a 保育の必要性.", "wantsNurseryCare");
            category = CertificationCategory.Category1;
            explanation.Add("保育希望なし・満3歳以上 → 1号 (教育標準時間認定)");
        }
        else
        {
            guardianAssessments = AssessGuardians(request, rules);
            var limiting = guardianAssessments.OrderBy(g => g.CareLevel == CareLevel.Short ? 0 : 1).First();
            careLevel = limiting.CareLevel;
            primaryReason = limiting.Reason;
            explanation.AddRange(guardianAssessments.Select(g => $"保護者 {g.GuardianId}: {g.Rule}"));
            explanation.Add($"世帯の保育必要量: {(careLevel == CareLevel.Standard ? "保育標準時間" : "保育短時間")} (保護者のうち短い方)");
            category = overThree ? CertificationCategory.Category2 : CertificationCategory.Category3;
            explanation.Add(overThree ? "保育の必要性あり・満3歳以上 → 2号" : "保育の必要性あり・満3歳未満 → 3号");

            foreach (var need in request.Needs)
            {
                if (need.Until is { } until) limits.Add((until, $"事由の終了予定日 ({need.Reason})"));
                if (need.Reason == CareNeedReason.JobSeeking) limits.Add((JobSeekingEnd(start, rules), $"求職活動 {rules.JobSeekingValidityDays}日"));
            }
        }

        var periodEnd = limits.MinBy(l => l.Date);
        DateOnly? continuesAsCategory2Until = null;
        var validTo = periodEnd.Date;
        if (category == CertificationCategory.Category3 && reachesThree.AddDays(-1) < periodEnd.Date)
        {
            validTo = reachesThree.AddDays(-1);
            continuesAsCategory2Until = periodEnd.Date;
            explanation.Add($"3号は満3歳に達する日の前日 {validTo:yyyy-MM-dd} まで; {reachesThree:yyyy-MM-dd} から2号へ自動変更 ({periodEnd.Date:yyyy-MM-dd} まで)");
        }
        explanation.Add($"有効期間 {start:yyyy-MM-dd} – {validTo:yyyy-MM-dd} (終了の根拠: {(continuesAsCategory2Until is null ? periodEnd.Why : "満3歳に達する日の前日")})");

        if (validTo < start)
            throw new DomainRuleException("certification.empty-period", $"The period would end ({validTo:yyyy-MM-dd}, {periodEnd.Why}) before it starts ({start:yyyy-MM-dd}).", "desiredTo");

        var basis = new CertificationBasis(rules.Id, rules.Version, birth, start, JapaneseDates.LegalAgeOn(birth, start), guardianAssessments, explanation);
        return new Assessment(category, careLevel, primaryReason, start, validTo, continuesAsCategory2Until, basis);
    }

    /// <summary>府令8条: 求職活動 certifications last the set number of days, counting the first day.</summary>
    public static DateOnly JobSeekingEnd(DateOnly start, CertificationRuleSet rules)
    {
        var lastDay = start.AddDays(rules.JobSeekingValidityDays - 1);
        return rules.JobSeekingEndsAtMonthEnd ? JapaneseDates.EndOfMonth(lastDay) : lastDay;
    }

    /// <summary>保育必要量 for one need under the rule set.</summary>
    public static (CareLevel Level, string Rule) CareLevelFor(CareNeed need, CertificationRuleSet rules, int index = 0)
    {
        switch (rules.RuleFor(need.Reason))
        {
            case CareLevelRule.AlwaysStandard:
                return (CareLevel.Standard, $"{need.Reason} → 保育標準時間 (事由による)");
            case CareLevelRule.AlwaysShort:
                return (CareLevel.Short, $"{need.Reason} → 保育短時間 (事由による)");
            default:
                var hours = need.MonthlyHours
                    ?? throw new DomainRuleException("certification.hours-required", $"The 事由 {need.Reason} is assessed by monthly hours; monthlyHours is required.", $"needs[{index}].monthlyHours");
                if (hours < rules.MinimumMonthlyHours)
                    throw new DomainRuleException("certification.below-minimum-hours", $"{need.Reason} of {hours} h/month is below the {rules.MinimumMonthlyHours}-hour lower limit (認定基準 v{rules.Version}).", $"needs[{index}].monthlyHours");
                return hours >= rules.StandardCareMonthlyHours
                    ? (CareLevel.Standard, $"{need.Reason} {hours}h/月 ≥ {rules.StandardCareMonthlyHours}h → 保育標準時間")
                    : (CareLevel.Short, $"{need.Reason} {hours}h/月 ({rules.MinimumMonthlyHours}h以上 {rules.StandardCareMonthlyHours}h未満) → 保育短時間");
        }
    }

    private static List<GuardianAssessment> AssessGuardians(AssessmentRequest request, CertificationRuleSet rules)
    {
        if (request.Needs.Count == 0)
            throw new DomainRuleException("certification.care-need-required", "保育 certification needs at least one guardian's 保育の必要性.", "needs");

        var result = new List<GuardianAssessment>();
        for (var i = 0; i < request.Needs.Count; i++)
        {
            var need = request.Needs[i];
            if (!request.GuardianIds.Contains(need.GuardianId))
                throw new DomainRuleException("certification.need-not-guardian", $"Person {need.GuardianId} is not a guardian (保護者) of the child's household.", $"needs[{i}].guardianId");
            if (result.Any(r => r.GuardianId == need.GuardianId))
                throw new DomainRuleException("certification.duplicate-need", $"Guardian {need.GuardianId} has more than one need; give one (the main 事由) per guardian.", $"needs[{i}].guardianId");
            var (level, rule) = CareLevelFor(need, rules, i);
            result.Add(new GuardianAssessment(need.GuardianId, need.Reason, need.MonthlyHours, level, rule));
        }

        var without = request.GuardianIds.Where(g => result.All(r => r.GuardianId != g)).ToList();
        if (without.Count > 0)
            throw new DomainRuleException("certification.guardian-without-need", $"Every guardian must need care for 保育認定; guardian {without[0]} has no 保育の必要性 recorded.", "needs");
        return result;
    }
}
