using System.Security.Cryptography;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Rounds;
using KosodateShien.Domain.Allocation.Scoring;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Allocation;

/// <summary>What a round takes in: scored candidates, applications refused before allocation, and vacancies.</summary>
public sealed record RoundIntakeResult(IReadOnlyList<RoundCandidate> Candidates, IReadOnlyList<ExcludedApplication> Refused, IReadOnlyList<ExcludedApplication> Held, IReadOnlyList<RoundVacancy> Vacancies);

/// <summary>
/// Gathers a round's intake on its 基準日 (the first day of its month): every waiting application whose
/// requested start has come, checked against its certification, scored with the 入所選考基準 in force,
/// with one lottery draw per household; and the 空き定員 every open facility declared for the month.
/// </summary>
public static class RoundIntake
{
    public static async Task<RoundIntakeResult> GatherAsync(IQuerySession session, AllocationRound round, SelectionCriteria criteria, CancellationToken ct)
    {
        var month = round.TargetMonth;
        var facilities = (await session.Query<Facility>().ToListAsync(ct)).Where(f => f.IsOpenFor(month)).OrderBy(f => f.Id).ToList();
        var open = facilities.Select(f => f.Id).ToHashSet();
        var vacancies = facilities.Select(f => new RoundVacancy(f.Id, f.VacanciesFor(month))).ToList();

        var applications = (await session.Query<PlacementApplication>()
            .Where(a => (a.Status == PlacementApplicationStatus.Received || a.Status == PlacementApplicationStatus.OnHold) && a.DesiredStartMonth <= month)
            .ToListAsync(ct)).OrderBy(a => a.ApplicationNumber).ToList();
        var facts = await RoundFacts.LoadAsync(session, applications, month, ct);

        var candidates = new List<RoundCandidate>();
        var refused = new List<ExcludedApplication>();
        var held = new List<ExcludedApplication>();
        var lotteries = new Dictionary<Guid, long>();
        foreach (var application in applications)
        {
            switch (Eligibility(application, facts, month, open))
            {
                case { Refusal: { } reason }:
                    refused.Add(new ExcludedApplication(application.Id, reason));
                    continue;
                case { Later: { } reason }:
                    held.Add(new ExcludedApplication(application.Id, reason));
                    continue;
            }
            var household = facts.Households[application.HouseholdId];
            var certification = facts.Certifications[application.CertificationId];
            var score = ApplicationScoring.Score(new ScoringFacts(
                certification.Needs,
                household.CurrentGuardianIds.Count(),
                household.Welfare.Any(w => w.Kind == WelfareKind.SingleParent && w.CoversDate(month)),
                household.Welfare.Any(w => w.Kind == WelfareKind.PublicAssistance && w.CoversDate(month)),
                application.Adjustments,
                household.CurrentMembers.Count(m => m.Role == HouseholdRole.Child),
                facts.IncomeLevy(household),
                MonthsBetween(application.DesiredStartMonth, month)), criteria);
            if (!lotteries.TryGetValue(application.HouseholdId, out var lottery))
                lotteries[application.HouseholdId] = lottery = RandomNumberGenerator.GetInt32(int.MaxValue);
            var tier = application.WideAreaAccepted ? 1 : 0;
            candidates.Add(new RoundCandidate(application, score, lottery, JapaneseDates.ClassAge(facts.Children[application.ChildId].BirthDate, JapaneseDates.FiscalYearOf(month)), tier));
        }
        return new RoundIntakeResult(candidates, refused, held, vacancies);
    }

    private static (string? Refusal, string? Later) Eligibility(PlacementApplication application, RoundFacts facts, DateOnly month, HashSet<Guid> open)
    {
        if (!facts.Certifications.TryGetValue(application.CertificationId, out var certification)
            || certification.Status is CertificationStatus.Rejected or CertificationStatus.Withdrawn or CertificationStatus.Cancelled
            || certification.Category == CertificationCategory.Category1)
            return ("有効な保育認定 (2号・3号) がない", null);
        if (certification.Status == CertificationStatus.Applied)
            return (null, "保育認定の審査中 (次回以降の選考で対象)");
        if (certification.ValidFrom > month)
            return (null, $"保育認定の開始 ({certification.ValidFrom:yyyy-MM-dd}) が入所月より後");
        if (certification.ValidTo < month)
            return ($"保育認定の有効期間 ({certification.ValidTo:yyyy-MM-dd} まで) が入所月に及ばない", null);
        if (!facts.Children.TryGetValue(application.ChildId, out var child) || JapaneseDates.SchoolEntryDate(child.BirthDate) <= month)
            return ("就学年齢に達している", null);
        if (!facts.Households.ContainsKey(application.HouseholdId))
            return ("世帯が確認できない (転出等)", null);
        if (application.Kind == PlacementApplicationKind.New && !application.DesiredFacilities.Any(open.Contains))
            return ("希望施設がいずれも選考対象外 (閉園等)", null);
        return (null, null);
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => Math.Max(0, (to.Year - from.Year) * 12 + to.Month - from.Month);
}
