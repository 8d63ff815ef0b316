using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>A generated 契約 (placement) with the child's current クラス年齢.</summary>
internal sealed record DemoPlacement(DemoStreamBuilder<Placement> Stream, int ClassNow)
{
    public Placement State => Stream.State;
}

/// <summary>What the placement part of a demo run generated.</summary>
internal sealed record DemoPlacementData(IReadOnlyList<DemoPlacement> Placements, long ContractNumbersUsed, int Ended);

/// <summary>
/// Children attending the ward's facilities today (契約), as 直接契約 entries like <c>POST /api/placements</c> makes them. About 85%
/// of the children with a 保育認定 (2号/3号, 保育希望) valid on the first day of <c>today</c>'s month who have not applied for the
/// next April (those are still waiting) attend a facility near home with a class for their クラス年齢 now (地域型保育 only for
/// 0–2歳児), never more children in a facility × class than its 利用定員 in any 年度 since they started (so each start passes
/// <c>POST /api/placements</c>'s check, <see cref="ClassPlaces"/>). They started on the first of a month (mostly an April,
/// some mid-year, a few on the 16th) within the certification's current period and not after this month's first day, 利用承諾 and
/// 契約締結 a few days before; they moved up a class every 1 April since (<see cref="ClassProgressed"/>). About 2% have left since
/// (<see cref="ChildLeftFacility"/>). 契約履歴番号 run from 1 in the order the placements were decided, "K{年度 of the start}{000001…}".
/// </summary>
internal sealed class DemoPlacementGenerator(DemoRandom random, DemoAddressBook addresses, DateOnly today)
{
    private const double PlacedShare = 0.85;
    private const double EndedShare = 0.02;
    private const double SixteenthShare = 0.04;
    private const double AprilShare = 0.90;

    private static readonly IReadOnlyList<(string Reason, double Weight)> LeavingReasons =
    [
        ("退所（家庭での保育に変更）", 0.40),
        ("退所（保護者の育児休業取得）", 0.25),
        ("転出（区外への転居予定）", 0.35),
    ];

    /// <summary>The month the placements run in: the first day of <c>today</c>'s month.</summary>
    public DateOnly Month { get; } = new(today.Year, today.Month, 1);

    private readonly int _fiscalYear = JapaneseDates.FiscalYearOf(today);

    /// <summary>Whether a child may be placed now (see the class summary); its クラス年齢 now if so.</summary>
    public int? Qualifies(DemoCertifiedChild entry, IReadOnlySet<Guid> applying)
    {
        var (family, child, certification) = entry;
        if (family.MovedOutOn is not null || applying.Contains(child.Id)) return null;
        if (certification is not { Status: CertificationStatus.Certified, WantsNurseryCare: true, Category: CertificationCategory.Category2 or CertificationCategory.Category3 })
            return null;
        if (certification.ValidFrom > Month || certification.ValidTo < Month) return null;
        var classNow = JapaneseDates.ClassAge(child.BirthDate, _fiscalYear);
        return classNow is >= 0 and <= 5 ? classNow : null;
    }

    public DemoPlacementData Generate(IReadOnlyList<DemoCertifiedChild> children, DemoAllocationData allocation, ICollection<DemoStream> streams)
    {
        var applying = allocation.Applications.Select(a => a.State.ChildId).ToHashSet();
        var candidates = children.Select(c => (Entry: c, ClassNow: Qualifies(c, applying)))
            .Where(c => c.ClassNow is not null)
            .OrderBy(_ => random.Double())
            .ToList();

        var facilities = allocation.Facilities;
        var seats = new Dictionary<(int Facility, int FiscalYear, int ClassAge), int>();
        var drafts = new List<Draft>();
        foreach (var (entry, classNow) in candidates)
        {
            if (!random.Chance(PlacedShare)) continue;
            var startsOn = StartsOn(entry.Certification);
            var facility = Choose(entry, classNow!.Value, startsOn, allocation, seats);
            if (facility is null) continue;
            foreach (var (year, age) in ClassesSince(entry.Child.BirthDate, startsOn)) seats[(facility.Value, year, age)] = seats.GetValueOrDefault((facility.Value, year, age)) + 1;
            var (decidedOn, contractDate) = Decision(entry.Certification, startsOn);
            drafts.Add(new Draft(random.NextGuid(), drafts.Count, entry, facilities[facility.Value].State, classNow.Value, startsOn, decidedOn, contractDate));
        }

        var leaving = Leaving(drafts);
        var placements = new List<DemoPlacement>(drafts.Count);
        var numbersUsed = 0L;
        foreach (var draft in drafts.OrderBy(d => d.DecidedOn).ThenBy(d => d.Order))
        {
            var number = ContractNumbering.ContractNumber(JapaneseDates.FiscalYearOf(draft.StartsOn), ++numbersUsed);
            var stream = new DemoStreamBuilder<Placement>(draft.Id, Placement.Evolve);
            stream.Append(Start(draft, number));
            var timeline = new DemoTimeline<Placement>();
            var birth = draft.Entry.Child.BirthDate;
            for (var year = JapaneseDates.FiscalYearOf(draft.StartsOn) + 1; year <= _fiscalYear; year++)
            {
                var fiscalYear = year;
                timeline.Add(new DateOnly(fiscalYear, 4, 1), s => s.ProgressClass(fiscalYear, birth));
            }
            if (leaving.TryGetValue(draft.Id, out var left)) timeline.Add(left.LastDay, s => s.Leave(left.LastDay, left.Reason));
            timeline.Play(stream);
            streams.Add(stream.ToStream());
            placements.Add(new DemoPlacement(stream, draft.ClassNow));
        }
        return new DemoPlacementData(placements, numbersUsed, leaving.Count);
    }

    private sealed record Draft(
        Guid Id, int Order, DemoCertifiedChild Entry, Facility Facility, int ClassNow, DateOnly StartsOn, DateOnly DecidedOn, DateOnly ContractDate);

    private static PlacementStarted Start(Draft draft, string number)
    {
        var (family, child, certification) = draft.Entry;
        var kind = ServiceKinds.For(certification.Category!.Value, draft.Facility.Kind);
        return new PlacementStarted(draft.Id, number, child.Id, family.HouseholdId, certification.Id, draft.Facility.Id, null, PlacementSource.Direct, kind,
            draft.DecidedOn, draft.ContractDate, draft.StartsOn, JapaneseDates.ClassAge(child.BirthDate, JapaneseDates.FiscalYearOf(draft.StartsOn)));
    }

    /// <summary>地域型保育 (小規模・家庭的・事業所内): 0–2歳児 only.</summary>
    private static bool IsCommunityCare(FacilityKind kind) => kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare or FacilityKind.WorkplaceNursery;

    /// <summary>
    /// 利用期間開始年月日 within the certification's periods since its first approval (認定履歴: a 3号→2号 change or a 変更 does not
    /// move it), not after this month's first day: a 16th now and then,
    /// otherwise mostly an April (always when the period starts in one), else the first of a month; the earliest more often.
    /// </summary>
    private DateOnly StartsOn(CertificationState certification)
    {
        var from = certification.History[0].From;
        var months = new List<DateOnly>();
        for (var month = from.Day == 1 ? from : JapaneseDates.FirstOfMonth(from).AddMonths(1); month <= Month; month = month.AddMonths(1)) months.Add(month);
        var sixteenths = new List<DateOnly>();
        for (var day = new DateOnly(from.Year, from.Month, 16); day < Month; day = day.AddMonths(1))
            if (day >= from) sixteenths.Add(day);
        var aprils = months.Where(m => m.Month == 4).ToList();

        var roll = random.Double();
        if (roll < SixteenthShare && sixteenths.Count > 0) return EarlyBiased(sixteenths);
        if (aprils.Count > 0 && (months[0].Month == 4 || roll < AprilShare)) return EarlyBiased(aprils);
        return EarlyBiased(months);
    }

    private DateOnly EarlyBiased(IReadOnlyList<DateOnly> dates) => random.Chance(0.6) ? dates[0] : random.Pick(dates);

    /// <summary>
    /// The facility the family gets: the first in its order of preference (popularity − 8·distance + 0.5·Gumbel, as for
    /// 利用申込) that is open by the start, had a class for the child's age then, has one now, and has a seat left in the child's
    /// class of every 年度 from the start to now.
    /// </summary>
    private int? Choose(DemoCertifiedChild entry, int classNow, DateOnly startsOn, DemoAllocationData allocation, Dictionary<(int, int, int), int> seats)
    {
        var facilities = allocation.Facilities;
        var home = allocation.Map.PointIn(addresses.TownOf(entry.Family.Address));
        var classThen = JapaneseDates.ClassAge(entry.Child.BirthDate, JapaneseDates.FiscalYearOf(startsOn));
        var utilities = new double[facilities.Count];
        var order = new int[facilities.Count];
        for (var i = 0; i < facilities.Count; i++)
        {
            utilities[i] = -(facilities[i].Popularity - 8 * home.DistanceTo(facilities[i].Location) + 0.5 * random.Gumbel());
            order[i] = i;
        }
        Array.Sort(utilities, order);
        foreach (var i in order)
        {
            var facility = facilities[i].State;
            if (facility.OpensOn > startsOn || facility.ClosesOn is not null) continue;
            if (IsCommunityCare(facility.Kind) && classNow > 2) continue;
            if (!facilities[i].Takes(classNow) || !facilities[i].Takes(classThen)) continue;
            if (ClassesSince(entry.Child.BirthDate, startsOn).Any(c => seats.GetValueOrDefault((i, c.FiscalYear, c.ClassAge)) >= facility.Capacity[c.ClassAge])) continue;
            return i;
        }
        return null;
    }

    /// <summary>The child's クラス年齢 in each 年度 from the start's to this one (進級 every April).</summary>
    private IEnumerable<(int FiscalYear, int ClassAge)> ClassesSince(DateOnly birth, DateOnly startsOn)
    {
        for (var year = JapaneseDates.FiscalYearOf(startsOn); year <= _fiscalYear; year++) yield return (year, JapaneseDates.ClassAge(birth, year));
    }

    /// <summary>利用承諾 a few days before the start (a little earlier for April), not before the certification was applied for; 契約締結 between.</summary>
    private (DateOnly DecidedOn, DateOnly ContractDate) Decision(CertificationState certification, DateOnly startsOn)
    {
        var lead = startsOn is { Month: 4, Day: 1 } ? random.Int(5, 25) : random.Int(3, 14);
        var decidedOn = startsOn.AddDays(-lead);
        if (decidedOn < certification.ApplicationDate) decidedOn = certification.ApplicationDate < startsOn ? certification.ApplicationDate : startsOn;
        var contractDate = random.Date(decidedOn, decidedOn < startsOn ? startsOn.AddDays(-1) : startsOn);
        return (decidedOn, contractDate);
    }

    /// <summary>About 2% of the placements that ran for at least two months ended before this month: mostly at a month's end.</summary>
    private Dictionary<Guid, (DateOnly LastDay, string Reason)> Leaving(IReadOnlyList<Draft> drafts)
    {
        var count = (int)Math.Round(drafts.Count * EndedShare);
        var leaving = new Dictionary<Guid, (DateOnly, string)>();
        foreach (var draft in drafts.Where(d => d.StartsOn <= Month.AddMonths(-2)).OrderBy(_ => random.Double()).Take(count).ToList())
        {
            var first = JapaneseDates.FirstOfMonth(draft.StartsOn);
            var months = (Month.Year - first.Year) * 12 + Month.Month - first.Month;
            var month = first.AddMonths(random.Int(0, months - 1));
            var lastDay = random.Chance(0.8) ? JapaneseDates.EndOfMonth(month) : random.Date(month > draft.StartsOn ? month : draft.StartsOn, JapaneseDates.EndOfMonth(month));
            leaving[draft.Id] = (lastDay, random.Weighted(LeavingReasons));
        }
        return leaving;
    }
}
