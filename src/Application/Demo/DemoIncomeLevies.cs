using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>Whose 住民税 is drawn: the bands differ for the main earner, a second earner, a single parent and a household on 生活保護.</summary>
internal enum DemoTaxpayer { MainEarner, SecondEarner, SingleParent, PublicAssistance }

/// <summary>
/// 所得割額 draws over the national fee-tier thresholds (48,600 / 97,000 / 169,000 / 301,000 / 397,000 yen, REFERENCE.md §4.2),
/// skewed high as in central Tokyo, rounded down to 100 yen. About 4% of tax years are 非課税 (no 所得割, no 均等割).
/// </summary>
internal static class DemoIncomeLevies
{
    /// <summary>均等割額: 特別区民税 and 都民税 together, one value for every taxable person.</summary>
    public const long PerCapitaLevyYen = 5_000;

    private const long NonTaxableBand = -1;

    // (lowest 所得割, highest 所得割) per band; 0–0 is 均等割のみ, NonTaxableBand is 非課税.
    private static readonly (long Low, long High)[] Bands =
    [
        (NonTaxableBand, NonTaxableBand), (0, 0), (100, 48_500), (48_600, 96_900), (97_000, 168_900), (169_000, 300_900), (301_000, 396_900), (397_000, 1_200_000),
    ];

    private static readonly Dictionary<DemoTaxpayer, double[]> BandWeights = new()
    {
        [DemoTaxpayer.MainEarner] = [0.02, 0.02, 0.04, 0.08, 0.22, 0.32, 0.16, 0.14],
        [DemoTaxpayer.SecondEarner] = [0.04, 0.05, 0.12, 0.18, 0.26, 0.22, 0.07, 0.06],
        [DemoTaxpayer.SingleParent] = [0.10, 0.10, 0.20, 0.25, 0.20, 0.12, 0.02, 0.01],
        [DemoTaxpayer.PublicAssistance] = [1, 0, 0, 0, 0, 0, 0, 0],
    };

    public static TaxFigures Draw(DemoRandom random, DemoTaxpayer taxpayer)
    {
        if (random.Chance(0.01) && taxpayer != DemoTaxpayer.PublicAssistance)
            return TaxFigures.Create(0, 0, nonTaxable: false, FilingType.NotFiled);

        var weights = BandWeights[taxpayer];
        var (low, high) = random.Weighted([.. Bands.Select((band, i) => (band, weights[i]))]);
        return low == NonTaxableBand ? NonTaxable(random) : Taxable(random, random.Int((int)(low / 100), (int)(high / 100)) * 100L);
    }

    /// <summary>The next 年度 of the same person: mostly the same situation, the income drifting by −15% to +20%.</summary>
    public static TaxFigures NextYear(DemoRandom random, TaxFigures previous, DemoTaxpayer taxpayer)
    {
        if (previous.FilingType == FilingType.NotFiled || random.Chance(0.05)) return Draw(random, taxpayer);
        if (previous.NonTaxable) return random.Chance(0.85) ? NonTaxable(random) : Draw(random, taxpayer);
        var drifted = previous.IncomeLevy * random.Int(85, 120) / 100 / 100 * 100;
        return TaxFigures.Create(drifted, PerCapitaLevyYen, nonTaxable: false, previous.FilingType);
    }

    /// <summary>The figures after a 税更正: the 所得割 moves by up to a quarter either way.</summary>
    public static TaxFigures Corrected(DemoRandom random, TaxYear year)
    {
        if (year.NonTaxable) return Taxable(random, random.Int(0, 300) * 100L);
        var percent = random.Chance(0.7) ? random.Int(75, 97) : random.Int(103, 125);
        return TaxFigures.Create(year.IncomeLevy * percent / 100 / 100 * 100, PerCapitaLevyYen, nonTaxable: false,
            year.FilingType == FilingType.NotFiled ? FilingType.ResidentTaxReturn : year.FilingType);
    }

    private static TaxFigures Taxable(DemoRandom random, long incomeLevy)
    {
        var filing = random.Weighted<FilingType>([(FilingType.SalaryReport, 0.85), (FilingType.FinalReturn, 0.13), (FilingType.ResidentTaxReturn, 0.02)]);
        return TaxFigures.Create(incomeLevy, PerCapitaLevyYen, nonTaxable: false, filing);
    }

    private static TaxFigures NonTaxable(DemoRandom random) =>
        TaxFigures.Create(0, 0, nonTaxable: true, random.Chance(0.6) ? FilingType.ResidentTaxReturn : FilingType.SalaryReport);
}
