using KosodateShien.Application.Certification;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>Gathers what a certification decision needs from the registry and the rule set in force, and assesses.</summary>
public static class CertificationFacts
{
    public static async Task<Assessment> AssessAsync(IQuerySession session, CertificationState certification, DateOnly start, DateOnly? desiredTo,
        IReadOnlyList<CareNeed> needs, CancellationToken ct)
    {
        var child = await session.LoadAsync<Person>(certification.ChildId, ct)
            ?? throw new Domain.Common.DomainRuleException("registry.person-not-found", $"The child {certification.ChildId} is no longer registered.");
        var household = await session.LoadAsync<Household>(certification.HouseholdId, ct);
        var guardians = household?.CurrentGuardianIds.ToArray() ?? [];
        var rules = await session.InForceOnAsync(start, ct);
        return CertificationAssessment.Assess(new AssessmentRequest(child.BirthDate, start, desiredTo, certification.WantsNurseryCare, needs, guardians), rules);
    }

    /// <summary>The 3号→2号 message to schedule, if the certification now runs past 満3歳.</summary>
    public static IEnumerable<object> AgeThreeSchedule(CertificationState after) =>
        after.AgeThreeChangeDate is { } date ? [new ChangeCategoryAtAgeThree(after.Id, date).Scheduled()] : [];
}
