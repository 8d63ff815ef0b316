namespace KosodateShien.Bench.Generator;

/// <summary>A facility with one child's (or one household's summed) utility for it.</summary>
public readonly record struct RankedFacility(int Facility, double Utility);

/// <summary>
/// Options of a 別々でも可 / 片方だけでも可 sibling group: tuples from the product of the children's own lists,
/// same-facility tuples first, then by summed utility (the documented municipal default of §3.1). Partial tuples
/// (exactly one child unplaced) follow the full ones. Facility index -1 means "not placed".
/// </summary>
public static class SiblingTuples
{
    public const int NotPlaced = -1;

    public static List<int[]> Rank(IReadOnlyList<RankedFacility[]> listsByChild, bool allowPartial, int maxOptions, int partialSlots)
    {
        var full = new List<Candidate>();
        var partial = new List<Candidate>();
        Enumerate(listsByChild, allowPartial, new int[listsByChild.Count], 0, 0, 0.0, full, partial);
        full.Sort(Compare);
        partial.Sort(Compare);

        var fullTaken = Math.Min(full.Count, maxOptions - Math.Min(partialSlots, partial.Count));
        var options = new List<int[]>(maxOptions);
        for (var i = 0; i < fullTaken; i++) options.Add(full[i].Facilities);
        for (var i = 0; i < partial.Count && options.Count < maxOptions; i++) options.Add(partial[i].Facilities);
        return options;
    }

    private readonly record struct Candidate(int[] Facilities, bool SameFacility, double UtilitySum);

    private static void Enumerate(IReadOnlyList<RankedFacility[]> lists, bool allowPartial, int[] chosen, int child, int unplaced, double sum,
        List<Candidate> full, List<Candidate> partial)
    {
        if (child == lists.Count)
        {
            var candidate = new Candidate((int[])chosen.Clone(), AllPlacedAtOneFacility(chosen), sum);
            (unplaced == 0 ? full : partial).Add(candidate);
            return;
        }
        foreach (var choice in lists[child])
        {
            chosen[child] = choice.Facility;
            Enumerate(lists, allowPartial, chosen, child + 1, unplaced, sum + choice.Utility, full, partial);
        }
        // At most one child left out: a three-child group's partial options place the other two.
        if (allowPartial && unplaced == 0)
        {
            chosen[child] = NotPlaced;
            Enumerate(lists, allowPartial, chosen, child + 1, 1, sum, full, partial);
        }
    }

    private static bool AllPlacedAtOneFacility(int[] facilities)
    {
        var first = NotPlaced;
        foreach (var f in facilities)
        {
            if (f == NotPlaced) continue;
            if (first == NotPlaced) first = f;
            else if (f != first) return false;
        }
        return true;
    }

    private static int Compare(Candidate a, Candidate b)
    {
        if (a.SameFacility != b.SameFacility) return a.SameFacility ? -1 : 1;
        var bySum = b.UtilitySum.CompareTo(a.UtilitySum);
        if (bySum != 0) return bySum;
        for (var i = 0; i < a.Facilities.Length; i++)
        {
            var byFacility = a.Facilities[i].CompareTo(b.Facilities[i]);
            if (byFacility != 0) return byFacility;
        }
        return 0;
    }
}
