using System.Text.RegularExpressions;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Tests.Demo;

internal static partial class DemoInvariants
{
    [GeneratedRegex(@"^K\d{4}\d{6}$")]
    private static partial Regex ContractNumber();

    /// <summary>Whether a facility kind is 地域型保育 (小規模・家庭的・事業所内): 0–2歳児 only.</summary>
    public static bool IsCommunityCare(FacilityKind kind) => kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare or FacilityKind.WorkplaceNursery;

    /// <summary>The child's クラス年齢 in today's 年度.</summary>
    public static int ClassNow(DemoWorld world, Placement placement) =>
        JapaneseDates.ClassAge(world.Persons[placement.ChildId].BirthDate, JapaneseDates.FiscalYearOf(world.Today));

    /// <summary>
    /// 契約: numbered K{年度 of the start}{000001…} without gaps or duplicates, one per child, each a 直接契約 for a current child of
    /// its household on the child's own 保育認定 (2号/3号, certified, valid on the start and on this month's first day), at a facility
    /// open by then with a class for the child's age then and now (地域型保育 only for 0–2歳児), started on the 1st or 16th of a month
    /// not after this month's first day, 利用承諾 ≤ 契約締結 ≤ start; moved up a class every April since; ended ones left before this
    /// month with a reason; no child placed who applied for the next April; never more running children in a facility × class than its 利用定員.
    /// </summary>
    public static List<string> PlacementProblems(DemoWorld world)
    {
        var placements = world.Placements.Values.ToList();
        var numbers = placements.Select(p => p.ContractNumber).ToList();
        var expected = Enumerable.Range(1, placements.Count).Select(i => (long)i).ToHashSet();
        var applying = world.Applications.Values.Select(a => a.ChildId).ToHashSet();
        var problems = placements.GroupBy(p => p.ChildId).Where(g => g.Count() > 1).Select(g => $"child {g.Key} has {g.Count()} placements")
            .Concat(numbers.Where(n => !ContractNumber().IsMatch(n) || !expected.Contains(long.Parse(n[5..]))).Select(n => $"unexpected 契約履歴番号 {n}"))
            .Concat(numbers.GroupBy(n => n[5..]).Where(g => g.Count() > 1).Select(g => $"契約履歴番号 sequence {g.Key} used {g.Count()} times"))
            .Concat(world.Data.Streams.Where(s => s.Events[0] is PlacementStarted)
                .SelectMany(s => ProblemsOf((PlacementStarted)s.Events[0], world.Placements[s.Id], world, applying).Select(p => $"{world.Placements[s.Id].ContractNumber}: {p}")))
            .Concat(CapacityProblems(world))
            .Concat(PlacementRuleProblems(world));
        if (world.Data.ContractNumbersUsed != placements.Count) problems = problems.Append($"ContractNumbersUsed {world.Data.ContractNumbersUsed} for {placements.Count} placements");
        if (world.Data.Statistics.Placements != placements.Count) problems = problems.Append($"statistics count {world.Data.Statistics.Placements} placements of {placements.Count}");
        if (world.Data.Statistics.EndedPlacements != placements.Count(p => p.EndsOn is not null)) problems = problems.Append("statistics miscount the ended placements");
        return Take(problems);
    }

    /// <summary>
    /// Each placement as <c>POST /api/placements</c> checks it (<see cref="ClassPlaces"/>), in the order they were decided (契約履歴番号):
    /// its class had a free place on its start, among the placements decided before it.
    /// </summary>
    public static IEnumerable<string> PlacementRuleProblems(DemoWorld world)
    {
        var classAtStart = world.Data.Streams.Where(s => s.Events[0] is PlacementStarted).ToDictionary(s => s.Id, s => ((PlacementStarted)s.Events[0]).ClassAge);
        var births = world.Persons.ToDictionary(p => p.Key, p => p.Value.BirthDate);
        foreach (var facility in world.Placements.Values.GroupBy(p => p.FacilityId))
        {
            var decided = facility.OrderBy(p => long.Parse(p.ContractNumber[5..])).ToList();
            for (var i = 0; i < decided.Count; i++)
            {
                var (placement, classAge) = (decided[i], classAtStart[decided[i].Id]);
                if (ClassPlaces.FullOn(world.Facilities[facility.Key], decided.Take(i), births, classAge, placement.StartsOn) is { } full)
                    yield return $"{placement.ContractNumber}: the {classAge}歳児 class of {world.Facilities[facility.Key].Name} holds {full.Held} of {full.Places} on {full.Day:yyyy-MM-dd}";
            }
        }
    }

    /// <summary>Running placements per facility × current クラス年齢, never above the 利用定員.</summary>
    public static IEnumerable<string> CapacityProblems(DemoWorld world) =>
        world.Placements.Values.Where(p => p.EndsOn is null)
            .GroupBy(p => (p.FacilityId, Class: ClassNow(world, p)))
            .Where(g => g.Count() > world.Facilities[g.Key.FacilityId].Capacity[g.Key.Class])
            .Select(g => $"{world.Facilities[g.Key.FacilityId].Name}: {g.Count()} children in the {g.Key.Class}歳児 class of 定員 {world.Facilities[g.Key.FacilityId].Capacity[g.Key.Class]}");

    private static IEnumerable<string> ProblemsOf(PlacementStarted started, Placement p, DemoWorld world, HashSet<Guid> applying)
    {
        if (p.ContractNumber.Length == 11 && p.ContractNumber[1..5] != $"{JapaneseDates.FiscalYearOf(p.StartsOn):D4}") yield return "契約履歴番号 not in the 年度 of the start";
        if (started.Source != PlacementSource.Direct || started.ApplicationId is not null) yield return "not a 直接契約";
        if (!world.Households.TryGetValue(p.HouseholdId, out var household)) { yield return "unknown household"; yield break; }
        if (household.CurrentMember(p.ChildId) is not { Role: HouseholdRole.Child }) yield return "the child is not a current child of the household";
        var birth = world.Persons[p.ChildId].BirthDate;
        var classThen = JapaneseDates.ClassAge(birth, JapaneseDates.FiscalYearOf(p.StartsOn));
        var classNow = ClassNow(world, p);
        if (started.ClassAge != classThen) yield return $"starts in class {started.ClassAge}, the child's class then is {classThen}";
        if (classNow is < 0 or > 5) yield return $"クラス年齢 {classNow} now";

        if (!world.Certifications.TryGetValue(p.CertificationId, out var certification)) { yield return "unknown certification"; yield break; }
        if (certification.ChildId != p.ChildId) yield return "the certification is another child's";
        if (certification.Status != CertificationStatus.Certified || !certification.WantsNurseryCare
            || certification.Category is not (CertificationCategory.Category2 or CertificationCategory.Category3)) yield return $"certification {certification.Status} {certification.Category}";
        if (certification.PeriodOn(p.StartsOn) is null) yield return $"certification not in force on the start {p.StartsOn:yyyy-MM-dd}";
        if (certification.ValidFrom > world.Month || certification.ValidTo < world.Month) yield return "certification not valid on this month's first day";
        if (started.DecidedOn < certification.ApplicationDate) yield return "decided before the certification was applied for";

        if (!world.Facilities.TryGetValue(p.FacilityId, out var facility)) { yield return "unknown facility"; yield break; }
        if (facility.OpensOn > p.StartsOn) yield return $"{facility.Name} opens only on {facility.OpensOn:yyyy-MM-dd}";
        if (facility.Capacity[classThen] == 0 || classNow is >= 0 and <= 5 && facility.Capacity[classNow] == 0) yield return $"{facility.Name} has no class for the child's age";
        if (IsCommunityCare(facility.Kind) && classNow > 2) yield return $"{classNow}歳児 at 地域型保育 {facility.Name}";
        var kind = IsCommunityCare(facility.Kind) ? ServiceKind.CommunityCare : ServiceKind.NurseryCare;
        if (p.ServiceKind != kind) yield return $"service {p.ServiceKind} at a {facility.Kind}";

        if (p.StartsOn > world.Month || p.StartsOn.Day is not (1 or 16)) yield return $"starts on {p.StartsOn:yyyy-MM-dd}";
        if (started.DecidedOn > started.ContractDate || started.ContractDate > p.StartsOn) yield return $"decided {started.DecidedOn:yyyy-MM-dd}, contract {started.ContractDate:yyyy-MM-dd}, start {p.StartsOn:yyyy-MM-dd}";
        if (p.StartsOn.DayNumber - started.DecidedOn.DayNumber > 40) yield return $"decided {started.DecidedOn:yyyy-MM-dd}, long before the start";
        if (p.EndsOn is { } end)
        {
            if (end < p.StartsOn || end >= world.Month) yield return $"left on {end:yyyy-MM-dd}";
            if (string.IsNullOrWhiteSpace(p.EndReason)) yield return "left without a reason";
        }
        else if (p.ClassFiscalYear != JapaneseDates.FiscalYearOf(world.Today) || p.ClassAge != classNow) yield return $"class {p.ClassAge} ({p.ClassFiscalYear}) while the child is in class {classNow} now";
        if (p.Fees.Count > 0) yield return "fees determined by the generator";
        if (applying.Contains(p.ChildId)) yield return "placed although applying for the next April";
    }
}
