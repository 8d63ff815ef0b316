namespace KosodateShien.Bench.Tests;

public class BenchArgumentsTests
{
    [Fact]
    public void Defaults_are_tier_W_seed_1_heuristic_one_run()
    {
        BenchArguments.Parse(["allocation"]).Arguments.ShouldBe(new BenchArguments(BenchTier.W, 1, Exact: false, Runs: 1));
    }

    [Fact]
    public void Every_option_is_read()
    {
        var (arguments, error) = BenchArguments.Parse(["allocation", "--tier", "xl", "--seed", "42", "--mode", "exact", "--runs", "3", "--dump", "x.jsonl"]);

        error.ShouldBeNull();
        arguments.ShouldBe(new BenchArguments(BenchTier.XL, 42, Exact: true, Runs: 3, DumpFile: "x.jsonl"));
    }

    [Theory]
    [InlineData("--tier", "XXL")]
    [InlineData("--tier", "2")]
    [InlineData("--seed", "one")]
    [InlineData("--mode", "fast")]
    [InlineData("--runs", "0")]
    [InlineData("--colour", "red")]
    public void Bad_options_are_refused_with_a_reason(string name, string value)
    {
        var (arguments, error) = BenchArguments.Parse(["allocation", name, value]);

        arguments.ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void An_option_without_a_value_or_an_unknown_command_is_refused()
    {
        BenchArguments.Parse(["allocation", "--tier"]).Error.ShouldBe("--tier needs a value");
        BenchArguments.Parse(["matching"]).Error.ShouldBe("unknown command 'matching'");
    }
}
