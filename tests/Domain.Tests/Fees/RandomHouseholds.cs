using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>A seeded random household, month and children for the fee property tests.</summary>
internal sealed record RandomCase(FeeRuleSet Rules, DateOnly Month, FeeHousehold Household, IReadOnlyList<FeeChild> Children);

/// <summary>
/// Seeded random households: 1–4 children born 0–8 years before the month, categories consistent with age (3号 under
/// 満3歳, 2号 or 1号 from 満3歳 to 就学, pupils after), enrolments (sometimes partial), levies 0–600,000 and flags.
/// </summary>
internal static class RandomHouseholds
{
    public static readonly FeeRuleSet[] RuleSets = [FeeRuleSets.NationalFreeEducation, FeeRuleSets.KashibaSampleSet, FeeFixture.IgaRounding];

    public static RandomCase Generate(int seed)
    {
        var random = new Random(seed);
        var month = new DateOnly(2020 + random.Next(10), 1 + random.Next(12), 1);
        var rules = RuleSets[random.Next(RuleSets.Length)];
        var fiscalYear = JapaneseDates.FiscalYearOf(month);
        var household = new FeeHousehold(
            PublicAssistance: random.Next(20) == 0,
            SingleParent: random.Next(5) == 0,
            DisabledAtHome: random.Next(15) == 0,
            TaxYears: [TaxYear(random, fiscalYear - 1), TaxYear(random, fiscalYear)]);
        var count = 1 + random.Next(4);
        var births = new HashSet<DateOnly>();
        var children = new List<FeeChild>();
        for (var i = 0; i < count; i++)
            children.Add(Child(random, month, $"c{i}", births));
        return new RandomCase(rules, month, household, children);
    }

    public static HouseholdTaxYear TaxYear(Random random, int fiscalYear)
    {
        var nonTaxable = random.Next(8) == 0;
        var levy = nonTaxable ? 0 : random.Next(4) switch
        {
            0 => random.Next(100_000), // the lines around 48,600 / 57,700 / 77,101 / 97,000
            _ => random.Next(600_001),
        };
        return new HouseholdTaxYear(fiscalYear, levy, nonTaxable);
    }

    /// <summary>A child with a birth date not used yet (ties in age would make 子の順位 depend on input order).</summary>
    public static FeeChild Child(Random random, DateOnly month, string id, HashSet<DateOnly> births)
    {
        DateOnly birth;
        do birth = month.AddDays(-random.Next(1, 8 * 365 + 2)); while (!births.Add(birth));

        var age = JapaneseDates.LegalAgeOn(birth, month);
        var inSchool = JapaneseDates.SchoolEntryDate(birth) <= month;
        var level = random.Next(3) == 0 ? CareLevel.Short : CareLevel.Standard;
        var child = inSchool
            ? new FeeChild(id, birth, null, null, Enrollment.School)
            : (age < 3, random.Next(6)) switch
            {
                (_, 0) => new FeeChild(id, birth, null, null, Enrollment.None),
                (true, _) => new FeeChild(id, birth, CertificationCategory.Category3, level, Enrollment.Nursery),
                (false, 1 or 2) => new FeeChild(id, birth, CertificationCategory.Category1, null, Enrollment.Kindergarten),
                (false, _) => new FeeChild(id, birth, CertificationCategory.Category2, level, Enrollment.Nursery),
            };
        if (child.Enrollment is Enrollment.Nursery or Enrollment.Kindergarten)
        {
            var end = JapaneseDates.EndOfMonth(month);
            child = random.Next(8) switch
            {
                0 => child with { EnrolledFrom = month.AddDays(random.Next(1, end.Day)) },
                1 => child with { EnrolledUntil = month.AddDays(random.Next(0, end.Day - 1)) },
                2 => child with { EnrolledFrom = month.AddDays(-random.Next(1, 400)), EnrolledUntil = end.AddDays(random.Next(0, 400)) },
                _ => child,
            };
            if (random.Next(8) == 0)
                child = child with { Waivers = [new FeeWaiver("incomeDrop", 1 + random.Next(3), 4)] };
        }
        return child;
    }

    /// <summary>Whether the child is enrolled for only part of the month (日割).</summary>
    public static bool IsPartial(FeeChild child, DateOnly month) =>
        (child.EnrolledFrom is { } from && from > month) || (child.EnrolledUntil is { } until && until < JapaneseDates.EndOfMonth(month));

    /// <summary>Everything a quote says about a child, for comparing two quotes.</summary>
    public static string Describe(ChildFee f) =>
        $"{f.ChildId} tier {f.NationalTier}/{f.MunicipalTier} #{f.SiblingOrdinal} base {f.BaseFee} −{f.SiblingReduction} −{f.SingleParentReduction} " +
        $"−{f.WaiverReduction} = {f.MonthlyFee} → {f.Fee}; food {f.SideDishFee} exempt {f.SideDishExempt}; " +
        $"{f.Basis.RuleSet} v{f.Basis.RuleVersion} tax {f.Basis.TaxFiscalYear} {f.Basis.IncomeLevy} nt {f.Basis.NonTaxable} pa {f.Basis.PublicAssistance} " +
        $"sp {f.Basis.SingleParentOrDisabled} on {f.Basis.EvaluatedOn} cat {f.Basis.FeeCategory} [{string.Join(",", f.Basis.CountedSiblings)}] " +
        $"days {f.Basis.EnrolledDays}/{f.Basis.DaysInMonth} | {string.Join(" | ", f.Basis.Steps)}";

    public static string Describe(RandomCase c) =>
        $"{c.Rules.Id} {c.Month:yyyy-MM} pa {c.Household.PublicAssistance} sp {c.Household.SingleParent} dis {c.Household.DisabledAtHome} " +
        $"tax [{string.Join(", ", c.Household.TaxYears)}] children [{string.Join(", ", c.Children.Select(ch => $"{ch.Id} {ch.BirthDate} {ch.Category} {ch.CareLevel} {ch.Enrollment} {ch.EnrolledFrom}–{ch.EnrolledUntil} {ch.Waivers?.Count}"))}]";
}
