using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Application.Demo;

/// <summary>
/// 個人住民税 for every guardian: one <see cref="TaxYear"/> stream for each of the two latest 年度 already
/// assessed on <c>today</c> (the 年度 of today and the one before, once June's 税額決定 is past), about 2% amended by a 税更正.
/// </summary>
internal sealed class DemoTaxGenerator(DemoRandom random, DateOnly today)
{
    private static readonly string[] CorrectionReasons =
    [
        "修正申告による更正", "医療費控除の追加申告による更正", "扶養控除の修正による更正", "給与支払報告書の訂正による更正", "寄附金税額控除の追加による更正",
    ];

    /// <summary>The two 年度 generated, older first.</summary>
    public IReadOnlyList<int> FiscalYears { get; } = LatestAssessedYears(today);

    public int Generate(DemoFamily family, ICollection<DemoStream> streams)
    {
        var count = 0;
        for (var i = 0; i < family.Guardians.Count; i++)
        {
            var guardian = family.Guardians[i];
            var taxpayer = family.OnPublicAssistance ? DemoTaxpayer.PublicAssistance
                : family.SingleParent ? DemoTaxpayer.SingleParent
                : i == 0 ? DemoTaxpayer.MainEarner : DemoTaxpayer.SecondEarner;

            TaxFigures? figures = null;
            foreach (var year in FiscalYears)
            {
                figures = figures is null ? DemoIncomeLevies.Draw(random, taxpayer) : DemoIncomeLevies.NextYear(random, figures, taxpayer);
                streams.Add(TaxYearStream(guardian, year, figures));
                count++;
            }
        }
        return count;
    }

    private DemoStream TaxYearStream(DemoPerson guardian, int fiscalYear, TaxFigures figures)
    {
        var stream = new DemoStreamBuilder<TaxYear>(TaxYear.StreamId(guardian.Id, fiscalYear), TaxYear.Evolve);
        stream.Append(TaxYear.Assess(guardian.Id, fiscalYear, figures, AssessedOn(guardian, fiscalYear)));

        var earliestCorrection = stream.State.AssessedOn.AddDays(30);
        if (random.Chance(0.02) && earliestCorrection <= today)
        {
            stream.Append(stream.State.Correct(DemoIncomeLevies.Corrected(random, stream.State), random.Date(earliestCorrection, today), random.Pick(CorrectionReasons)));
        }
        return stream.ToStream();
    }

    /// <summary>June's 税額決定, or for someone who moved in later, when the ward received the figures.</summary>
    private DateOnly AssessedOn(DemoPerson guardian, int fiscalYear)
    {
        var decided = new DateOnly(fiscalYear, 6, 1).AddDays(random.Int(0, 14));
        if (guardian.JoinedOn <= decided) return decided;
        var received = guardian.JoinedOn.AddDays(random.Int(7, 30));
        return received <= today ? received : guardian.JoinedOn;
    }

    private static IReadOnlyList<int> LatestAssessedYears(DateOnly today)
    {
        var latest = JapaneseDates.FiscalYearOf(today);
        if (today < new DateOnly(latest, 6, 15)) latest--;
        return [latest - 1, latest];
    }
}
