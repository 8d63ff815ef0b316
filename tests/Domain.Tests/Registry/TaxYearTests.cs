using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Registry;

/// <summary>税情報: one stream per person and 年度; 税更正 are appended and counted (REFERENCE.md §1: re-determine on 更正).</summary>
public class TaxYearTests
{
    private static readonly Guid PersonId = Guid.Parse("d0000000-0000-0000-0000-000000000001");
    private static readonly Guid OtherPerson = Guid.Parse("d0000000-0000-0000-0000-000000000002");
    private static readonly DateOnly AssessedOn = new(2027, 6, 1);

    private static TaxAssessed Assessed() => TaxYear.Assess(PersonId, 2027, TaxFigures.Create(95_000, 5_000, false, FilingType.SalaryReport), AssessedOn);

    private static TaxYear Given(params object[] events) => events.Aggregate((TaxYear?)null, TaxYear.Evolve)!;

    private static TaxFigures Amended() => TaxFigures.Create(120_000, 5_000, false, FilingType.FinalReturn);

    [Fact]
    public void when_a_year_is_assessed_its_stream_id_is_derived_from_person_and_year()
    {
        var assessed = Assessed();
        var state = Given(assessed);

        assessed.TaxYearId.ShouldBe(TaxYear.StreamId(PersonId, 2027));
        state.Id.ShouldBe(assessed.TaxYearId);
        state.IncomeLevy.ShouldBe(95_000);
        state.FiscalYear.ShouldBe(2027);
        state.Corrections.ShouldBe(0);
    }

    [Fact]
    public void when_the_stream_id_is_computed_twice_for_the_same_person_and_year_it_is_the_same() =>
        TaxYear.StreamId(PersonId, 2027).ShouldBe(TaxYear.StreamId(Guid.Parse(PersonId.ToString()), 2027));

    [Fact]
    public void when_the_year_differs_the_stream_id_differs() =>
        TaxYear.StreamId(PersonId, 2027).ShouldNotBe(TaxYear.StreamId(PersonId, 2028));

    [Fact]
    public void when_the_person_differs_the_stream_id_differs() =>
        TaxYear.StreamId(PersonId, 2027).ShouldNotBe(TaxYear.StreamId(OtherPerson, 2027));

    [Fact]
    public void when_the_stream_id_is_computed_it_is_a_name_based_version_5_uuid()
    {
        var id = TaxYear.StreamId(PersonId, 2027);

        id.Version.ShouldBe(5);
        (id.Variant & 0b1100).ShouldBe(0b1000);
    }

    [Fact]
    public void when_a_year_is_corrected_the_new_figures_replace_the_old_and_the_counter_goes_up()
    {
        var given = Given(Assessed());

        var corrected = given.Correct(Amended(), new DateOnly(2027, 9, 10), "確定申告による更正");
        var state = TaxYear.Evolve(given, corrected)!;

        corrected.Reason.ShouldBe("確定申告による更正");
        state.IncomeLevy.ShouldBe(120_000);
        state.FilingType.ShouldBe(FilingType.FinalReturn);
        state.AssessedOn.ShouldBe(new DateOnly(2027, 9, 10));
        state.Corrections.ShouldBe(1);
    }

    [Fact]
    public void when_a_year_is_corrected_twice_the_counter_is_2()
    {
        var first = Given(Assessed()).Correct(Amended(), new DateOnly(2027, 9, 10), "確定申告による更正");
        var afterFirst = Given(Assessed(), first);

        var second = afterFirst.Correct(TaxFigures.Create(0, 0, true, FilingType.FinalReturn), new DateOnly(2027, 11, 1), "再更正");

        Given(Assessed(), first, second).Corrections.ShouldBe(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void when_a_correction_has_no_reason_it_is_refused(string reason) =>
        ShouldBreakRule(() => Given(Assessed()).Correct(Amended(), new DateOnly(2027, 9, 10), reason), "tax.correction-reason-required")
            .Field.ShouldBe("correctionReason");

    [Fact]
    public void when_a_correction_is_dated_before_the_assessment_it_is_refused() =>
        ShouldBreakRule(() => Given(Assessed()).Correct(Amended(), new DateOnly(2027, 5, 31), "更正"), "tax.correction-before-assessment");
}
