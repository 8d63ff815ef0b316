using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>
/// What happens to an approved certification afterwards, planned on a <see cref="DemoTimeline{TState}"/> up to a
/// horizon (today, or the 取消 day): 認定証 交付 and 再交付 (変更, 満3歳, 紛失), 変更, 現況届, 取消 and 返還.
/// Every step goes through the <see cref="CertificationState"/> decision methods.
/// </summary>
internal sealed class DemoCertifiedLifecycle(DemoRandom random, DemoNumberSequences numbers, DemoCareNeeds needs, CertificationRuleSet rules)
{
    public void IssueCertificate(DemoTimeline<CertificationState> timeline, DateOnly issuedOn) =>
        timeline.Add(issuedOn, s => s.IssueCertificate(issuedOn, numbers.NextCertificateIssueNumber(issuedOn)));

    /// <summary>変更 on a day within the period: 求職活動→就労, 育児休業 for a baby sibling, or more or fewer working hours.</summary>
    public void PlanChange(DemoTimeline<CertificationState> timeline, CertificationState approved, DemoFamily family, DemoPerson child, DateOnly notBefore, DateOnly horizon)
    {
        var from = Later(approved.ValidFrom!.Value, notBefore);
        var to = Earlier(approved.ContinuesAsCategory2Until ?? approved.ValidTo!.Value, horizon);
        var current = approved.Needs;
        var jobSeeking = current.FirstOrDefault(n => n.Reason == CareNeedReason.JobSeeking);
        var babySibling = family.Children.FirstOrDefault(c => c.BirthDate > child.BirthDate && c.BirthDate.AddDays(56) <= to && c.BirthDate.AddDays(365) >= from);
        var onLeave = family.Guardians.FirstOrDefault(g => DemoCareNeeds.CanTakeParentalLeave(family, g) && current.All(n => n.GuardianId != g.Id || n.Reason != CareNeedReason.ParentalLeave));

        DateOnly changeDate;
        string reason;
        IReadOnlyList<CareNeed> changed;
        if (jobSeeking is not null)
        {
            changeDate = random.Date(from, to);
            reason = "求職活動中の保護者の就労開始";
            changed = Replace(current, needs.Employment(jobSeeking.GuardianId, fullTime: random.Chance(0.6)));
        }
        else if (babySibling is not null && onLeave is not null && random.Chance(0.6))
        {
            changeDate = random.Date(Later(from, babySibling.BirthDate.AddDays(56)), Earlier(to, babySibling.BirthDate.AddDays(365)));
            reason = "下の子の出生に伴う育児休業の取得";
            changed = Replace(current, needs.ParentalLeave(onLeave.Id, changeDate));
        }
        else
        {
            changeDate = random.Date(from, to);
            var employed = current.Where(n => n.Reason == CareNeedReason.Employment).ToList();
            var target = employed.Count > 0 ? random.Pick(employed) : random.Pick(current);
            var moreHours = target.Reason != CareNeedReason.Employment || target.MonthlyHours < rules.StandardCareMonthlyHours;
            reason = target.Reason != CareNeedReason.Employment ? "保護者の就労開始" : moreHours ? "就労時間の増加" : "就労時間の短縮";
            changed = Replace(current, needs.Employment(target.GuardianId, fullTime: moreHours));
        }

        timeline.Add(changeDate, s => s.Change(changeDate, reason, changed, CertificationAssessment.Assess(
            new AssessmentRequest(child.BirthDate, changeDate, s.DesiredTo, s.WantsNurseryCare, changed, family.GuardianIds), rules)));
        if (random.Chance(0.5)) Reissue(timeline, random.Date(changeDate, Earlier(changeDate.AddDays(10), horizon)), DemoCertificationTexts.ChangedCertificate);
    }

    /// <summary>Some families get a new 認定証 after the 3号→2号 change on 満3歳に達する日.</summary>
    public void PlanAgeThreeReissue(DemoTimeline<CertificationState> timeline, CertificationState approved, DemoPerson child, DateOnly horizon)
    {
        if (approved is not { Category: CertificationCategory.Category3, ContinuesAsCategory2Until: not null } || !random.Chance(0.4)) return;
        var reachesThree = JapaneseDates.DateOfReachingAge(child.BirthDate, 3);
        var to = Earlier(reachesThree.AddDays(14), horizon);
        if (reachesThree > to) return;
        var reissuedOn = random.Date(reachesThree, to);
        timeline.Add(reissuedOn, s => s.Category == CertificationCategory.Category2 && s.Certificate is { ReturnedOn: null }
            ? s.ReissueCertificate(reissuedOn, numbers.NextCertificateIssueNumber(reissuedOn), DemoCertificationTexts.AgeThreeCertificate)
            : null);
    }

    public void PlanLostCertificate(DemoTimeline<CertificationState> timeline, DateOnly issuedOn, DateOnly horizon)
    {
        if (!random.Chance(0.03) || issuedOn.AddDays(30) > horizon) return;
        Reissue(timeline, random.Date(issuedOn.AddDays(30), horizon), DemoCertificationTexts.LostCertificate);
    }

    /// <summary>現況届 from the latest June (the annual check) for about a third of certifications, most already returned.</summary>
    public void PlanStatusReport(DemoTimeline<CertificationState> timeline, DateOnly issuedOn, DateOnly horizon)
    {
        var june = new DateOnly(JapaneseDates.FiscalYearOf(horizon), 6, 1);
        if (june > horizon) june = june.AddYears(-1);
        if (june <= issuedOn || !random.Chance(0.35)) return;

        var reportIssued = random.Date(june, Earlier(june.AddDays(9), horizon));
        timeline.Add(reportIssued, s => s.ValidTo >= reportIssued ? s.IssueStatusReport(reportIssued) : null);
        if (!random.Chance(0.85) || reportIssued.AddDays(3) > horizon) return;
        var submitted = random.Date(reportIssued.AddDays(3), Earlier(reportIssued.AddDays(40), horizon));
        timeline.Add(submitted, s => s.StatusReport is { State: StatusReportState.Issued } ? s.SubmitStatusReport(submitted) : null);
    }

    /// <summary>取消 on <paramref name="cancelledOn"/>; the 認定証 comes back for some.</summary>
    public void PlanCancellation(DemoTimeline<CertificationState> timeline, DateOnly cancelledOn, string reason, double returnShare, DateOnly today)
    {
        timeline.Add(cancelledOn, s => s.Cancel(cancelledOn, reason));
        if (!random.Chance(returnShare)) return;
        var returnedOn = random.Date(cancelledOn, Earlier(cancelledOn.AddDays(14), today));
        timeline.Add(returnedOn, s => s.Certificate is { ReturnedOn: null } ? s.ReturnCertificate(returnedOn, DemoCertificationTexts.ReturnedAfterCancellation) : null);
    }

    private void Reissue(DemoTimeline<CertificationState> timeline, DateOnly reissuedOn, string reason) =>
        timeline.Add(reissuedOn, s => s.Certificate is { ReturnedOn: null }
            ? s.ReissueCertificate(reissuedOn, numbers.NextCertificateIssueNumber(reissuedOn), reason)
            : null);

    private static IReadOnlyList<CareNeed> Replace(IReadOnlyList<CareNeed> current, CareNeed replacement) =>
        [.. current.Select(n => n.GuardianId == replacement.GuardianId ? replacement : n)];

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
