using System.Diagnostics;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;

namespace KosodateShien.Bench.Fees;

/// <summary>
/// <c>bench fees …</c>: by default the month's fee determination from stored data (<see cref="StoredFeeBench"/>); with
/// <c>--engine-only</c> the fee engine alone on synthetic households (one core): how many child fees per second it
/// determines, and the time for N children. Deterministic for a seed (checksum printed).
/// </summary>
public static class FeeBench
{
    /// <summary>Where the stored-data mode writes (an Npgsql connection string; <c>./kosodate bench</c> sets it).</summary>
    public const string DatabaseVariable = "KOSODATE_BENCH_DB";

    public const string Usage = """
        usage: bench fees [--children N] [--seed S] [--month YYYY-MM] [--keep-ward]
               bench fees --engine-only [--children N] [--seed S] [--passes P]
          fees        the month's 利用者負担額 determination from stored data, as the service runs it: writes a synthetic ward
                      (default 100,000 children with a running placement, in households with guardians, tax years for both
                      年度, 保育認定 and facilities) through Marten into the schema bench_fees of the local cluster (dropped and
                      recreated each run; $KOSODATE_BENCH_DB), then runs DetermineMonthlyFees through a Wolverine host with
                      the service's configuration: the previous month first (warm-up, as a running service has done), then
                      the month (default 2027-06) twice; prints the load time (not part of the run), the run's wall time,
                      placements per second, CPU of the client and of PostgreSQL, the events appended, the second run
                      (appends nothing) and a check that every placement has a determination in force for the month
                      and none was made for it twice.
                      Exit 1 if the check or the second run fails.
          --keep-ward keep the ward an earlier run left in bench_fees when it has as many placements (no load); pick a
                      --month that ward has not run yet (the warm-up month may then append nothing)
          --engine-only
                      the fee engine alone on one core, no database: synthetic households with 1–3 children (default
                      100,000 children), national rule set, months June (前年度 tax) and October (当年度 tax); prints child
                      fees per second, the time for all children per pass (--passes, default 5) and a checksum of the fees
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        int children = 100_000, seed = 1, passes = 5;
        var engineOnly = false;
        var keepWard = false;
        DateOnly? month = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count && int.TryParse(args[i + 1], out var v) && v > 0 ? v : (int?)null;
            switch (args[i])
            {
                case "--engine-only": engineOnly = true; break;
                case "--keep-ward": keepWard = true; break;
                case "--children" when value is not null: children = value.Value; i++; break;
                case "--seed" when value is not null: seed = value.Value; i++; break;
                case "--passes" when value is not null: passes = value.Value; i++; break;
                case "--month" when i + 1 < args.Count && DateOnly.TryParseExact(args[i + 1] + "-01", "yyyy-MM-dd", out var m): month = m; i++; break;
                case "help" or "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"bench fees: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        if (engineOnly && (month is not null || keepWard) || !engineOnly && args.Contains("--passes"))
        {
            error.WriteLine(engineOnly ? "bench fees: --month and --keep-ward are for the stored-data run, not --engine-only" : "bench fees: --passes is for --engine-only");
            error.WriteLine(Usage);
            return 2;
        }
        if (engineOnly) return RunEngine(children, seed, passes, output);

        var connection = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine($"bench fees: {DatabaseVariable} is not set: run it with ./kosodate bench fees (it starts the local cluster and sets it), or use --engine-only.");
            return 2;
        }
        return StoredFeeBench.RunAsync(new StoredFeeOptions(children, seed, month ?? default, KeepWard: keepWard), connection, output, error).GetAwaiter().GetResult();
    }

    private static int RunEngine(int children, int seed, int passes, TextWriter output)
    {
        var households = SyntheticHouseholds.Generate(children, seed);
        var rules = FeeRuleSets.NationalFreeEducation;
        DateOnly[] months = [new(2027, 6, 1), new(2027, 10, 1)];
        var childCount = households.Sum(h => h.Children.Count);

        long checksum = 0;
        Pass(rules, months[0], households, ref checksum); // warm-up (JIT)
        var times = new List<TimeSpan>();
        checksum = 0;
        for (var p = 0; p < passes; p++)
        {
            var clock = Stopwatch.StartNew();
            Pass(rules, months[p % 2], households, ref checksum);
            times.Add(clock.Elapsed);
        }
        var best = times.Min();
        var median = times.Order().ElementAt(times.Count / 2);
        output.WriteLine($"bench fees --engine-only  children {childCount:N0} in {households.Count:N0} households  seed {seed}  passes {passes}  rule set {rules.Name} v{rules.Version}");
        output.WriteLine($"  pass time (all children)   min {best.TotalMilliseconds,8:N1} ms   median {median.TotalMilliseconds,8:N1} ms");
        output.WriteLine($"  child fees per second      {childCount / best.TotalSeconds,12:N0}   (one core, best pass)");
        output.WriteLine($"  allocated                  {GC.GetTotalAllocatedBytes(precise: true) / 1024.0 / 1024:N0} MB   (whole process)");
        output.WriteLine($"  checksum                   {checksum}");
        return 0;
    }

    private static void Pass(FeeRuleSet rules, DateOnly month, List<(FeeHousehold Household, List<FeeChild> Children)> households, ref long checksum)
    {
        foreach (var (household, children) in households)
        {
            var fees = FeeEngine.Quote(rules, month, household, children);
            for (var i = 0; i < fees.Count; i++) checksum += fees[i].Fee + fees[i].SideDishFee;
        }
    }
}

/// <summary>Households shaped like a Tokyo ward's: 1–3 preschool or school children, incomes across the national tiers.</summary>
internal static class SyntheticHouseholds
{
    public static List<(FeeHousehold Household, List<FeeChild> Children)> Generate(int children, int seed)
    {
        var random = new Random(seed);
        var result = new List<(FeeHousehold, List<FeeChild>)>();
        var made = 0;
        var reference = new DateOnly(2027, 6, 1);
        while (made < children)
        {
            var count = random.NextDouble() switch { < 0.70 => 1, < 0.95 => 2, _ => 3 };
            var kids = new List<FeeChild>(count);
            for (var k = 0; k < count; k++, made++)
            {
                var birth = reference.AddDays(-random.Next(60, 365 * 9));
                var classAge = JapaneseDates.ClassAge(birth, 2027);
                var school = JapaneseDates.SchoolEntryDate(birth) <= reference;
                var category = school ? (CertificationCategory?)null : classAge < 3 ? CertificationCategory.Category3 : CertificationCategory.Category2;
                var enrollment = school ? Enrollment.School : random.NextDouble() < 0.9 ? Enrollment.Nursery : Enrollment.None;
                kids.Add(new FeeChild($"c{made}", birth, category, random.NextDouble() < 0.7 ? CareLevel.Standard : CareLevel.Short, enrollment));
            }
            var roll = random.NextDouble();
            var nonTaxable = roll < 0.04;
            long Levy() => nonTaxable ? 0 : (long)(Math.Exp(11.6 + random.NextDouble() * 1.6) / 100) * 100;
            var household = new FeeHousehold(roll is >= 0.04 and < 0.06, random.NextDouble() < 0.08, random.NextDouble() < 0.01,
                [new HouseholdTaxYear(2026, Levy(), nonTaxable), new HouseholdTaxYear(2027, Levy(), nonTaxable)]);
            result.Add((household, kids));
        }
        return result;
    }
}
