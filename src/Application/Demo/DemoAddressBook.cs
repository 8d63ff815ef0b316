using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>
/// Fictional addresses in 東京都新宿区: a fixed set of made-up 町 names from Bogus' <c>ja</c> locale
/// (prefix + surname + 町, e.g. 北高橋町), each with its own 160-00xx postal code, then 丁目・番・号 and
/// sometimes a building and room. No address is a real one.
/// </summary>
internal sealed class DemoAddressBook
{
    private const string PrefectureAndWard = "東京都新宿区";
    private const int Towns = 24;
    private static readonly string[] BuildingSuffixes = ["ハイツ", "コーポ", "マンション", "レジデンス", "ハイム", "コート", "テラス"];

    private readonly DemoRandom _random;
    private readonly IReadOnlyList<(string Name, string PostalCode)> _towns;

    public DemoAddressBook(DemoRandom random)
    {
        _random = random;
        var names = new List<string>();
        while (names.Count < Towns)
        {
            var name = $"{random.Faker.Address.CityPrefix()}{random.Faker.Name.LastName()}町";
            if (!names.Contains(name)) names.Add(name);
        }
        _towns = [.. names.Select((name, i) => (name, $"160-00{i + 1:D2}"))];
    }

    /// <summary>How many 町 the ward has; a town index runs from 0 to <c>TownCount - 1</c>.</summary>
    public int TownCount => _towns.Count;

    /// <summary>The 町 name without its trailing 町 (北高橋町 → 北高橋), for facility names.</summary>
    public string TownStem(int town) => _towns[town].Name[..^1];

    /// <summary>The town index of an address this book made (its postal code names the 町).</summary>
    public int TownOf(Address address)
    {
        for (var i = 0; i < _towns.Count; i++) if (_towns[i].PostalCode == address.PostalCode) return i;
        throw new ArgumentException($"{address.PostalCode} is not a postal code of the demo ward.", nameof(address));
    }

    /// <summary>A facility's address in the given 町: 丁目・番・号, sometimes the ground floor of a building.</summary>
    public Address FacilityAddress(int town)
    {
        var (name, postalCode) = _towns[town];
        var text = $"{PrefectureAndWard}{name}{_random.Int(1, 5)}丁目{_random.Int(1, 30)}番{_random.Int(1, 20)}号";
        if (_random.Chance(0.3)) text += $" {_random.Faker.Name.LastName()}ビル{_random.Int(1, 2)}階";
        return new Address(postalCode, text);
    }

    /// <summary>A new address: 郵便番号 and 住所.</summary>
    public Address Next()
    {
        var (town, postalCode) = _random.Pick(_towns);
        var text = $"{PrefectureAndWard}{town}{_random.Int(1, 5)}丁目{_random.Int(1, 30)}番{_random.Int(1, 20)}号";
        if (_random.Chance(0.55))
        {
            var building = $"{_random.Faker.Name.LastName()}{_random.Pick(BuildingSuffixes)}";
            text += $" {building}{_random.Int(1, 12)}{_random.Int(1, 8):D2}号室";
        }
        return new Address(postalCode, text);
    }
}
