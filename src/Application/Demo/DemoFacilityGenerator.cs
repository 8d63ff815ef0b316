using KosodateShien.Domain.Facilities;

namespace KosodateShien.Application.Demo;

/// <summary>A generated facility: its stream (folded), where it lies and how much families like it.</summary>
/// <param name="Popularity">pop_d ~ U(0, 2) of ALLOCATION.md §4.2</param>
internal sealed record DemoFacility(DemoStreamBuilder<Facility> Stream, int Town, DemoPoint Location, double Popularity)
{
    public Facility State => Stream.State;

    public Guid Id => Stream.Id;

    /// <summary>Has a class (利用定員 &gt; 0) for this クラス年齢.</summary>
    public bool Takes(int ageClass) => ageClass is >= 0 and <= 5 && State.Capacity[ageClass] > 0;
}

/// <summary>
/// 施設・事業所 of the demo ward, registered through <see cref="Facility.Register"/>: about 200 at the default size,
/// 55% 保育所, 15% 認定こども園, 25% 小規模保育 (定員 6–19, 0–2歳児 only), 3% 家庭的保育 (3–5 children, 0–2歳児),
/// 2% 事業所内保育 (0–2歳児). Names are made up from the ward's fictional 町 names and a table of common words;
/// 事業所番号 are "13104" followed by five unique digits. Every facility opened before <c>today</c>.
/// </summary>
internal sealed class DemoFacilityGenerator(DemoRandom random, DemoAddressBook addresses, DemoWardMap map, DateOnly today)
{
    public static IReadOnlyList<(FacilityKind Kind, double Share)> Mix { get; } =
    [
        (FacilityKind.NurserySchool, 0.55),
        (FacilityKind.CertifiedChildCenter, 0.15),
        (FacilityKind.SmallScale, 0.25),
        (FacilityKind.FamilyDayCare, 0.03),
        (FacilityKind.WorkplaceNursery, 0.02),
    ];

    private const string NumberPrefix = "13104";

    private static readonly string[] Words =
    [
        "あおぞら", "ひまわり", "さくら", "たんぽぽ", "わかば", "ひかり", "つばさ", "なかよし", "すみれ", "こすもす",
        "どんぐり", "にじいろ", "そよかぜ", "ほしぞら", "もみじ", "ふたば", "あさひ", "みどり", "のぞみ", "すくすく",
        "にこにこ", "ぽかぽか", "きらり", "はなみずき", "こもれび", "おひさま", "かえで", "ゆりかご", "まつぼっくり", "くすのき",
    ];

    private readonly HashSet<string> _numbers = [];
    private readonly HashSet<string> _names = [];

    /// <summary>The kinds of <paramref name="count"/> facilities by <see cref="Mix"/> (largest remainder), in random order.</summary>
    public IReadOnlyList<FacilityKind> Kinds(int count)
    {
        var exact = Mix.Select(m => (m.Kind, Exact: m.Share * count)).ToList();
        var counts = exact.ToDictionary(e => e.Kind, e => (int)Math.Floor(e.Exact));
        foreach (var (kind, _) in exact.OrderByDescending(e => e.Exact - Math.Floor(e.Exact)).Take(count - counts.Values.Sum())) counts[kind]++;
        var kinds = Mix.SelectMany(m => Enumerable.Repeat(m.Kind, counts[m.Kind])).ToArray();
        for (var i = kinds.Length - 1; i > 0; i--)
        {
            var j = random.Int(0, i);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
        }
        return kinds;
    }

    /// <summary>Registers <paramref name="count"/> facilities, spread over every 町 before any town gets a second.</summary>
    public IReadOnlyList<DemoFacility> Generate(int count)
    {
        var towns = Enumerable.Range(0, addresses.TownCount).OrderBy(_ => random.Double()).ToArray();
        var facilities = new List<DemoFacility>(count);
        var kinds = Kinds(count);
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[i];
            var town = i < towns.Length ? towns[i] : random.Int(0, towns.Length - 1);
            var stream = new DemoStreamBuilder<Facility>(random.NextGuid(), Facility.Evolve);
            stream.Append(Facility.Register(stream.Id, NextNumber(), NextName(kind, town), kind, addresses.FacilityAddress(town), OpensOn(kind), Capacity(kind)));
            facilities.Add(new DemoFacility(stream, town, map.PointIn(town), random.Double() * 2));
        }
        return facilities;
    }

    /// <summary>利用定員 by クラス年齢.</summary>
    private SeatsByAgeClass Capacity(FacilityKind kind)
    {
        switch (kind)
        {
            case FacilityKind.NurserySchool:
            {
                var older = random.Int(15, 25);
                return new SeatsByAgeClass(random.Int(6, 12), random.Int(10, 20), random.Int(12, 20), older, Near(older), Near(older));
            }
            case FacilityKind.CertifiedChildCenter:
            {
                var older = random.Int(10, 20);
                return new SeatsByAgeClass(random.Int(3, 9), random.Int(6, 15), random.Int(8, 15), older, Near(older), Near(older));
            }
            case FacilityKind.SmallScale:
            {
                var total = random.Int(6, 19);
                var age0 = Math.Max(1, (int)Math.Round(total * (0.22 + random.Double() * 0.1)));
                var age1 = Math.Max(1, (int)Math.Round((total - age0) * (0.45 + random.Double() * 0.1)));
                return new SeatsByAgeClass(age0, age1, total - age0 - age1, 0, 0, 0);
            }
            case FacilityKind.FamilyDayCare:
            {
                var seats = new int[3];
                for (var i = random.Int(3, 5); i > 0; i--) seats[random.Weighted<int>([(0, 0.3), (1, 0.4), (2, 0.3)])]++;
                return new SeatsByAgeClass(seats[0], seats[1], seats[2], 0, 0, 0);
            }
            default:
                return new SeatsByAgeClass(random.Int(3, 6), random.Int(4, 8), random.Int(4, 8), 0, 0, 0);
        }
    }

    /// <summary>Mostly the same 定員 as the 3歳児 class, sometimes a few more (children joining from 地域型保育).</summary>
    private int Near(int seats) => random.Chance(0.7) ? seats : Math.Min(seats + random.Int(1, 5), 30);

    /// <summary>The first of a month long past; mostly 1 April. 小規模・家庭的・事業所内 exist since 新制度 (April 2015), こども園 since 2007.</summary>
    private DateOnly OpensOn(FacilityKind kind)
    {
        var lastYear = today.Year - 2;
        var firstYear = kind switch
        {
            FacilityKind.NurserySchool => 1960,
            FacilityKind.CertifiedChildCenter => 2007,
            _ => 2015,
        };
        var year = random.Int(Math.Min(firstYear, lastYear), lastYear);
        return new DateOnly(year, random.Chance(0.75) ? 4 : random.Int(1, 12), 1);
    }

    /// <summary>事業所番号: "13104" and five digits, unique.</summary>
    private string NextNumber()
    {
        while (true)
        {
            var number = $"{NumberPrefix}{random.Int(0, 99_999):D5}";
            if (_numbers.Add(number)) return number;
        }
    }

    private string NextName(FacilityKind kind, int town)
    {
        var stem = addresses.TownStem(town);
        for (var attempt = 0; ; attempt++)
        {
            var word = random.Pick(Words);
            var name = kind switch
            {
                FacilityKind.NurserySchool => random.Weighted<int>([(0, 0.6), (1, 0.2), (2, 0.2)]) switch
                {
                    0 => $"{stem}{word}保育園",
                    1 => $"区立{stem}保育園",
                    _ => $"{word}保育園{stem}園",
                },
                FacilityKind.CertifiedChildCenter => random.Chance(0.6) ? $"{stem}{word}こども園" : $"認定こども園{word}{stem}",
                FacilityKind.SmallScale => random.Chance(0.6) ? $"{stem}{word}小規模保育所" : $"{word}ルーム{stem}",
                FacilityKind.FamilyDayCare => $"家庭的保育{random.Pick(JapaneseNames.Surnames).Kanji}ルーム",
                _ => $"{stem}{word}事業所内保育所",
            };
            if (attempt >= 20) name += $"第{attempt - 18}";
            if (_names.Add(name)) return name;
        }
    }
}
