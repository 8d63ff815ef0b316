using KosodateShien.Domain.Allocation.Applications;

namespace KosodateShien.Domain.Allocation.Rounds;

/// <summary>
/// Expands a sibling form into the family's joint choices, in order: 同じ園のみ gives same-facility choices by
/// summed 希望順位; 別々でも可 adds every combination, by summed 希望順位 with same-facility first; 片方だけでも可
/// then adds the choices where only some children get a place. Capped at the criteria's maximum.
/// </summary>
public static class SiblingOptions
{
    public static List<IReadOnlyDictionary<string, string?>> Expand(IReadOnlyList<string> childIds, IReadOnlyList<List<Guid>> wishLists, SiblingOption option, int max)
    {
        var full = Product(wishLists)
            .Where(t => option != SiblingOption.SameFacilityOnly || t.All(f => f == t[0]))
            .Select(t => (Tuple: t, Ranks: RankSum(t, wishLists), Same: t.Distinct().Count() == 1 ? 0 : 1))
            .OrderBy(x => x.Ranks).ThenBy(x => x.Same)
            .Select(x => x.Tuple);
        var choices = full.Select(t => t.Select(f => (Guid?)f).ToArray()).ToList();

        if (option == SiblingOption.EitherOneAllowed)
        {
            var partial = Partial(wishLists)
                .OrderByDescending(t => t.Count(f => f is not null))
                .ThenBy(t => t.Select((f, i) => f is { } id ? wishLists[i].IndexOf(id) : 0).Sum());
            choices.AddRange(partial);
        }

        return [.. choices.Take(max).Select(t => (IReadOnlyDictionary<string, string?>)childIds
            .Select((child, i) => (child, facility: t[i]))
            .ToDictionary(x => x.child, x => x.facility is { } id ? RoundInstance.FacilityKey(id) : null))];
    }

    private static IEnumerable<Guid[]> Product(IReadOnlyList<List<Guid>> lists) =>
        lists.Aggregate((IEnumerable<Guid[]>)[[]], (acc, list) => acc.SelectMany(prefix => list.Select(f => (Guid[])[.. prefix, f])));

    // Every way to place some but not all children, each placed child at one of its wishes.
    private static IEnumerable<Guid?[]> Partial(IReadOnlyList<List<Guid>> lists) =>
        lists.Aggregate((IEnumerable<Guid?[]>)[[]], (acc, list) => acc.SelectMany(prefix => list.Select(f => (Guid?)f).Append(null).Select(f => (Guid?[])[.. prefix, f])))
            .Where(t => t.Any(f => f is null) && t.Any(f => f is not null));

    private static int RankSum(Guid[] tuple, IReadOnlyList<List<Guid>> lists) => tuple.Select((f, i) => lists[i].IndexOf(f)).Sum();
}
