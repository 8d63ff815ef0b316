using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>
/// 保育の必要性 for every current guardian: mostly 就労 (full time 140–200 h or part time from the rule set's lower
/// limit), sometimes 妊娠・出産, 疾病, 介護, 就学, 求職活動 (only for recent starts: it lasts 90 days) or
/// 育児休業 while a baby sibling is at home. Temporary 事由 end after <c>today</c>, so nothing has silently lapsed.
/// </summary>
internal sealed class DemoCareNeeds(DemoRandom random, CertificationRuleSet rules, DateOnly today)
{
    public IReadOnlyList<CareNeed> For(DemoFamily family, DemoPerson child, DateOnly start) =>
        [.. family.Guardians.Select(guardian => NeedOf(guardian, family, child, start))];

    /// <summary>One guardian works fewer hours than the lower limit: the application cannot be certified.</summary>
    public IReadOnlyList<CareNeed> BelowMinimum(DemoFamily family, DemoPerson child, DateOnly start)
    {
        var needs = For(family, child, start).ToList();
        var index = random.Int(0, needs.Count - 1);
        var hours = random.Int(Math.Max(8, rules.MinimumMonthlyHours - 24), rules.MinimumMonthlyHours - 1);
        needs[index] = new CareNeed(needs[index].GuardianId, CareNeedReason.Employment, hours);
        return needs;
    }

    public CareNeed Employment(Guid guardianId, bool fullTime) =>
        new(guardianId, CareNeedReason.Employment, fullTime ? FullTimeHours() : PartTimeHours());

    public CareNeed ParentalLeave(Guid guardianId, DateOnly start) =>
        new(guardianId, CareNeedReason.ParentalLeave, null, Later(start, today).AddDays(random.Int(60, 330)));

    /// <summary>A 育児休業 is plausible for the mother (or a single parent) while a younger sibling is under one.</summary>
    public static bool CanTakeParentalLeave(DemoFamily family, DemoPerson guardian) =>
        guardian.Sex == Sex.Female || family.Guardians.Count == 1;

    private CareNeed NeedOf(DemoPerson guardian, DemoFamily family, DemoPerson child, DateOnly start)
    {
        var choices = new List<(CareNeedReason Item, double Weight)>
        {
            (CareNeedReason.Employment, 0.84), (CareNeedReason.Illness, 0.02), (CareNeedReason.Care, 0.02),
            (CareNeedReason.Study, 0.02), (CareNeedReason.Other, 0.01),
        };
        if (guardian.Sex == Sex.Female) choices.Add((CareNeedReason.Pregnancy, 0.03));
        if (start >= today.AddDays(-80)) choices.Add((CareNeedReason.JobSeeking, 0.03));
        var babySibling = family.Children.Any(c => c.BirthDate > child.BirthDate && c.BirthDate <= start && c.BirthDate.AddDays(365) >= start);
        if (babySibling && CanTakeParentalLeave(family, guardian)) choices.Add((CareNeedReason.ParentalLeave, 0.30));

        return random.Weighted(choices) switch
        {
            CareNeedReason.Employment => Employment(guardian.Id, fullTime: random.Chance(0.88)),
            CareNeedReason.Pregnancy => new CareNeed(guardian.Id, CareNeedReason.Pregnancy, null, Later(start, today).AddDays(random.Int(30, 200))),
            CareNeedReason.ParentalLeave => ParentalLeave(guardian.Id, start),
            CareNeedReason.Illness => new CareNeed(guardian.Id, CareNeedReason.Illness, null),
            CareNeedReason.JobSeeking => new CareNeed(guardian.Id, CareNeedReason.JobSeeking, null),
            var byHours => new CareNeed(guardian.Id, byHours, random.Int(rules.MinimumMonthlyHours, Math.Max(rules.MinimumMonthlyHours, 160))),
        };
    }

    private int FullTimeHours()
    {
        var standard = rules.StandardCareMonthlyHours;
        return random.Chance(0.1) ? random.Int(standard, standard + 19) : random.Int(Math.Max(standard, 140), Math.Max(standard, 200));
    }

    private int PartTimeHours() => random.Int(rules.MinimumMonthlyHours, Math.Max(rules.MinimumMonthlyHours, rules.StandardCareMonthlyHours - 1));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
