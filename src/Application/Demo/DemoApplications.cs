using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>How the needs of a drafted application look.</summary>
internal enum DemoNeeds { Eligible, BelowMinimumHours }

/// <summary>
/// Drafts 支給認定申請 through <see cref="CertificationState.Apply"/>: the start parents ask for (the next month, or the
/// April intake for applications made October–January; never before 生後57日), 保育希望 (1号 only for children
/// already 満3歳 at the start), every guardian's need and, when asked, 未提出書類.
/// </summary>
internal sealed class DemoApplications(DemoRandom random, DemoCareNeeds needs, CertificationRuleSet rules, DateOnly today)
{
    /// <summary>The first day a child could apply: two weeks after birth, once in the household, within the last two years.</summary>
    public DateOnly EarliestApplication(DemoPerson child) =>
        Latest(child.JoinedOn, child.BirthDate.AddDays(14), today.AddYears(-2));

    public DemoStreamBuilder<CertificationState> Apply(DemoFamily family, DemoPerson child, DateOnly applicationDate,
        bool requireCare = false, DemoNeeds needsKind = DemoNeeds.Eligible, int missingDocuments = 0)
    {
        var desiredFrom = DesiredFrom(child, applicationDate);
        var start = Latest(desiredFrom, applicationDate);
        var overThree = JapaneseDates.DateOfReachingAge(child.BirthDate, 3) <= start;
        var wantsCare = requireCare || needsKind == DemoNeeds.BelowMinimumHours || !overThree || !random.Chance(0.3);
        IReadOnlyList<CareNeed> careNeeds = !wantsCare ? []
            : needsKind == DemoNeeds.BelowMinimumHours ? needs.BelowMinimum(family, child, start)
            : needs.For(family, child, start);
        DateOnly? desiredTo = random.Chance(0.03) ? new DateOnly(Math.Max(JapaneseDates.FiscalYearOf(start), JapaneseDates.FiscalYearOf(today)) + 1, 3, 31) : null;

        var stream = new DemoStreamBuilder<CertificationState>(random.NextGuid(), CertificationState.Evolve);
        stream.Append(CertificationState.Apply(stream.Id, child.Id, family.Guardians[0].Id, family.HouseholdId, applicationDate, Kind(family, child, applicationDate),
            wantsCare, desiredFrom, desiredTo, careNeeds, MissingDocuments(careNeeds, missingDocuments), disclosureConsent: random.Chance(0.97), rules));
        return stream;
    }

    /// <summary>Up to <paramref name="count"/> documents the application could lack: the proof of each need, or general papers.</summary>
    public IReadOnlyList<string> MissingDocuments(IReadOnlyList<CareNeed> careNeeds, int count)
    {
        if (count == 0) return [];
        var candidates = careNeeds.Select(n => DemoCertificationTexts.DocumentFor(n.Reason)).Distinct().ToList();
        candidates.Add(random.Pick(DemoCertificationTexts.GeneralDocuments));
        return [.. candidates.OrderBy(_ => random.Int(0, 1000)).Take(count)];
    }

    private DateOnly DesiredFrom(DemoPerson child, DateOnly applicationDate)
    {
        var nextMonth = FirstOfMonth(applicationDate).AddMonths(1);
        var desired = applicationDate.Month is 10 or 11 or 12 or 1 && random.Chance(0.6)
            ? new DateOnly(JapaneseDates.FiscalYearOf(applicationDate) + 1, 4, 1)
            : random.Chance(0.2) ? nextMonth.AddMonths(1) : nextMonth;
        var firstPossible = child.BirthDate.AddDays(57);
        if (desired >= firstPossible) return desired;
        return firstPossible.Day == 1 ? firstPossible : FirstOfMonth(firstPossible).AddMonths(1);
    }

    /// <summary>転入: a child who moved in with the family shortly before, usually certified elsewhere before.</summary>
    private ApplicationKind Kind(DemoFamily family, DemoPerson child, DateOnly applicationDate) =>
        family.RegistrationReason == RegistryChangeReason.MoveIn && child.JoinedOn == family.RegisteredOn && child.BirthDate < family.RegisteredOn
        && applicationDate.DayNumber - family.RegisteredOn.DayNumber <= 60 && random.Chance(0.6)
            ? ApplicationKind.MoveIn
            : ApplicationKind.New;

    private static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    private static DateOnly Latest(params ReadOnlySpan<DateOnly> dates)
    {
        var latest = dates[0];
        foreach (var date in dates) if (date > latest) latest = date;
        return latest;
    }
}
