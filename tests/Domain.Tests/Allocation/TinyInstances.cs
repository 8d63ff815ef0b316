using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>What a tiny instance may contain.</summary>
public sealed record TinyShape(bool Siblings, bool Transfers)
{
    public static readonly TinyShape SinglesOnly = new(false, false);
    public static readonly TinyShape SinglesAndTransfers = new(false, true);
    public static readonly TinyShape Everything = new(true, true);
}

/// <summary>
/// Seeded T0 instances (ALLOCATION.md §4.1): 5–8 households, at most 12 children, 2–3 facilities with at most
/// 2 seats per class, competition concentrated on one or two classes. Sibling households use the form's three
/// kinds (同じ園のみ / 別々でも可 / 片方だけでも可); 転園 applicants list only facilities they prefer to their seat;
/// 指数, tie-break and lottery are drawn per household from small ranges so that ties are common.
/// </summary>
public static class TinyInstances
{
    const long MaxSearchSpace = 20_000;

    public static AllocationInstance Generate(int seed, TinyShape shape)
    {
        var random = new Random(seed);
        var facilityCount = random.Next(2, 4);
        int[] classes = random.Next(2) == 0 ? [1] : [0, 1];
        var capacity = new int[facilityCount][];
        for (var f = 0; f < facilityCount; f++)
        {
            capacity[f] = new int[6];
            foreach (var g in classes) capacity[f][g] = random.Next(0, 3);
        }

        var households = new List<HouseholdApplication>();
        var householdCount = random.Next(5, 9);
        var childBudget = 12;
        for (var h = 0; h < householdCount; h++)
        {
            var roll = random.NextDouble();
            var siblings = shape.Siblings && roll < 0.35 && childBudget - 2 >= householdCount - h - 1;
            var transfer = shape.Transfers && !siblings && roll > 0.7;
            var household = siblings
                ? SiblingHousehold(random, h, classes, facilityCount, shape.Transfers, childBudget - (householdCount - h - 1))
                : SingleHousehold(random, h, classes, facilityCount, transfer);
            childBudget -= household.Children.Count;
            households.Add(household);
        }

        // Held seats count in capacity: make room for every holder.
        foreach (var child in households.SelectMany(h => h.Children).Where(c => c.HeldSeat is not null))
        {
            var f = int.Parse(child.HeldSeat![1..]);
            var holders = households.SelectMany(h => h.Children).Count(c => c.HeldSeat == child.HeldSeat && c.AgeClass == child.AgeClass);
            capacity[f][child.AgeClass] = Math.Max(capacity[f][child.AgeClass], holders);
        }

        var facilities = Enumerable.Range(0, facilityCount).Select(f => new FacilitySeats(FacilityId(f), capacity[f])).ToList();
        return Trim(new AllocationInstance(facilities, households));
    }

    static string FacilityId(int f) => $"F{f}";

    static HouseholdApplication SingleHousehold(Random random, int h, int[] classes, int facilityCount, bool transfer)
    {
        var childId = $"H{h}-c0";
        var ageClass = classes[random.Next(classes.Length)];
        var order = Shuffled(random, facilityCount);
        string? held = null;
        int[] wishes;
        if (transfer)
        {
            held = FacilityId(order[^1]);
            wishes = order[..random.Next(1, facilityCount)];
        }
        else wishes = order[..random.Next(1, facilityCount + 1)];
        var options = wishes.Select(f => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { [childId] = FacilityId(f) }).ToList();
        return Household(random, h, [new ApplicantChild(childId, ageClass, held)], options);
    }

    static HouseholdApplication SiblingHousehold(Random random, int h, int[] classes, int facilityCount, bool transfers, int maxChildren)
    {
        var count = maxChildren >= 3 && random.NextDouble() < 0.15 ? 3 : 2;
        var ids = Enumerable.Range(0, count).Select(j => $"H{h}-c{j}").ToArray();
        var heldChild = transfers && random.NextDouble() < 0.15 ? 0 : -1;
        var children = ids.Select((id, j) => new ApplicantChild(id, classes[random.Next(classes.Length)], j == heldChild ? FacilityId(random.Next(facilityCount)) : null)).ToArray();
        var options = new List<IReadOnlyDictionary<string, string?>>();
        var order = Shuffled(random, facilityCount);

        if (heldChild >= 0)
        {
            // Move together to a facility preferred to the held one, else stay (implicit).
            foreach (var f in order.Where(f => FacilityId(f) != children[heldChild].HeldSeat).Take(random.Next(1, 3)))
                options.Add(ids.ToDictionary(id => id, _ => (string?)FacilityId(f)));
            return Household(random, h, children, options);
        }

        switch (random.Next(3))
        {
            case 0: // 同じ園のみ
                foreach (var f in order[..random.Next(1, facilityCount + 1)])
                    options.Add(ids.ToDictionary(id => id, _ => (string?)FacilityId(f)));
                break;
            case 1: // 別々でも可: the product of the lists, by sum of ranks, same facility first
                var lists = ids.Select(_ => Shuffled(random, facilityCount)[..random.Next(1, 3)]).ToArray();
                var product = lists.Aggregate(
                    (IEnumerable<int[]>)[[]],
                    (acc, list) => acc.SelectMany(prefix => list.Select(f => prefix.Append(f).ToArray())));
                foreach (var tuple in product
                    .OrderBy(t => t.Select((f, j) => Array.IndexOf(lists[j], f)).Sum())
                    .ThenBy(t => t.Distinct().Count())
                    .Take(4))
                    options.Add(ids.Select((id, j) => (id, f: tuple[j])).ToDictionary(x => x.id, x => (string?)FacilityId(x.f)));
                break;
            default: // 片方だけでも可: together first, then any one child alone
                foreach (var f in order[..random.Next(1, Math.Min(2, facilityCount) + 1)])
                    options.Add(ids.ToDictionary(id => id, _ => (string?)FacilityId(f)));
                foreach (var j in Shuffled(random, count).Take(2))
                    options.Add(ids.Select((id, k) => (id, f: k == j ? FacilityId(order[0]) : null)).ToDictionary(x => x.id, x => x.f));
                break;
        }
        return Household(random, h, children, options);
    }

    static HouseholdApplication Household(Random random, int h, ApplicantChild[] children, List<IReadOnlyDictionary<string, string?>> options)
    {
        decimal[] scores = [40, 40, 39, 38];
        var tieBreak = random.Next(3) switch { 0 => Array.Empty<long>(), 1 => [random.Next(2)], _ => [random.Next(2), random.Next(2)] };
        return new HouseholdApplication($"H{h}", scores[random.Next(scores.Length)], tieBreak, random.Next(4), random.NextDouble() < 0.1 ? 1 : 0, children, options);
    }

    /// <summary>Drops the last options of the household with the most until brute force stays cheap.</summary>
    static AllocationInstance Trim(AllocationInstance instance)
    {
        var households = instance.Households.ToList();
        while (households.Aggregate(1L, (p, h) => p * (h.Options.Count + 1)) > MaxSearchSpace)
        {
            var widest = households.IndexOf(households.MaxBy(h => h.Options.Count)!);
            households[widest] = households[widest] with { Options = households[widest].Options.Take(households[widest].Options.Count - 1).ToList() };
        }
        return instance with { Households = households };
    }

    static int[] Shuffled(Random random, int count)
    {
        var items = Enumerable.Range(0, count).ToArray();
        random.Shuffle(items);
        return items;
    }
}
