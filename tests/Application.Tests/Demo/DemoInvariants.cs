using System.Text.RegularExpressions;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Scoring;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>Rules every generated data set must keep, each returning what breaks it (at most 20 findings).</summary>
internal static partial class DemoInvariants
{
    private const int MaxFindings = 20;

    [GeneratedRegex("^[ァ-ヶー　 ]+$")]
    private static partial Regex FullWidthKatakana();

    [GeneratedRegex(@"^\S+ \S+$")]
    private static partial Regex FamilyAndGivenName();

    [GeneratedRegex(@"^A\d{4}\d{6}$")]
    private static partial Regex ApplicationNumber();

    public static List<string> DuplicateOrMalformedNumbers(DemoWorld world)
    {
        var persons = world.Persons.Values.Select(p => p.PersonNumber).ToList();
        var households = world.Households.Values.Select(h => h.HouseholdNumber).ToList();
        return Take(
            persons.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"宛名番号 {g.Key} used {g.Count()} times")
                .Concat(households.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"世帯識別番号 {g.Key} used {g.Count()} times"))
                .Concat(persons.Where(n => n.Length != 15 || !n.All(char.IsAsciiDigit)).Select(n => $"宛名番号 {n} is not 15 digits"))
                .Concat(households.Where(n => n.Length != 10 || !n.All(char.IsAsciiDigit)).Select(n => $"世帯識別番号 {n} is not 10 digits")));
    }

    public static List<string> NameProblems(DemoWorld world) => Take(world.Persons.Values.SelectMany(p => new[]
    {
        FullWidthKatakana().IsMatch(p.Kana) ? null : $"{p.PersonNumber}: フリガナ '{p.Kana}' is not full-width katakana",
        FamilyAndGivenName().IsMatch(p.Kana) ? null : $"{p.PersonNumber}: フリガナ '{p.Kana}' is not 'セイ メイ'",
        FamilyAndGivenName().IsMatch(p.Name) ? null : $"{p.PersonNumber}: 氏名 '{p.Name}' is not '姓 名'",
    }).OfType<string>());

    /// <summary>Every event happened on or before today, and each stream's events are in date order
    /// (except the 満3歳 change, which takes effect on its own day even when the decision that made it due came later).</summary>
    public static List<string> DateProblems(DemoWorld world) => Take(world.Data.Streams.SelectMany(stream =>
    {
        var dated = stream.Events.Where(e => e is not CertificationCategoryChangedAtAgeThree && !DemoEventDates.IsUndated(e)).Select(e => (Event: e, Date: DemoEventDates.Of(e))).ToList();
        return stream.Events.Where(e => !DemoEventDates.IsUndated(e) && DemoEventDates.Of(e) > world.Today).Select(e => $"{stream.Id}: {e.GetType().Name} on {DemoEventDates.Of(e):yyyy-MM-dd} is after today")
            .Concat(dated.Zip(dated.Skip(1)).Where(p => p.Second.Date < p.First.Date)
                .Select(p => $"{stream.Id}: {p.Second.Event.GetType().Name} on {p.Second.Date:yyyy-MM-dd} comes after {p.First.Event.GetType().Name} on {p.First.Date:yyyy-MM-dd}"));
    }));

    public static List<string> RegistryProblems(DemoWorld world) => Take(world.Households.Values.SelectMany(h =>
    {
        var problems = new List<string>();
        if (h.Members.Any(m => !world.Persons.ContainsKey(m.PersonId))) problems.Add($"世帯 {h.HouseholdNumber} has a member without a person stream");
        if (!h.Members.Any(m => m.Role == HouseholdRole.Guardian)) problems.Add($"世帯 {h.HouseholdNumber} has no guardian");
        var children = h.Members.Where(m => m.Role == HouseholdRole.Child).ToList();
        if (children.Count is < 1 or > 3) problems.Add($"世帯 {h.HouseholdNumber} has {children.Count} children");
        foreach (var child in children)
        {
            var age = JapaneseDates.LegalAgeOn(world.Persons[child.PersonId].BirthDate, world.Today);
            if (age > 5) problems.Add($"世帯 {h.HouseholdNumber}: child aged {age}");
        }
        foreach (var guardian in h.Members.Where(m => m.Role == HouseholdRole.Guardian))
        {
            if (!world.Persons[guardian.PersonId].Contacts.Any(c => c.Kind == ContactKind.Mobile)) problems.Add($"保護者 {guardian.PersonId} has no mobile number");
        }
        return problems;
    }));

    /// <summary>Two 年度 per guardian, stream ids from <see cref="TaxYear.StreamId"/>, figures that TaxFigures would accept.</summary>
    public static List<string> TaxProblems(DemoWorld world)
    {
        var guardians = world.Members(HouseholdRole.Guardian).Select(m => m.PersonId).ToHashSet();
        var years = world.TaxYears.Values.Select(t => t.FiscalYear).Distinct().Order().ToList();
        var problems = new List<string>();
        if (years.Count != 2 || years[1] != years[0] + 1) problems.Add($"fiscal years are {string.Join(", ", years)}");
        foreach (var (id, tax) in world.TaxYears)
        {
            if (id != TaxYear.StreamId(tax.PersonId, tax.FiscalYear)) problems.Add($"tax year {id} is not TaxYear.StreamId");
            if (!guardians.Contains(tax.PersonId)) problems.Add($"tax year {id} is not a guardian's");
            if (tax.NonTaxable && (tax.IncomeLevy != 0 || tax.PerCapitaLevy != 0)) problems.Add($"非課税 tax year {id} has a levy");
            if (tax.IncomeLevy < 0 || tax.IncomeLevy % 100 != 0) problems.Add($"tax year {id}: 所得割 {tax.IncomeLevy}");
        }
        foreach (var guardian in guardians)
        {
            foreach (var year in years)
            {
                if (!world.TaxYears.ContainsKey(TaxYear.StreamId(guardian, year))) problems.Add($"保護者 {guardian} has no 年度 {year}");
            }
        }
        return Take(problems);
    }

    public static List<string> CertificationProblems(DemoWorld world) =>
        Take(world.Certifications.Values.SelectMany(c => ProblemsOf(c, world).Select(p => $"{c.Id} ({c.Status}): {p}")));

    private static IEnumerable<string> ProblemsOf(CertificationState c, DemoWorld world)
    {
        if (!world.Households.TryGetValue(c.HouseholdId, out var household)) { yield return "unknown household"; yield break; }
        if (!household.Members.Any(m => m.PersonId == c.ChildId && m.Role == HouseholdRole.Child)) yield return "the child is not a child of the household";
        var guardians = household.Members.Where(m => m.Role == HouseholdRole.Guardian).Select(m => m.PersonId).Order().ToList();
        if (!guardians.Contains(c.ApplicantId)) yield return "the applicant is not a guardian";
        if (c.WantsNurseryCare && !c.Needs.Select(n => n.GuardianId).Order().SequenceEqual(guardians)) yield return "needs do not name exactly the household's guardians";
        if (!c.WantsNurseryCare && c.Needs.Count > 0) yield return "needs without 保育希望";
        if (c.ApplicationDate > world.Today) yield return "applied after today";

        var birth = world.Persons[c.ChildId].BirthDate;
        var reachesThree = JapaneseDates.DateOfReachingAge(birth, 3);
        switch (c.Status)
        {
            case CertificationStatus.Applied:
                if (c.CertificationNumber is not null || c.DecisionDate is not null) yield return "undecided but numbered";
                break;
            case CertificationStatus.Certified:
            case CertificationStatus.Cancelled:
                if (c.CertificationNumber is null || c.Category is null || c.ValidFrom is null || c.ValidTo is null || c.HistoryNumber < 1) { yield return "decided without number, category or period"; yield break; }
                if (c.ValidFrom > c.ValidTo) yield return "period ends before it starts";
                if (c.DecisionDate < c.ApplicationDate) yield return "decided before the application";
                if ((c.Category == CertificationCategory.Category1) == c.WantsNurseryCare) yield return "1号 must be exactly the certifications without 保育希望";
                if ((c.CareLevel is null) != (c.Category == CertificationCategory.Category1)) yield return "保育必要量 present exactly for 2号/3号";
                if (c.Category == CertificationCategory.Category3 && c.ValidTo >= reachesThree) yield return "3号 past 満3歳に達する日";
                if (c.Category == CertificationCategory.Category2 && c.ValidFrom < reachesThree) yield return "2号 before 満3歳に達する日";
                if (c.Status == CertificationStatus.Certified && c.AgeThreeChangeDate <= world.Today) yield return "the 満3歳 change is due but missing";
                if (c.Certificate is null) yield return "no 認定証";
                if (c.Status == CertificationStatus.Certified && c.ValidTo < world.Today) yield return "certified but lapsed";
                if (c.StatusReport is { SubmittedOn: { } submitted } report && submitted < report.IssuedOn) yield return "現況届 submitted before issue";
                break;
        }
        if (c.Status is CertificationStatus.Rejected or CertificationStatus.Withdrawn or CertificationStatus.Cancelled && string.IsNullOrWhiteSpace(c.ClosingReason)) yield return "closed without a reason";
    }

    /// <summary>
    /// Facilities: unique 10-digit 事業所番号 and names, opened before today, 地域型保育 without 3–5歳児 seats, and vacancies
    /// declared for the allocation month only, by today, never above the 利用定員.
    /// </summary>
    public static List<string> FacilityProblems(DemoWorld world)
    {
        var facilities = world.Facilities.Values.ToList();
        var month = world.Data.AllocationMonth;
        var problems = facilities.GroupBy(f => f.FacilityNumber).Where(g => g.Count() > 1).Select(g => $"事業所番号 {g.Key} used {g.Count()} times")
            .Concat(facilities.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => $"name {g.Key} used {g.Count()} times"))
            .Concat(facilities.SelectMany(f => ProblemsOf(f, month, world.Today).Select(p => $"{f.FacilityNumber} {f.Name} ({f.Kind}): {p}")));
        return Take(problems);
    }

    private static IEnumerable<string> ProblemsOf(Facility f, DateOnly month, DateOnly today)
    {
        if (f.FacilityNumber.Length != 10 || !f.FacilityNumber.All(char.IsAsciiDigit)) yield return "事業所番号 is not 10 digits";
        if (string.IsNullOrWhiteSpace(f.Name) || !f.Address.Text.StartsWith("東京都新宿区", StringComparison.Ordinal)) yield return "no name or not in the ward";
        if (f.OpensOn >= today || f.OpensOn.Day != 1) yield return $"opens on {f.OpensOn:yyyy-MM-dd}";
        if (!f.IsOpenFor(month)) yield return "not open for the allocation month";
        if (f.Capacity.Total == 0) yield return "no 利用定員";
        if (f.Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare && f.Capacity.Age3 + f.Capacity.Age4 + f.Capacity.Age5 > 0) yield return "地域型保育 with 3–5歳児 seats";
        if (f.Kind == FacilityKind.SmallScale && f.Capacity.Total is < 6 or > 19) yield return $"小規模保育 with 定員 {f.Capacity.Total}";
        if (f.Kind == FacilityKind.FamilyDayCare && f.Capacity.Total is < 3 or > 5) yield return $"家庭的保育 with 定員 {f.Capacity.Total}";
        if (f.Vacancies.Count != 1 || f.Vacancies[0].Month != month) { yield return "vacancies not declared for the allocation month (only)"; yield break; }
        var declared = f.Vacancies[0];
        if (declared.DeclaredOn > today || declared.DeclaredOn < f.OpensOn) yield return $"vacancies declared on {declared.DeclaredOn:yyyy-MM-dd}";
        for (var age = 0; age < 6; age++)
            if (declared.Seats[age] < 0 || declared.Seats[age] > f.Capacity[age]) yield return $"{age}歳児: {declared.Seats[age]} vacancies for 定員 {f.Capacity[age]}";
    }

    /// <summary>
    /// 利用申込: for the allocation month, numbered A{年度}{000001…} without gaps, one per child, from a guardian of the child's
    /// household, on the child's own 保育認定 (certified and valid on the first day of the month, or under review), received
    /// by today and not before the certification application, wishing 1–10 registered facilities with a class for the child's
    /// クラス年齢 (so no 地域型保育 from 3歳児), 転園 ranking facilities other than the one held, siblings linked both ways.
    /// </summary>
    public static List<string> ApplicationProblems(DemoWorld world)
    {
        var applications = world.Applications.Values.ToList();
        var numbers = applications.Select(a => a.ApplicationNumber).ToList();
        var expectedNumbers = Enumerable.Range(1, applications.Count)
            .Select(i => $"A{JapaneseDates.FiscalYearOf(world.Data.AllocationMonth):D4}{i:D6}").ToHashSet();
        var problems = applications.GroupBy(a => a.ChildId).Where(g => g.Count() > 1).Select(g => $"child {g.Key} has {g.Count()} applications")
            .Concat(numbers.Where(n => !expectedNumbers.Contains(n) || !ApplicationNumber().IsMatch(n)).Select(n => $"unexpected 受付番号 {n}"))
            .Concat(numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"受付番号 {g.Key} used {g.Count()} times"))
            .Concat(applications.SelectMany(a => ProblemsOf(a, world).Select(p => $"{a.ApplicationNumber}: {p}")));
        if (world.Data.ApplicationNumbersUsed != applications.Count) problems = problems.Append($"ApplicationNumbersUsed {world.Data.ApplicationNumbersUsed} for {applications.Count} applications");
        return Take(problems);
    }

    private static readonly HashSet<string> DeclarableAdjustments =
        [.. SelectionCriteria.Default.Adjustments.Where(a => a.Source == AdjustmentSource.Declared).Select(a => a.Code)];

    private static IEnumerable<string> ProblemsOf(PlacementApplication a, DemoWorld world)
    {
        var month = world.Data.AllocationMonth;
        if (a.DesiredStartMonth != month) yield return $"desired start {a.DesiredStartMonth:yyyy-MM-dd}";
        if (a.Status != PlacementApplicationStatus.Received) yield return $"status {a.Status}";
        if (a.ApplicationDate > world.Today) yield return "received after today";
        if (!world.Households.TryGetValue(a.HouseholdId, out var household)) { yield return "unknown household"; yield break; }
        if (household.CurrentMember(a.ChildId) is not { Role: HouseholdRole.Child }) yield return "the child is not a current child of the household";
        if (household.CurrentMember(a.ApplicantId) is not { Role: HouseholdRole.Guardian }) yield return "the applicant is not a current guardian of the household";

        if (!world.Certifications.TryGetValue(a.CertificationId, out var certification)) { yield return "unknown certification"; yield break; }
        if (certification.ChildId != a.ChildId) yield return "the certification is another child's";
        if (!certification.WantsNurseryCare) yield return "the certification does not want nursery care";
        if (a.ApplicationDate < certification.ApplicationDate) yield return "received before the certification application";
        switch (certification.Status)
        {
            case CertificationStatus.Applied:
                if (certification.StartDate > month) yield return "the certification applied for starts after the month";
                break;
            case CertificationStatus.Certified:
                if (certification.Category is not (CertificationCategory.Category2 or CertificationCategory.Category3)) yield return $"certification is {certification.Category}";
                if (certification.ValidFrom > month || (certification.ContinuesAsCategory2Until ?? certification.ValidTo) < month) yield return "certification not valid on the first day of the month";
                break;
            default:
                yield return $"certification is {certification.Status}";
                break;
        }

        var ageClass = JapaneseDates.ClassAge(world.Persons[a.ChildId].BirthDate, JapaneseDates.FiscalYearOf(month));
        if (ageClass is < 0 or > 5) yield return $"クラス年齢 {ageClass}";
        if (a.DesiredFacilities.Count is < 1 or > 10) yield return $"{a.DesiredFacilities.Count} wished facilities";
        if (a.DesiredFacilities.Distinct().Count() != a.DesiredFacilities.Count) yield return "a facility wished twice";
        foreach (var id in a.DesiredFacilities)
        {
            if (!world.Facilities.TryGetValue(id, out var facility)) { yield return $"wishes unknown facility {id}"; continue; }
            if (ageClass >= 3 && facility.Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare) yield return $"{ageClass}歳児 wishes 地域型保育 {facility.Name}";
            if (ageClass is >= 0 and <= 5 && facility.Capacity[ageClass] == 0) yield return $"wishes {facility.Name} without a {ageClass}歳児 class";
        }
        if (a.Kind == PlacementApplicationKind.Transfer)
        {
            if (a.CurrentFacilityId is not { } current || !world.Facilities.TryGetValue(current, out var held)) yield return "転園 without a registered current facility";
            else
            {
                if (a.DesiredFacilities.Contains(current)) yield return "転園 wishes the facility it attends";
                if (ageClass < 1 || held.Capacity[ageClass - 1] == 0) yield return $"attends {held.Name} without a class for its age now";
            }
            if (a.WideArea is not null || a.SiblingGroupId is not null) yield return "転園 that is also 広域 or a sibling group";
        }
        else if (a.CurrentFacilityId is not null) yield return "新規 with a current facility";
        if (a.WideArea is { } wide && (wide.Kind != WideAreaKind.Accepted || string.IsNullOrWhiteSpace(wide.Municipality))) yield return "広域 other than 受託";
        foreach (var code in a.Adjustments.Where(c => !DeclarableAdjustments.Contains(c))) yield return $"undeclarable adjustment {code}";
        if (a.Adjustments.Distinct().Count() != a.Adjustments.Count) yield return "an adjustment declared twice";

        if (a.SiblingGroupId is { } group)
        {
            if (a.SiblingApplicationIds is not { Count: 2 } members || !members.Contains(a.Id)) { yield return "sibling group without exactly this and one other application"; yield break; }
            var other = world.Applications.GetValueOrDefault(members.Single(id => id != a.Id));
            if (other is null) yield return "sibling application missing";
            else
            {
                if (other.SiblingGroupId != group || other.SiblingOption != a.SiblingOption || !other.SiblingApplicationIds!.Order().SequenceEqual(members.Order())) yield return "sibling link not mirrored";
                if (other.HouseholdId != a.HouseholdId || other.ChildId == a.ChildId) yield return "sibling in another household or the same child";
                if (other.ApplicationDate != a.ApplicationDate) yield return "siblings applied on different days";
            }
        }
    }

    private static List<string> Take(IEnumerable<string> findings) => [.. findings.Take(MaxFindings)];
}
