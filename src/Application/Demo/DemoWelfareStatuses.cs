using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>A planned 福祉状況 period; <see cref="End"/> is null while it is ongoing.</summary>
internal sealed record DemoWelfarePeriod(WelfareKind Kind, DateOnly Start, DateOnly? End, Guid? PersonId);

/// <summary>
/// Plans a household's 福祉状況 at realistic rates: ひとり親 for every single-parent household, 生活保護 for about
/// 1.5% of households (more often single parents, about a third already 廃止), 特別児童扶養手当 and 在宅障害 about 1% each.
/// </summary>
internal sealed class DemoWelfareStatuses(DemoRandom random, DateOnly today)
{
    public IReadOnlyList<DemoWelfarePeriod> Plan(DemoTimeline<Household> timeline, IReadOnlyList<DemoPerson> people, DateOnly registeredOn, bool singleParent)
    {
        var periods = new List<DemoWelfarePeriod>();
        var eldestChildBirth = people.Where(p => p.Role == HouseholdRole.Child).Min(p => p.BirthDate);
        var recent = today.AddDays(-14);

        if (singleParent)
        {
            periods.Add(new(WelfareKind.SingleParent, random.Date(Later(registeredOn, eldestChildBirth), recent), null, null));
        }
        var assistanceFrom = Later(registeredOn, today.AddYears(-4));
        if (random.Chance(singleParent ? 0.07 : 0.011) && assistanceFrom <= today.AddDays(-60))
        {
            var start = random.Date(assistanceFrom, today.AddDays(-60));
            var ended = random.Chance(0.35) && start.AddDays(90) <= today.AddDays(-7);
            periods.Add(new(WelfareKind.PublicAssistance, start, ended ? random.Date(start.AddDays(90), today.AddDays(-7)) : null, null));
        }
        if (random.Chance(0.01))
        {
            var child = random.Pick([.. people.Where(p => p.Role == HouseholdRole.Child)]);
            var from = Later(child.JoinedOn, child.BirthDate.AddDays(180));
            if (from <= recent) periods.Add(new(WelfareKind.SpecialChildRearingAllowance, random.Date(from, recent), null, child.Id));
        }
        if (random.Chance(0.01))
        {
            var member = random.Pick(people);
            var from = Later(member.JoinedOn, today.AddYears(-5));
            if (from <= recent) periods.Add(new(WelfareKind.HomeDisability, random.Date(from, recent), null, member.Id));
        }

        foreach (var period in periods)
        {
            timeline.Add(period.Start, h => h.StartWelfare(period.Kind, period.Start, period.PersonId));
            if (period.End is { } end) timeline.Add(end, h => h.EndWelfare(period.Kind, end, period.PersonId));
        }
        return periods;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
