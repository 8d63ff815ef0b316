namespace KosodateShien.Bench.Tests;

public class BenchCliTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = BenchCli.Run(args, output, error, instance => AllocationEngine.Run(instance));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void No_arguments_print_the_usage()
    {
        var (exitCode, output, _) = Run();

        exitCode.ShouldBe(0);
        output.ShouldContain("usage: bench allocation");
    }

    [Fact]
    public void Exact_mode_is_refused_with_exit_2_before_generating()
    {
        var (exitCode, output, error) = Run("allocation", "--mode", "exact");

        exitCode.ShouldBe(2);
        error.ShouldContain("exact mode is not available in this build");
        output.ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_argument_gives_exit_2_and_the_usage_on_stderr()
    {
        var (exitCode, _, error) = Run("allocation", "--tier", "XXL");

        exitCode.ShouldBe(2);
        error.ShouldContain("invalid value 'XXL' for --tier");
        error.ShouldContain("usage:");
    }

    [Fact]
    public void A_tier_S_run_twice_reports_the_metrics_and_identical_hashes()
    {
        var (exitCode, output, _) = Run("allocation", "--tier", "S", "--runs", "2");

        exitCode.ShouldBe(0);
        foreach (var label in new[] { "households", "placed", "1st choice", "blocking coalitions", "IR violations", "engine: da", "peak working set", "assignment hash" })
            output.ShouldContain(label);
        output.ShouldMatch(@"identical across runs\s+yes");
    }

    [Fact]
    public void Dump_writes_the_instance_and_a_manifest_with_its_hash()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.jsonl");
        var manifestFile = Path.ChangeExtension(file, ".manifest.json");
        try
        {
            var (exitCode, _, _) = Run("allocation", "--tier", "S", "--seed", "5", "--dump", file);

            exitCode.ShouldBe(0);
            var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifestFile)).RootElement;
            manifest.GetProperty("sha256").GetString().ShouldBe(InstanceJsonLines.Sha256(InstanceGenerator.Generate(BenchTier.S, 5)));
            manifest.GetProperty("generatorVersion").GetString().ShouldBe(InstanceGenerator.Version);
            manifest.GetProperty("seed").GetInt32().ShouldBe(5);
            manifest.GetProperty("households").GetInt32().ShouldBe(1_500);
        }
        finally
        {
            File.Delete(file);
            File.Delete(manifestFile);
        }
    }
}
