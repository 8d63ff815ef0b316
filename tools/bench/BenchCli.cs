using System.Diagnostics;
using KosodateShien.Bench.Generator;
using KosodateShien.Bench.Measurement;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench;

/// <summary><c>bench allocation …</c>: generate, optionally dump, run the engine, report.</summary>
public static class BenchCli
{
    public const int Ok = 0, ConstraintViolated = 1, UsageError = 2;

    /// <param name="heuristicEngine">the engine in heuristic mode (a parameter so that tests can run the CLI on a stand-in)</param>
    /// <param name="exactEngine">the engine in exact mode (CP-SAT); <c>--mode exact</c> is refused without it</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<AllocationInstance, AllocationResult> heuristicEngine, ExactEngine? exactEngine = null)
    {
        if (args is [] or ["help" or "--help" or "-h"] or ["allocation", "--help" or "-h"])
        {
            output.WriteLine(BenchArguments.Usage);
            return Ok;
        }
        var (arguments, problem) = BenchArguments.Parse(args);
        if (arguments is null)
        {
            error.WriteLine($"bench: {problem}");
            error.WriteLine(BenchArguments.Usage);
            return UsageError;
        }
        if (arguments.Exact && exactEngine is null)
        {
            error.WriteLine("bench: exact mode is not available in this build: no exact engine (CP-SAT) was given. Use --mode heuristic.");
            return UsageError;
        }

        var clock = Stopwatch.StartNew();
        var instance = InstanceGenerator.Generate(arguments.Tier, arguments.Seed);
        var generateTime = clock.Elapsed;

        if (arguments.DumpFile is not null)
            return Dump(instance, arguments, generateTime, output);

        // Exact mode: the heuristic once first (outside the timed runs), for the comparison in the report.
        var heuristic = arguments.Exact ? heuristicEngine(instance) : null;
        var (last, samples) = AllocationRunner.Run(instance, arguments.Runs, arguments.Exact ? exactEngine!.Run : heuristicEngine);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var run = new BenchRun(
            arguments,
            InstanceJsonLines.Sha256(instance),
            generateTime,
            AllocationMetrics.Of(instance, last),
            last,
            samples,
            process.PeakWorkingSet64,
            GC.GetTotalAllocatedBytes(precise: true))
        {
            Exact = heuristic is null ? null : new ExactComparison(exactEngine!.LastReport,
                heuristic.Outcomes.Count(o => o.Kind == OutcomeKind.Placed), heuristic.Stable, heuristic.Check.BlockingCoalitions),
        };
        AllocationReport.Write(run, output);

        if (!run.HardConstraintsHold) error.WriteLine("bench: the allocation breaks a hard constraint (IR or capacity): see 'check'.");
        if (!run.HashesAgree) error.WriteLine("bench: the runs gave different assignments on the same instance.");
        return run.HardConstraintsHold && run.HashesAgree ? Ok : ConstraintViolated;
    }

    private static int Dump(AllocationInstance instance, BenchArguments arguments, TimeSpan generateTime, TextWriter output)
    {
        var manifestFile = Path.ChangeExtension(arguments.DumpFile!, ".manifest.json");
        var sha256 = InstanceJsonLines.WriteFile(instance, arguments.DumpFile!);
        var manifest = InstanceManifest.For(instance, arguments.Tier, arguments.Seed, GeneratorOptions.Default, arguments.DumpFile!, sha256);
        File.WriteAllText(manifestFile, manifest.ToJson() + Environment.NewLine);

        var report = new ReportWriter(output);
        report.Heading($"bench allocation  tier {arguments.Tier}  seed {arguments.Seed}  generator {InstanceGenerator.Version}");
        report.Row("households", ReportWriter.Count(manifest.Households));
        report.Row("children", ReportWriter.Count(manifest.Children));
        report.Row("facilities", ReportWriter.Count(manifest.Facilities));
        report.Row("seats", ReportWriter.Count(manifest.Seats));
        report.Row("generate", ReportWriter.Millis(generateTime));
        report.Row("instance", arguments.DumpFile!, $"sha256 {sha256}");
        report.Row("manifest", manifestFile);
        return Ok;
    }
}
