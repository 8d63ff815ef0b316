using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Bench.Measurement.ReportWriter;

namespace KosodateShien.Bench.Measurement;

/// <summary>Everything one <c>bench allocation</c> invocation measured.</summary>
public sealed record BenchRun(
    BenchArguments Arguments,
    string InstanceSha256,
    TimeSpan GenerateTime,
    AllocationMetrics Metrics,
    AllocationResult LastResult,
    IReadOnlyList<RunSample> Samples,
    long PeakWorkingSetBytes,
    long TotalAllocatedBytes)
{
    /// <summary>Exact mode only: the CP-SAT report and the heuristic's figures on the same instance.</summary>
    public ExactComparison? Exact { get; init; }

    public bool HashesAgree => Samples.Select(s => s.AssignmentHash).Distinct().Count() == 1;

    public bool HardConstraintsHold =>
        LastResult.Check.IrViolations == 0 && LastResult.Check.CapacityViolations == 0
        && Metrics.AuditIrViolations == 0 && Metrics.AuditCapacityViolations == 0;
}

/// <summary>Prints a <see cref="BenchRun"/> as the §4.3 metrics in aligned text.</summary>
public static class AllocationReport
{
    public static void Write(BenchRun run, TextWriter output)
    {
        var report = new ReportWriter(output);
        var m = run.Metrics;
        var check = run.LastResult.Check;
        var diagnostics = run.LastResult.Diagnostics;

        report.Heading($"bench allocation  tier {run.Arguments.Tier}  seed {run.Arguments.Seed}  mode {diagnostics.Mode.ToString().ToLowerInvariant()}  runs {run.Samples.Count}");
        report.Heading($"generator {Generator.InstanceGenerator.Version}  instance sha256 {run.InstanceSha256[..16]}  engine {diagnostics.AlgorithmVersion}");

        report.Section("instance");
        report.Row("households", Count(m.Households));
        report.Row("children", Count(m.Children));
        report.Row("facilities", Count(m.Facilities));
        report.Row("seats", Count(m.Seats), $"{(double)m.Seats / m.Children:F2} per child");

        report.Section("placements");
        report.Row("placed", Count(m.Placed), $"{Percent(m.Placed, m.Children)} of children, realised transfers included (内定)");
        for (var g = 0; g < AllocationMetrics.AgeClasses; g++)
            report.Row($"class {g}", Count(m.PlacedByClass[g]), $"of {Count(m.ChildrenByClass[g])} children, {Count(m.SeatsByClass[g])} seats ({g}歳児)");
        report.Row("1st choice", Percent(m.FirstChoice, m.Placed), "of placed (household option rank 1)");
        report.Row("top 3", Percent(m.TopThree, m.Placed), "of placed");
        report.Row("unplaced", Count(m.Unplaced), "保留");

        report.Section("siblings");
        report.Row("groups", Count(m.Siblings.Groups));
        report.Row("placed together", Count(m.Siblings.Together));
        report.Row("split", Count(m.Siblings.Split));
        report.Row("partly placed", Count(m.Siblings.PartlyPlaced));
        report.Row("unplaced", Count(m.Siblings.Unplaced));

        report.Section("transfers");
        report.Row("applicants", Count(m.TransferApplicants), "children (転園)");
        report.Row("realised", Count(m.TransfersRealised));
        report.Row("kept", Count(m.TransfersKept), "継続");
        report.Row("seat chains", Count(diagnostics.SeatChains.Count), "玉突き");

        report.Section("check");
        report.Row("blocking coalitions", Count(check.BlockingCoalitions), $"single {Count(m.SingleCoalitions)}, sibling {Count(m.SiblingCoalitions)}");
        report.Row("justified envy", Count(check.JustifiedEnvy), "child-level pairs");
        report.Row("wasted seats", Count(check.WastedSeats));
        report.Row("IR violations", Count(check.IrViolations), $"bench audit {Count(m.AuditIrViolations)}");
        report.Row("capacity violations", Count(check.CapacityViolations), $"bench audit {Count(m.AuditCapacityViolations)}");
        report.Row("stable", YesNo(run.LastResult.Stable));
        report.Row("repair steps", Count(diagnostics.RepairSteps));
        report.Row("repair cycled", YesNo(diagnostics.RepairCycled));

        if (run.Exact is { } exact) WriteExact(report, run, exact);

        var last = run.Samples[^1];
        report.Section(run.Samples.Count > 1 ? "time (engine phases: last run)" : "time");
        report.Row("generate", Millis(run.GenerateTime));
        foreach (var (phase, time) in diagnostics.PhaseTimes) report.Row($"engine: {phase}", Millis(time));
        report.Row("run wall", Millis(last.Wall), $"cpu {Millis(last.Cpu)}");
        if (run.Samples.Count > 1)
        {
            report.Row("run wall min", Millis(run.Samples.Min(s => s.Wall)));
            report.Row("run wall median", Millis(AllocationRunner.Median(run.Samples.Select(s => s.Wall))));
        }

        report.Section("memory");
        report.Row("peak working set", Megabytes(run.PeakWorkingSetBytes), "whole process, generation included");
        report.Row("allocated", Megabytes(run.TotalAllocatedBytes), "GC total over the process");
        report.Row("allocated by run", Megabytes(last.AllocatedBytes), run.Samples.Count > 1 ? "last run" : null);

        report.Section("determinism");
        report.Row("assignment hash", last.AssignmentHash, "SHA-256 of sorted child→facility pairs");
        if (run.Samples.Count > 1)
            report.Row("identical across runs", YesNo(run.HashesAgree), $"{run.Samples.Count} runs");
    }

    private static void WriteExact(ReportWriter report, BenchRun run, ExactComparison exact)
    {
        report.Section("exact (CP-SAT)");
        report.Row("status", run.LastResult.Diagnostics.ExactStatus ?? "-");
        if (exact.Report is { } solve)
        {
            report.Row("model", $"{Count(solve.Variables)} vars", $"{Count(solve.Constraints)} constraints, built in {Millis(solve.ModelBuild)}");
            foreach (var stage in solve.Stages)
                report.Row($"solve: {stage.Name}", Millis(stage.Wall), $"{stage.Status}, objective {Objective(stage.Objective)}, bound {Objective(stage.Bound)}");
        }
        report.Row("heuristic placed", Count(exact.HeuristicPlaced), $"exact {(run.Metrics.Placed - exact.HeuristicPlaced >= 0 ? "+" : "")}{Count(run.Metrics.Placed - exact.HeuristicPlaced)}");
        report.Row("heuristic stable", YesNo(exact.HeuristicStable), $"{Count(exact.HeuristicBlockingCoalitions)} blocking coalitions");
    }

    private static string Objective(double value) => double.IsNaN(value) ? "-" : value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
