using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Application.Tests.Allocation;

/// <summary>What kind of tiny instance to draw.</summary>
public enum TinyProfile
{
    /// <summary>2–3 facilities, classes 1 and 2 with 0–2 seats; 45% singles, 15% 転園, 35% sibling pairs, 5% pairs with a held seat.</summary>
    Mixed,
    /// <summary>As <see cref="Mixed"/>, singles only (no held seats).</summary>
    SinglesOnly,
    /// <summary>
    /// 2 facilities, one class with 0–2 seats; 5% singles, 50% 転園, 25% sibling pairs, 20% pairs with a held seat. Held seats
    /// give a child priority at one facility only, the one thing here that breaks the common master list (with household-level
    /// keys alone, serial dictatorship by household is stable): about one instance in twenty has no stable allocation, against
    /// about one in a hundred and fifty for <see cref="Mixed"/>.
    /// </summary>
    HeldSeatStress,
}

/// <summary>
/// Seeded tiny 利用調整 instances for the brute-force oracle (ALLOCATION.md §4.1 T0), up to 8 households. Households are
/// singles, sibling pairs (同じ園のみ / 別々でも可 / 片方だけでも可), 転園 applicants holding a seat, and sibling pairs in
/// which one child holds a seat. Priorities are household-level with many ties on 指数 (decided by a tie-break key, then
/// the lottery). The brute-force search space is kept under <see cref="MaxSearchSpace"/> unless a household count is given.
/// </summary>
internal static class TinyInstances
{
    public const long MaxSearchSpace = 6_000;

    public static AllocationInstance Generate(int seed, TinyProfile profile = TinyProfile.Mixed, int? households = null, int? facilities = null)
    {
        var drawer = new Drawer(new Random(seed), profile);
        while (true)
        {
            var instance = drawer.Draw(households, facilities);
            if (households is not null || BruteForceAllocator.SearchSpace(instance) <= MaxSearchSpace) return instance;
        }
    }

    sealed class Drawer(Random random, TinyProfile profile)
    {
        readonly int[] classes = profile == TinyProfile.HeldSeatStress ? [2] : [1, 2];
        int[][] capacity = [];
        int facilities;

        public AllocationInstance Draw(int? householdCount, int? facilityCount)
        {
            facilities = facilityCount ?? (profile == TinyProfile.HeldSeatStress ? 2 : random.Next(2, 4));
            capacity = new int[facilities][];
            for (var f = 0; f < facilities; f++)
            {
                capacity[f] = new int[6];
                foreach (var g in classes) capacity[f][g] = random.Next(0, 3);
            }

            var households = new List<HouseholdApplication>();
            var count = householdCount ?? random.Next(5, 9);
            for (var h = 0; h < count; h++)
            {
                var id = $"h{h}";
                var draw = random.Next(100);
                var (children, options) = profile switch
                {
                    TinyProfile.SinglesOnly => Single(id),
                    TinyProfile.HeldSeatStress => draw switch { < 5 => Single(id), < 55 => Transfer(id), < 80 => Siblings(id), _ => SiblingsWithHeldSeat(id) },
                    _ => draw switch { < 45 => Single(id), < 60 => Transfer(id), < 95 => Siblings(id), _ => SiblingsWithHeldSeat(id) },
                };
                households.Add(new HouseholdApplication(
                    id,
                    Score: random.Next(3) switch { 0 => 36m, 1 => 38m, _ => 40m },
                    TieBreak: [random.Next(2)],
                    Lottery: random.Next(1_000),
                    Tier: random.Next(10) == 0 ? 1 : 0,
                    children,
                    options));
            }
            return new AllocationInstance([.. Enumerable.Range(0, facilities).Select(f => new FacilitySeats(Facility(f), capacity[f]))], households);
        }

        static string Facility(int f) => $"F{f}";

        int Class() => classes[random.Next(classes.Length)];

        /// <summary>A held seat counts in its facility's capacity.</summary>
        int Hold(int ageClass)
        {
            var held = random.Next(facilities);
            capacity[held][ageClass]++;
            return held;
        }

        int[] Wishes(int max, int except = -1)
        {
            var pool = Enumerable.Range(0, facilities).Where(f => f != except).OrderBy(_ => random.Next()).ToArray();
            return pool[..Math.Min(pool.Length, random.Next(1, max + 1))];
        }

        static Dictionary<string, string?> Option(params (string Child, int Facility)[] seats) =>
            seats.ToDictionary(s => s.Child, s => s.Facility < 0 ? null : Facility(s.Facility));

        (List<ApplicantChild>, List<IReadOnlyDictionary<string, string?>>) Single(string id)
        {
            var child = new ApplicantChild($"{id}c0", Class());
            return ([child], [.. Wishes(3).Select(f => Option((child.Id, f)))]);
        }

        /// <summary>転園: wishes only for facilities other than the held one.</summary>
        (List<ApplicantChild>, List<IReadOnlyDictionary<string, string?>>) Transfer(string id)
        {
            var ageClass = Class();
            var held = Hold(ageClass);
            var child = new ApplicantChild($"{id}c0", ageClass, Facility(held));
            return ([child], [.. Wishes(2, except: held).Select(f => Option((child.Id, f)))]);
        }

        (List<ApplicantChild>, List<IReadOnlyDictionary<string, string?>>) Siblings(string id)
        {
            var first = Class();
            ApplicantChild a = new($"{id}c0", first), b = new($"{id}c1", random.Next(4) == 0 ? first : Class());
            var options = new List<IReadOnlyDictionary<string, string?>>();
            switch (random.Next(3))
            {
                case 0: // 同じ園のみ
                    options.AddRange(Wishes(2).Select(f => Option((a.Id, f), (b.Id, f))));
                    break;
                case 1: // 別々でも可: same-facility tuples first, then mixed ones
                    {
                        var wishes = Wishes(2);
                        var tuples = wishes.SelectMany(f => wishes.Select(g => (f, g))).OrderBy(t => t.f == t.g ? 0 : 1).ThenBy(_ => random.Next()).Take(3);
                        options.AddRange(tuples.Select(t => Option((a.Id, t.f), (b.Id, t.g))));
                        break;
                    }
                default: // 片方だけでも可: together first, then one child alone
                    {
                        var f = random.Next(facilities);
                        options.Add(Option((a.Id, f), (b.Id, f)));
                        options.Add(Option((a.Id, f), (b.Id, -1)));
                        options.Add(Option((a.Id, -1), (b.Id, random.Next(facilities))));
                        break;
                    }
            }
            return ([a, b], options);
        }

        /// <summary>One child holds a seat. Options: both move to another facility together, else the other child joins the held facility (the holder stays).</summary>
        (List<ApplicantChild>, List<IReadOnlyDictionary<string, string?>>) SiblingsWithHeldSeat(string id)
        {
            var ageClass = Class();
            var held = Hold(ageClass);
            ApplicantChild holder = new($"{id}c0", ageClass, Facility(held)), newcomer = new($"{id}c1", Class());
            var target = Wishes(1, except: held)[0];
            return ([holder, newcomer],
            [
                Option((holder.Id, target), (newcomer.Id, target)),
                new Dictionary<string, string?> { [newcomer.Id] = Facility(held) },
            ]);
        }
    }
}
