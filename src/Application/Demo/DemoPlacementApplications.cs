using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Scoring;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>A generated child with its certification as it stands today.</summary>
internal sealed record DemoCertifiedChild(DemoFamily Family, DemoPerson Child, CertificationState Certification);

/// <summary>A generated 利用申込 with what the generator knows about it.</summary>
internal sealed record DemoPlacementApplication(DemoStreamBuilder<PlacementApplication> Stream, int AgeClass)
{
    public PlacementApplication State => Stream.State;
}

/// <summary>
/// 利用申込 for one month's round (the April intake), about one for every three households, shaped after
/// ALLOCATION.md §4.2: children whose 保育認定 (2号/3号) is certified and valid on the first day of the month, plus about
/// 10% still under review; クラス年齢 about [.25, .40, .15, .10, .05, .05] (1歳児 the bottleneck); 1–10 wished facilities
/// (mean about 5, 5% just one) chosen by a logit on popularity and distance from home, only facilities with a class
/// for the child's age (so no 小規模・家庭的 for a 3歳児 and older); about 8% 転園 whose list holds only facilities
/// the family prefers to the one the child attends; about 12% of households with two children applied for together
/// (<see cref="SiblingGroupLinked"/> on both, 40% 同じ園のみ / 45% 別々でも可 / 15% 片方だけでも可); declared 調整指数
/// items at realistic rates and about 1% 広域利用 受託. 利用申込受付番号 run from 1 in the order applications were received.
/// </summary>
internal sealed class DemoPlacementApplications(DemoRandom random, DemoAddressBook addresses, DemoWardMap map, DateOnly today, DateOnly month)
{
    /// <summary>Share of applications by クラス年齢 0…5.</summary>
    private static readonly double[] AgeShares = [0.25, 0.40, 0.15, 0.10, 0.05, 0.05];

    private const double AppliedShare = 0.10;
    private const double SiblingHouseholdShare = 0.12;
    private const double TransferShare = 0.08;
    private const double WideAreaShare = 0.01;

    private static readonly IReadOnlyList<(int Item, double Weight)> ListLengths =
    [
        (1, 0.05), (2, 0.08), (3, 0.12), (4, 0.16), (5, 0.18), (6, 0.14), (7, 0.10), (8, 0.07), (9, 0.05), (10, 0.05),
    ];

    private static readonly IReadOnlyList<(SiblingOption Item, double Weight)> SiblingOptions =
    [
        (SiblingOption.SameFacilityOnly, 0.40), (SiblingOption.SeparateAllowed, 0.45), (SiblingOption.EitherOneAllowed, 0.15),
    ];

    /// <summary>Declarable 調整指数 codes of <see cref="SelectionCriteria.Default"/> with the share of applications declaring them.</summary>
    private static readonly IReadOnlyList<(string Code, double Rate)> AdjustmentRates =
    [
        ("parentalLeaveReturn", 0.10), ("unlicensedCare", 0.06), ("nurseryTeacher", 0.02), ("grandparentCare", 0.03),
    ];

    private const string SiblingEnrolled = "siblingEnrolled";
    private const double SiblingEnrolledRate = 0.08;

    private static readonly string[] NeighbouringMunicipalities = ["中野区", "渋谷区", "豊島区", "文京区", "千代田区", "練馬区", "杉並区"];

    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly int _fiscalYear = JapaneseDates.FiscalYearOf(month);

    public long NumbersUsed { get; private set; }

    public int SiblingGroups { get; private set; }

    /// <summary>Up to <paramref name="target"/> applications (fewer if too few children qualify), in 受付番号 order.</summary>
    public IReadOnlyList<DemoPlacementApplication> Generate(IReadOnlyList<DemoCertifiedChild> children, IReadOnlyList<DemoFacility> facilities, int target)
    {
        var chosen = Choose(children, target);
        var drafts = new List<Draft>();
        foreach (var household in chosen)
        {
            drafts.AddRange(DraftFor(household, facilities));
        }

        var applications = new List<DemoPlacementApplication>(drafts.Count);
        var byId = new Dictionary<Guid, DemoStreamBuilder<PlacementApplication>>();
        foreach (var draft in drafts.OrderBy(d => d.Date).ThenBy(d => d.Order))
        {
            var stream = new DemoStreamBuilder<PlacementApplication>(draft.Id, PlacementApplication.Evolve);
            stream.Append(Receive(draft, $"A{_fiscalYear:D4}{++NumbersUsed:D6}"));
            byId[draft.Id] = stream;
            applications.Add(new DemoPlacementApplication(stream, draft.AgeClass));
        }

        foreach (var group in drafts.Where(d => d.Group is not null).GroupBy(d => d.Group!.Value))
        {
            var members = group.Select(d => d.Id).ToArray();
            var option = random.Weighted(SiblingOptions);
            var groupId = random.NextGuid();
            foreach (var draft in group)
            {
                var stream = byId[draft.Id];
                stream.Append(stream.State.LinkSiblings(groupId, members, option));
            }
            SiblingGroups++;
        }
        return applications;
    }

    // ---- who applies --------------------------------------------------------------------------

    private sealed record Candidate(DemoCertifiedChild Entry, int AgeClass)
    {
        public bool UnderReview => Entry.Certification.Status == CertificationStatus.Applied;
    }

    /// <summary>Households chosen to apply, each with one or two of its children (a pair applies together).</summary>
    private List<(DemoFamily Family, IReadOnlyList<Candidate> Children, bool Transfer)> Choose(IReadOnlyList<DemoCertifiedChild> children, int target)
    {
        var households = children.Select(c => Qualify(c)).OfType<Candidate>()
            .GroupBy(c => c.Entry.Family.HouseholdId)
            .Select(g => g.ToList())
            .OrderBy(_ => random.Double())
            .ToList();

        var quotas = AgeShares.Select(share => (int)Math.Round(target * share)).ToArray();
        var underReviewLeft = (int)Math.Round(target * AppliedShare);
        var pairsLeft = (int)Math.Round(target * SiblingHouseholdShare / (1 + SiblingHouseholdShare));
        var chosen = new List<(DemoFamily Family, IReadOnlyList<Candidate> Children, bool Transfer)>();
        var used = new HashSet<Guid>();

        bool Fits(Candidate c) => quotas[c.AgeClass] > 0 && (!c.UnderReview || underReviewLeft > 0);
        void Take(Candidate c)
        {
            quotas[c.AgeClass]--;
            if (c.UnderReview) underReviewLeft--;
        }

        foreach (var household in households.Where(h => h.Count >= 2))
        {
            if (pairsLeft == 0) break;
            var members = household.OrderBy(_ => random.Double()).ToList();
            var first = members.FirstOrDefault(Fits);
            if (first is null) continue;
            Take(first);
            var second = members.FirstOrDefault(c => c != first && Fits(c));
            if (second is null)
            {
                quotas[first.AgeClass]++;
                if (first.UnderReview) underReviewLeft++;
                continue;
            }
            Take(second);
            chosen.Add((first.Entry.Family, [.. new[] { first, second }.OrderBy(c => c.Entry.Child.BirthDate)], false));
            used.Add(first.Entry.Family.HouseholdId);
            pairsLeft--;
        }

        // Children still under review first (there are fewer of them), then certified ones: one child per household.
        foreach (var underReview in new[] { true, false })
        {
            foreach (var household in households)
            {
                if (used.Contains(household[0].Entry.Family.HouseholdId)) continue;
                var child = household.Where(c => c.UnderReview == underReview).OrderBy(_ => random.Double()).FirstOrDefault(Fits);
                if (child is null) continue;
                Take(child);
                chosen.Add((child.Entry.Family, [child], false));
                used.Add(child.Entry.Family.HouseholdId);
            }
        }

        var transfers = (int)Math.Round(target * TransferShare);
        var total = chosen.Sum(c => c.Children.Count);
        transfers = Math.Min(transfers, (int)Math.Round(total * TransferShare));
        var transferable = Enumerable.Range(0, chosen.Count).Where(i => chosen[i].Children is [var c] && CanTransfer(c)).OrderBy(_ => random.Double()).Take(transfers);
        foreach (var i in transferable.ToList()) chosen[i] = chosen[i] with { Transfer = true };
        return chosen;
    }

    /// <summary>
    /// Whether the child can apply for the month: 保育希望, household still in the ward, of nursery age then, and a
    /// 2号/3号 certification valid on the first day of the month (across the 満3歳 change) or still under review for it.
    /// </summary>
    private Candidate? Qualify(DemoCertifiedChild entry)
    {
        var (family, child, certification) = entry;
        if (family.MovedOutOn is not null || !certification.WantsNurseryCare) return null;
        if (JapaneseDates.SchoolEntryDate(child.BirthDate) <= month || child.BirthDate.AddDays(57) > month) return null;
        var ageClass = JapaneseDates.ClassAge(child.BirthDate, _fiscalYear);
        if (ageClass is < 0 or > 5) return null;
        var qualifies = certification.Status switch
        {
            CertificationStatus.Applied => certification.StartDate <= month,
            CertificationStatus.Certified => certification.Category is CertificationCategory.Category2 or CertificationCategory.Category3
                && certification.ValidFrom <= month && (certification.ContinuesAsCategory2Until ?? certification.ValidTo) >= month,
            _ => false,
        };
        return qualifies ? new Candidate(entry, ageClass) : null;
    }

    /// <summary>転園: a child certified before today who attends a class now and stays of nursery age.</summary>
    private bool CanTransfer(Candidate candidate) =>
        candidate is { UnderReview: false, AgeClass: >= 1 } && candidate.Entry.Certification.ValidFrom <= today;

    // ---- what they ask for --------------------------------------------------------------------

    private sealed record Draft(
        Guid Id, int Order, DemoCertifiedChild Entry, int AgeClass, DateOnly Date, Guid ApplicantId, PlacementApplicationKind Kind,
        Guid? CurrentFacilityId, IReadOnlyList<Guid> DesiredFacilities, IReadOnlyList<string> Adjustments, WideAreaUse? WideArea, int? Group);

    private int _order;

    private IEnumerable<Draft> DraftFor((DemoFamily Family, IReadOnlyList<Candidate> Children, bool Transfer) household, IReadOnlyList<DemoFacility> facilities)
    {
        var family = household.Family;
        var ranked = Ranked(family, facilities);
        var length = random.Weighted(ListLengths);
        var windowStart = WindowStart();
        var from = household.Children.Select(c => c.Entry.Certification.ApplicationDate).Append(windowStart).Max();
        var date = random.Date(from > today ? today : from, today);
        var applicant = random.Chance(0.7) ? household.Children[0].Entry.Certification.ApplicantId : random.Pick(family.Guardians).Id;
        var pair = household.Children.Count > 1;
        var wideArea = !pair && !household.Transfer && random.Chance(WideAreaShare)
            ? new WideAreaUse(WideAreaKind.Accepted, random.Pick(NeighbouringMunicipalities), random.Chance(0.7) ? "協議済" : null)
            : null;
        var group = pair ? _order : (int?)null;
        var applying = household.Children.Select(c => c.Entry.Child.Id).ToHashSet();

        var drafts = new List<Draft>();
        foreach (var candidate in household.Children)
        {
            var age = candidate.AgeClass;
            Guid? current = null;
            IReadOnlyList<Guid> desired;
            if (household.Transfer && CurrentFacility(ranked, age) is { } held)
            {
                current = held.Facility.Id;
                desired = [.. ranked.Take(held.Rank).Where(f => f.Takes(age)).Take(length).Select(f => f.Id)];
            }
            else
            {
                desired = [.. ranked.Where(f => f.Takes(age)).Take(length).Select(f => f.Id)];
            }
            if (desired.Count == 0) continue;
            drafts.Add(new Draft(random.NextGuid(), _order++, candidate.Entry, age, date, applicant,
                current is null ? PlacementApplicationKind.New : PlacementApplicationKind.Transfer, current, desired,
                Adjustments(family, candidate.Entry.Child, applying), wideArea, group));
        }
        return drafts.Count == household.Children.Count ? drafts : drafts.Select(d => d with { Group = null });
    }

    /// <summary>The facility a transferring child holds a seat at: ranked 3rd–8th by the family among those with a class for its age now and next year.</summary>
    private (DemoFacility Facility, int Rank)? CurrentFacility(IReadOnlyList<DemoFacility> ranked, int nextAge)
    {
        var holdable = Enumerable.Range(0, ranked.Count).Where(i => ranked[i].Takes(nextAge) && ranked[i].Takes(nextAge - 1)).ToList();
        if (holdable.Count < 3) return null;
        var index = holdable[Math.Min(random.Int(2, 7), holdable.Count - 1)];
        return (ranked[index], index);
    }

    /// <summary>Facilities in the family's order of preference: u = popularity − 8·distance + 0.5·Gumbel (ALLOCATION.md §4.2).</summary>
    private List<DemoFacility> Ranked(DemoFamily family, IReadOnlyList<DemoFacility> facilities)
    {
        var home = map.PointIn(addresses.TownOf(family.Address));
        var utilities = new double[facilities.Count];
        var order = new DemoFacility[facilities.Count];
        for (var i = 0; i < facilities.Count; i++)
        {
            utilities[i] = -(facilities[i].Popularity - 8 * home.DistanceTo(facilities[i].Location) + 0.5 * random.Gumbel());
            order[i] = facilities[i];
        }
        Array.Sort(utilities, order);
        return [.. order];
    }

    /// <summary>
    /// Applications for April are taken from 1 November; a run before November (or for another month) dates them within the last month.
    /// </summary>
    private DateOnly WindowStart()
    {
        var november = new DateOnly(month.Year - 1, 11, 1);
        return month.Month == 4 && november <= today ? november : today.AddDays(-30);
    }

    private IReadOnlyList<string> Adjustments(DemoFamily family, DemoPerson child, IReadOnlyCollection<Guid> applying)
    {
        var codes = new List<string>();
        var olderSiblingAtNursery = family.Children.Any(c => c.BirthDate < child.BirthDate && !applying.Contains(c.Id));
        // About 30% of applying children have an older sibling who is not applying: the declarations come from them.
        if (olderSiblingAtNursery && random.Chance(SiblingEnrolledRate * 3.5)) codes.Add(SiblingEnrolled);
        foreach (var (code, rate) in AdjustmentRates)
        {
            if (random.Chance(rate)) codes.Add(code);
        }
        return codes;
    }

    private PlacementApplicationReceived Receive(Draft draft, string number)
    {
        var (family, _, certification) = draft.Entry;
        IReadOnlyList<DayOfWeek> days = random.Chance(0.15) ? [.. Weekdays, DayOfWeek.Saturday] : Weekdays;
        IReadOnlyList<string> priority = family.SingleParent ? ["ひとり親家庭"] : [];
        return new PlacementApplicationReceived(draft.Id, number, draft.Date, draft.ApplicantId, draft.Entry.Child.Id, family.HouseholdId, certification.Id,
            draft.Kind, draft.CurrentFacilityId, draft.DesiredFacilities, month, days, CareReason(certification, draft.Kind), priority, draft.Adjustments, draft.WideArea);
    }

    private static string CareReason(CertificationState certification, PlacementApplicationKind kind)
    {
        var reason = certification.Needs.Select(n => n.Reason).FirstOrDefault(r => r != CareNeedReason.Employment, CareNeedReason.Employment);
        var text = reason switch
        {
            CareNeedReason.Employment => "就労のため",
            CareNeedReason.Pregnancy => "妊娠・出産のため",
            CareNeedReason.Illness => "保護者の疾病のため",
            CareNeedReason.Care => "親族の介護のため",
            CareNeedReason.Disaster => "災害復旧のため",
            CareNeedReason.JobSeeking => "求職活動のため",
            CareNeedReason.Study => "就学のため",
            CareNeedReason.Abuse => "児童の保護のため",
            CareNeedReason.ParentalLeave => "育児休業中の継続利用のため",
            _ => "その他、保育が必要なため",
        };
        return kind == PlacementApplicationKind.Transfer ? $"{text} (自宅に近い園への転園希望)" : text;
    }
}
