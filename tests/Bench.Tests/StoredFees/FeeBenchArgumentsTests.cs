using KosodateShien.Bench.Fees;

namespace KosodateShien.Bench.Tests.StoredFees;

/// <summary><c>bench fees</c> options: what each mode accepts and refuses, before anything is generated or written.</summary>
[Collection(nameof(FeeBenchArgumentsTests))]
public sealed class FeeBenchArgumentsTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        // Without the database variable the stored-data mode stops right after parsing, so nothing is written.
        var saved = Environment.GetEnvironmentVariable(FeeBench.DatabaseVariable);
        Environment.SetEnvironmentVariable(FeeBench.DatabaseVariable, null);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = FeeBench.Run(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(FeeBench.DatabaseVariable, saved);
        }
    }

    [Fact]
    public void keep_ward_and_month_are_accepted_for_the_stored_data_run()
    {
        var (exit, _, error) = Run("--keep-ward", "--month", "2027-07", "--children", "1000");

        exit.ShouldBe(2);
        error.ShouldContain($"{FeeBench.DatabaseVariable} is not set");
        error.ShouldNotContain("unexpected argument");
    }

    [Theory]
    [InlineData("--keep-ward")]
    [InlineData("--month", "2027-07")]
    public void stored_data_options_are_refused_with_engine_only(params string[] options)
    {
        var (exit, _, error) = Run(["--engine-only", .. options]);

        exit.ShouldBe(2);
        error.ShouldContain("are for the stored-data run, not --engine-only");
    }

    [Fact]
    public void passes_is_refused_for_the_stored_data_run_and_unknown_options_are_named()
    {
        Run("--passes", "3").Error.ShouldContain("--passes is for --engine-only");
        Run("--fast").Error.ShouldContain("unexpected argument '--fast'");
    }

    [Fact]
    public void help_lists_every_option()
    {
        var (exit, output, _) = Run("--help");

        exit.ShouldBe(0);
        foreach (var option in new[] { "--children", "--seed", "--month", "--keep-ward", "--engine-only", "--passes" }) output.ShouldContain(option);
    }
}
