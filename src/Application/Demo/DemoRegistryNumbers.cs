namespace KosodateShien.Application.Demo;

/// <summary>Unique random 宛名番号 (15 digits) and 世帯識別番号 (10 digits) for one demo run.</summary>
internal sealed class DemoRegistryNumbers(DemoRandom random)
{
    private readonly HashSet<string> _personNumbers = [];
    private readonly HashSet<string> _householdNumbers = [];

    /// <summary>宛名番号</summary>
    public string NextPersonNumber() => NextUnique(_personNumbers, 15);

    /// <summary>世帯識別番号</summary>
    public string NextHouseholdNumber() => NextUnique(_householdNumbers, 10);

    private string NextUnique(HashSet<string> used, int digits)
    {
        while (true)
        {
            var number = random.Digits(digits);
            if (used.Add(number)) return number;
        }
    }
}
