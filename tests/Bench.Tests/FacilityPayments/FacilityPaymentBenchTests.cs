using System.Text.RegularExpressions;
using KosodateShien.Bench.Fees;
using KosodateShien.Bench.FacilityPayments;

namespace KosodateShien.Bench.Tests.FacilityPayments;

/// <summary>
/// <c>bench facility-payments</c> on a small ward (1,000 children in 20 facilities) on real PostgreSQL (KOSODATE_TEST_DB, set by
/// <c>./kosodate test</c>), in a schema of its own: every facility gets one claim, the batch pays them all in a 全銀 file of
/// one record each, and the output ends with one well-formed line per target.
/// </summary>
public sealed class FacilityPaymentBenchTests
{
    private const string Schema = "bench_tests_facility_payments";

    [Fact]
    public async Task a_small_ward_gets_one_claim_per_facility_a_payment_each_and_ends_with_the_two_target_lines()
    {
        var connection = Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")
            ?? throw new InvalidOperationException("KOSODATE_TEST_DB is not set: run the tests with ./kosodate test (it starts PostgreSQL and sets it).");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await FacilityPaymentBench.RunAsync(new FacilityPaymentBenchOptions(Children: 1_000, Facilities: 20, Seed: 3, Schema: Schema), connection, output, error);
        await StoredFeeBench.DropSchemaAsync(connection, Schema, CancellationToken.None);

        var text = output.ToString();
        error.ToString().ShouldBeEmpty();
        exit.ShouldBe(0);
        text.ShouldContain("1,000 placed children, 20 facilities");
        text.ShouldMatch(@"claims run\s+[\d.]+ s\s+[\d,]+ claims/s\s+20 computed, 0 unchanged, 0 skipped, 20 events appended");
        text.ShouldContain("20 of 20 facilities have exactly one claim for 2027-06");
        text.ShouldMatch(@"batch and file\s+[\d.]+ s\s+20 payments, [\d,]+ yen, 振込指定日 2027-07-20, file 2,806 bytes");
        // The claims' total is what the batch pays.
        var total = Regex.Match(text, @"total\s+([\d,]+) yen").Groups[1].Value;
        text.ShouldContain($"20 payments, {total} yen");

        var lines = text.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        lines[^2].ShouldMatch(@"^target: facility claims: \d+\.\d{2} s \(<= 10\)$");
        lines[^1].ShouldMatch(@"^target: transfer file: \d+\.\d{2} s \(<= 2\)$");
        lines.Count(l => l.StartsWith("target: ", StringComparison.Ordinal)).ShouldBe(2);
    }

}

/// <summary>
/// <c>bench facility-payments</c> options, checked before anything is generated or written (in the collection of the other tests
/// that unset the bench's database variable, so they do not race on it).
/// </summary>
[Collection(nameof(StoredFees.FeeBenchArgumentsTests))]
public sealed class FacilityPaymentBenchArgumentsTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        // Without the database variable the bench stops right after parsing, so nothing is written.
        var saved = Environment.GetEnvironmentVariable(FeeBench.DatabaseVariable);
        Environment.SetEnvironmentVariable(FeeBench.DatabaseVariable, null);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = FacilityPaymentBench.Run(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(FeeBench.DatabaseVariable, saved);
        }
    }

    [Fact]
    public void options_are_parsed_before_anything_is_written_and_help_lists_them()
    {
        var (exit, _, error) = Run("--children", "1000", "--facilities", "20", "--seed", "2", "--month", "2027-07");
        exit.ShouldBe(2);
        error.ShouldContain($"{FeeBench.DatabaseVariable} is not set");

        Run("--facilities", "30", "--children", "20").Error.ShouldContain("--facilities must not exceed --children");
        Run("--fast").Error.ShouldContain("unexpected argument '--fast'");
        var help = Run("--help");
        help.Exit.ShouldBe(0);
        foreach (var option in new[] { "--children", "--facilities", "--seed", "--month" }) help.Output.ShouldContain(option);
    }
}
