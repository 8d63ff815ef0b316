using System.Text.RegularExpressions;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
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
        var dated = stream.Events.Where(e => e is not CertificationCategoryChangedAtAgeThree).Select(e => (Event: e, Date: DemoEventDates.Of(e))).ToList();
        return stream.Events.Where(e => DemoEventDates.Of(e) > world.Today).Select(e => $"{stream.Id}: {e.GetType().Name} on {DemoEventDates.Of(e):yyyy-MM-dd} is after today")
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

    private static List<string> Take(IEnumerable<string> findings) => [.. findings.Take(MaxFindings)];
}
