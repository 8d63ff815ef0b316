using System.Security.Cryptography;
using System.Text;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Registry;

/// <summary>
/// 税情報: one person's 個人住民税 for one 年度, the write model of a tax-year stream.
/// Amendments (税更正) are appended, never overwritten.
/// </summary>
/// <param name="IncomeLevy">所得割額 (yen)</param>
/// <param name="PerCapitaLevy">均等割額 (yen)</param>
/// <param name="NonTaxable">市町村民税非課税</param>
/// <param name="FilingType">申告区分</param>
/// <param name="Corrections">税更正の回数</param>
public sealed record TaxYear(Guid Id, Guid PersonId, int FiscalYear, long IncomeLevy, long PerCapitaLevy, bool NonTaxable, FilingType FilingType, DateOnly AssessedOn, int Corrections) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The stream id for a person's 年度: stable, so a second assessment of the same year conflicts.</summary>
    public static Guid StreamId(Guid personId, int fiscalYear)
    {
        // A name-based UUID (RFC 9562 version 5) of "personId/fiscalYear".
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"kosodate-tax-year/{personId:N}/{fiscalYear}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(TaxAssessed),
        typeof(TaxAssessmentCorrected),
    ];

    public static TaxYear? Evolve(TaxYear? state, object @event) => (state, @event) switch
    {
        (null, TaxAssessed e) => new TaxYear(e.TaxYearId, e.PersonId, e.FiscalYear, e.IncomeLevy, e.PerCapitaLevy, e.NonTaxable, e.FilingType, e.AssessedOn, 0),
        (not null, TaxAssessmentCorrected e) => state with
        {
            IncomeLevy = e.IncomeLevy, PerCapitaLevy = e.PerCapitaLevy, NonTaxable = e.NonTaxable, FilingType = e.FilingType,
            AssessedOn = e.CorrectedOn, Corrections = state.Corrections + 1,
        },
        _ => state,
    };

    public static TaxAssessed Assess(Guid personId, int fiscalYear, TaxFigures figures, DateOnly assessedOn) =>
        new(StreamId(personId, fiscalYear), personId, fiscalYear, figures.IncomeLevy, figures.PerCapitaLevy, figures.NonTaxable, figures.FilingType, assessedOn);

    public TaxAssessmentCorrected Correct(TaxFigures figures, DateOnly correctedOn, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("tax.correction-reason-required", "A tax amendment (税更正) needs a reason.", "correctionReason");
        if (correctedOn < AssessedOn)
            throw new DomainRuleException("tax.correction-before-assessment", $"The amendment date {correctedOn:yyyy-MM-dd} is before the current assessment of {AssessedOn:yyyy-MM-dd}.", "assessedOn");
        return new TaxAssessmentCorrected(Id, PersonId, FiscalYear, figures.IncomeLevy, figures.PerCapitaLevy, figures.NonTaxable, figures.FilingType, correctedOn, reason);
    }
}

/// <summary>The figures of one 課税 record, checked for consistency.</summary>
public sealed record TaxFigures(long IncomeLevy, long PerCapitaLevy, bool NonTaxable, FilingType FilingType)
{
    public static TaxFigures Create(long incomeLevy, long perCapitaLevy, bool nonTaxable, FilingType filingType)
    {
        if (incomeLevy < 0) throw new DomainRuleException("tax.negative-amount", "所得割額 cannot be negative.", "incomeLevy");
        if (perCapitaLevy < 0) throw new DomainRuleException("tax.negative-amount", "均等割額 cannot be negative.", "perCapitaLevy");
        if (nonTaxable && (incomeLevy > 0 || perCapitaLevy > 0))
            throw new DomainRuleException("tax.non-taxable-with-levy", "A 非課税 person has neither 所得割 nor 均等割.", "nonTaxable");
        return new TaxFigures(incomeLevy, perCapitaLevy, nonTaxable, filingType);
    }
}
