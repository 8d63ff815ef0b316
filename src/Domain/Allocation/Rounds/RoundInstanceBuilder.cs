using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Allocation.Scoring;

namespace KosodateShien.Domain.Allocation.Rounds;

/// <summary>An application taken into a round, with its score for the round and the child's クラス年齢 then.</summary>
/// <param name="Tier">0 resident, 1 out-of-area (広域 受託)</param>
public sealed record RoundCandidate(PlacementApplication Application, ApplicationScore Score, long Lottery, int AgeClass, int Tier);

/// <summary>The engine instance of a round and how its ids map back to applications and facilities.</summary>
public sealed record RoundInstance(AllocationInstance Instance, string InputHash)
{
    public static string ChildKey(Guid applicationId) => applicationId.ToString("N");
    public static string FacilityKey(Guid facilityId) => facilityId.ToString("N");
}

/// <summary>
/// Turns a round's scored applications and vacancies into the engine's instance: one engine household per
/// sibling group (or single application), options in the family's order, transfers holding their seats.
/// </summary>
public static class RoundInstanceBuilder
{
    public static RoundInstance Build(IReadOnlyList<RoundCandidate> candidates, IReadOnlyList<RoundVacancy> vacancies, SelectionCriteria criteria)
    {
        var facilities = vacancies.OrderBy(v => v.FacilityId)
            .Select(v => new FacilitySeats(RoundInstance.FacilityKey(v.FacilityId), HeldSeatsIncluded(v, candidates)))
            .ToList();
        var known = vacancies.Select(v => v.FacilityId).ToHashSet();

        var households = candidates
            .GroupBy(c => c.Application.SiblingGroupId ?? c.Application.Id)
            .OrderBy(g => g.Key)
            .Select(g => Household(g.Key, [.. g.OrderBy(c => c.Application.Id)], known, criteria))
            .ToList();

        var instance = new AllocationInstance(facilities, households);
        return new RoundInstance(instance, Hash(instance));
    }

    // A transfer applicant's current seat counts among the class's seats: it frees up if the child moves.
    private static int[] HeldSeatsIncluded(RoundVacancy vacancy, IReadOnlyList<RoundCandidate> candidates)
    {
        var seats = vacancy.Seats.ToArray();
        foreach (var c in candidates.Where(c => c.Application.CurrentFacilityId == vacancy.FacilityId))
            seats[c.AgeClass]++;
        return seats;
    }

    private static HouseholdApplication Household(Guid id, IReadOnlyList<RoundCandidate> members, HashSet<Guid> known, SelectionCriteria criteria)
    {
        var children = members.Select(m => new ApplicantChild(RoundInstance.ChildKey(m.Application.Id), m.AgeClass,
            m.Application.CurrentFacilityId is { } held && known.Contains(held) ? RoundInstance.FacilityKey(held) : null)).ToList();
        var lists = members.Select(m => WishList(m.Application, known)).ToList();
        var options = members.Count == 1
            ? lists[0].Select(f => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { [children[0].Id] = RoundInstance.FacilityKey(f) }).ToList()
            : SiblingOptions.Expand(children.Select(c => c.Id).ToList(), lists, members[0].Application.SiblingOption ?? SiblingOption.SeparateAllowed, criteria.MaxSiblingOptions);

        var score = criteria.SiblingScore switch
        {
            SiblingScorePolicy.Minimum => members.Min(m => m.Score.Total),
            SiblingScorePolicy.Maximum => members.Max(m => m.Score.Total),
            _ => Math.Round(members.Average(m => m.Score.Total), 2),
        };
        var lead = members[0];
        return new HouseholdApplication(id.ToString("N"), score, [.. lead.Score.TieBreak.Select(k => k.Value)], lead.Lottery, members.Max(m => m.Tier), children, options);
    }

    // A transfer applicant wants only facilities it ranks above its current one; the current one is kept implicitly.
    private static List<Guid> WishList(PlacementApplication application, HashSet<Guid> known)
    {
        var wishes = application.DesiredFacilities.TakeWhile(f => f != application.CurrentFacilityId);
        return [.. wishes.Where(known.Contains)];
    }

    private static string Hash(AllocationInstance instance) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(instance))));
}
