namespace KosodateShien.Domain.Tests.Certification;

// Inside the namespace so that "Certification" names the aggregate, not the namespace.
using KosodateShien.Domain.Certification;

/// <summary>
/// Given (past events folded with <see cref="Certification.Evolve"/>) / when (a decision method) /
/// then (the returned events, and the state they evolve into). Shared family: a mother and a father,
/// both 保護者, and two children.
/// </summary>
public abstract class CertificationSpec
{
    protected static readonly Guid CertificationId = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    protected static readonly Guid ChildId = Guid.Parse("c0000000-0000-0000-0000-000000000002");
    protected static readonly Guid HouseholdId = Guid.Parse("c0000000-0000-0000-0000-000000000003");
    protected static readonly Guid Mother = Guid.Parse("c0000000-0000-0000-0000-000000000004");
    protected static readonly Guid Father = Guid.Parse("c0000000-0000-0000-0000-000000000005");
    protected static readonly Guid Grandmother = Guid.Parse("c0000000-0000-0000-0000-000000000006");

    protected static readonly CertificationRuleSet Rules = CertificationRuleSet.Default;

    /// <summary>満3歳に達する日 2027-05-09, 就学 2031-04-01 (REFERENCE.md §1).</summary>
    protected static readonly DateOnly ToddlerBirth = new(2024, 5, 10);

    /// <summary>満3歳に達する日 2025-06-14, 就学 2029-04-01: aged 4 on 2027-04-01.</summary>
    protected static readonly DateOnly PreschoolerBirth = new(2022, 6, 15);

    protected static readonly DateOnly ApplicationDate = new(2026, 12, 10);
    protected static readonly DateOnly April2027 = new(2027, 4, 1);
    protected static readonly DateOnly DecisionDate = new(2027, 1, 5);

    protected static Certification Given(params object[] events) =>
        events.Aggregate((Certification?)null, Certification.Evolve)
        ?? throw new InvalidOperationException("The history must start with CertificationApplied.");

    protected static Certification Then(Certification given, params object[] newEvents) =>
        newEvents.Aggregate((Certification?)given, Certification.Evolve)!;

    protected static CareNeed Works(Guid guardian, int monthlyHours) => new(guardian, CareNeedReason.Employment, monthlyHours);

    protected static CareNeed[] BothWork(int motherHours, int fatherHours) => [Works(Mother, motherHours), Works(Father, fatherHours)];

    protected static AssessmentRequest Request(
        DateOnly birth, DateOnly start, IReadOnlyList<CareNeed> needs, DateOnly? desiredTo = null, bool wantsNurseryCare = true,
        IReadOnlyCollection<Guid>? guardians = null) =>
        new(birth, start, desiredTo, wantsNurseryCare, needs, guardians ?? [Mother, Father]);

    protected static Assessment Assess(
        DateOnly birth, DateOnly start, IReadOnlyList<CareNeed> needs, DateOnly? desiredTo = null, bool wantsNurseryCare = true,
        CertificationRuleSet? rules = null, IReadOnlyCollection<Guid>? guardians = null) =>
        CertificationAssessment.Assess(Request(birth, start, needs, desiredTo, wantsNurseryCare, guardians), rules ?? Rules);

    protected static CertificationApplied Applied(
        IReadOnlyList<string>? missingDocuments = null, DateOnly? desiredTo = null, IReadOnlyList<CareNeed>? needs = null) =>
        Certification.Apply(CertificationId, ChildId, Mother, HouseholdId, ApplicationDate, ApplicationKind.New, wantsNurseryCare: true,
            April2027, desiredTo, needs ?? BothWork(100, 170), missingDocuments ?? [], disclosureConsent: true, Rules);

    /// <summary>The toddler's 3号 assessment from 2027-04-01: 短時間, to 2027-05-08, then 2号 to 2031-03-31.</summary>
    protected static Assessment ToddlerAssessment() => Assess(ToddlerBirth, April2027, BothWork(100, 170));

    protected static CertificationApproved Approved() =>
        Given(Applied()).Approve(DecisionDate, "N-0001", ToddlerAssessment());

    /// <summary>A certified toddler (3号 from 2027-04-01).</summary>
    protected static Certification GivenCertified(params object[] later) => Given([Applied(), Approved(), .. later]);
}
